using CrossEmu.Frontends.Mips.Fpu;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// The FPU (CP1) lifters, decoded by Fpu/fpu.decode. Moves, loads/stores, condition-code
/// branches and conditional moves are plain IR; arithmetic, conversions and compares call the
/// helpers in Fpu/MipsFpuHelpers, which apply IEEE rounding, the FCSR and the legacy NaN rules
/// to the guest state and tell the lifter when an enabled exception traps. This file holds the
/// pieces the FPU groups share.
/// </summary>
internal sealed partial class MipsLifter : IMipsFpuTranslator
{
    /// <summary>Decodes a word of the FPU's opcode space (see IsFpuWord); false when undefined.</summary>
    bool DecodeFpu(uint word) => MipsFpuDecoder.Decode(this, word);

    /// <summary>The 32-bit FPR half n.</summary>
    Value F(int n) => b.GetReg32(MipsRegs.F(n));

    void SetF(int n, Value v) => b.SetReg32(v, MipsRegs.F(n));

    /// <summary>The double in the even/odd pair holding register n (FR = 0: low word in the even half).</summary>
    Value FPair(int n) => b.Pair32To64(F(n & ~1), F(n | 1));

    void SetFPair(int n, Value v)
    {
        SetF(n & ~1, b.Lo64To32(v));
        SetF(n | 1, b.Hi64To32(v));
    }

    Value Fcsr() => b.GetReg32(MipsRegs.Fcsr);

    /// <summary>Condition code cc (0..7) of FCSR, as I1.</summary>
    Value FpCondition(int cc) => b.Ne32(b.And32(Fcsr(), Imm32(1u << MipsFcsr.ConditionBit(cc))), Imm32(0));

    /// <summary>QEMU (FR = 0) takes a D operand in an odd register as a reserved instruction.</summary>
    static bool OddDouble(int d, int r1, int r2 = 0, int r3 = 0, int r4 = 0) => d != 0 && ((r1 | r2 | r3 | r4) & 1) != 0;

    /// <summary>Calls an FPU helper and raises the floating-point exception it reports (its cause field).</summary>
    void CallFpu(IrHelper helper, int regs, int d, long extra = 0)
    {
        var cause = b.Call(helper, Imm64((ulong)regs), Imm64((ulong)d), Imm64(extra));
        RaiseIf(b.Ne64(cause, Imm64(0UL)), ExitReason.FloatingPoint, b.Lo64To32(cause));
    }

    /// <summary>Raises the floating-point exception that a new FCSR value enables (CTC1): cause bits with their enable, or E.</summary>
    void RaiseIfFcsrTraps(Value fcsr, Value accepted)
    {
        var enabled = b.Or32(b.Shl32(fcsr, Imm32(MipsFcsr.CauseShift - MipsFcsr.EnablesShift)), Imm32(MipsFcsr.UnimplementedCause));
        var pending = b.And32(b.And32(enabled, fcsr), Imm32(MipsFcsr.CauseMask));
        var cause = b.And32(b.Shr32(fcsr, Imm32(MipsFcsr.CauseShift)), Imm32(0x3F));
        RaiseIf(b.And1(accepted, b.Ne32(pending, Imm32(0))), ExitReason.FloatingPoint, cause);
    }
}
