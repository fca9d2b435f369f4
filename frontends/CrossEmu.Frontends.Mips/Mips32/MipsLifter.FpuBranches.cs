using CrossEmu.Frontends.Mips.Fpu;

namespace CrossEmu.Frontends.Mips.Mips32;

// Branches on an FPU condition code (cc 0..7); the likely forms annul the delay slot when not taken.
internal sealed partial class MipsLifter
{
    uint FpBranchTarget(int offset) => pc + 4 + (uint)(offset << 2);

    /// <summary>bc1f cc, offset</summary>
    public bool Trans_BC1F(ref MipsFpuArg_bc a)
    {
        BranchTo(FpBranchTarget(a.offset), b.Not1(FpCondition(a.cc)));
        return true;
    }

    /// <summary>bc1t cc, offset</summary>
    public bool Trans_BC1T(ref MipsFpuArg_bc a)
    {
        BranchTo(FpBranchTarget(a.offset), FpCondition(a.cc));
        return true;
    }

    /// <summary>bc1fl cc, offset</summary>
    public bool Trans_BC1FL(ref MipsFpuArg_bc a)
    {
        BranchTo(FpBranchTarget(a.offset), b.Not1(FpCondition(a.cc)), likely: true);
        return true;
    }

    /// <summary>bc1tl cc, offset</summary>
    public bool Trans_BC1TL(ref MipsFpuArg_bc a)
    {
        BranchTo(FpBranchTarget(a.offset), FpCondition(a.cc), likely: true);
        return true;
    }
}
