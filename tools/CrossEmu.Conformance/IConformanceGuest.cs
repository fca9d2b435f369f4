using CrossEmu.Conformance.Decoder;
using CrossEmu.Conformance.Differential;
using CrossEmu.Isa.Guests;

namespace CrossEmu.Conformance;

/// <summary>What `crossemu conformance` needs of a guest ISA besides the descriptor.</summary>
public interface IConformanceGuest : IGuestIsa
{
    /// <summary>The decoder cross-check's side of ours: the decode tables and the real frontend.</summary>
    IDecoderUnderTest CreateDecoderUnderTest();

    /// <summary>Differential execution: the harness and the rules for generated sequences.</summary>
    IsaProfile CreateDifferentialProfile();
}
