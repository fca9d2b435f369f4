using CrossEmu.Frontends.Mips.Mips32;
using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips;

/// <summary>
/// The MIPS32 Release 2 frontend, one class for both byte orders (`mips` big endian, `mipsel`
/// little endian): the byte order changes how instruction words and data are read, nothing else.
/// Stateless and safe to share between threads (each Lift uses its own lifter).
/// </summary>
public sealed class MipsFrontend : IGuestFrontend
{
    /// <summary>Guest instructions lifted into one block at most (a branch keeps its delay slot).</summary>
    public const int MaxBlockInsns = 48;

    public MipsFrontend(bool bigEndian) { BigEndian = bigEndian; }

    public bool BigEndian { get; }

    public GuestStateLayout Layout => MipsRegs.Layout;

    public IrBlock Lift(uint pc, ICodeReader code) => MipsLifter.Lift(pc, code, BigEndian, MaxBlockInsns);

    /// <summary>Lifts at most maxInsns instructions (tests lift exactly the words they placed).</summary>
    public IrBlock Lift(uint pc, ICodeReader code, int maxInsns) => MipsLifter.Lift(pc, code, BigEndian, maxInsns);
}
