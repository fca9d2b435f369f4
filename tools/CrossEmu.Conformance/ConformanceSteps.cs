using CrossEmu.Conformance.Decoder;
using CrossEmu.Conformance.Differential;

namespace CrossEmu.Conformance;

/// <summary>The steps `crossemu conformance` knows, in the order they run.</summary>
public static class ConformanceSteps
{
    public static IReadOnlyList<IConformanceStep> All { get; } =
    [
        new DecoderStep(),
        new DifferentialStep(),
    ];
}
