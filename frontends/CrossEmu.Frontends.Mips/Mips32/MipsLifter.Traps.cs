using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Conditional traps and BREAK: ExitReason.Trap with the code Linux computes (the runtime maps
/// 7 to SIGFPE/FPE_INTDIV, 6 to FPE_INTOVF, others to SIGTRAP). Register forms carry the 10-bit
/// code of bits 15:6; immediate forms carry 0. A condition the lifter can decide is folded.
/// </summary>
internal sealed partial class MipsLifter
{
    void TrapIf(Value cond, uint code)
    {
        code |= MipsTrap.FromTrapInstruction;
        if (!cond.IsConstant) RaiseIf(cond, ExitReason.Trap, Imm32(code));
        else if (cond.Constant != 0) Raise(ExitReason.Trap, Imm32(code));
    }

    static Value Decided(bool c) => IrBuilder.Imm1(c);

    // teq rs, rt, code
    public bool Trans_TEQ(ref Mips32Arg_trap a) { TrapIf(a.rs == a.rt ? True : b.Eq32(R(a.rs), R(a.rt)), (uint)a.code); return true; }
    // tne rs, rt, code
    public bool Trans_TNE(ref Mips32Arg_trap a) { TrapIf(a.rs == a.rt ? False : b.Ne32(R(a.rs), R(a.rt)), (uint)a.code); return true; }
    // tge rs, rt, code
    public bool Trans_TGE(ref Mips32Arg_trap a) { TrapIf(a.rs == a.rt ? True : b.LeS32(R(a.rt), R(a.rs)), (uint)a.code); return true; }
    // tgeu rs, rt, code
    public bool Trans_TGEU(ref Mips32Arg_trap a) { TrapIf(a.rs == a.rt ? True : b.LeU32(R(a.rt), R(a.rs)), (uint)a.code); return true; }
    // tlt rs, rt, code
    public bool Trans_TLT(ref Mips32Arg_trap a) { TrapIf(a.rs == a.rt ? False : b.LtS32(R(a.rs), R(a.rt)), (uint)a.code); return true; }
    // tltu rs, rt, code
    public bool Trans_TLTU(ref Mips32Arg_trap a) { TrapIf(a.rs == a.rt ? False : b.LtU32(R(a.rs), R(a.rt)), (uint)a.code); return true; }

    // teqi rs, imm
    public bool Trans_TEQI(ref Mips32Arg_ri a) { TrapIf(a.rs == 0 ? Decided(a.imm == 0) : b.Eq32(R(a.rs), Imm32(a.imm)), 0); return true; }
    // tnei rs, imm
    public bool Trans_TNEI(ref Mips32Arg_ri a) { TrapIf(a.rs == 0 ? Decided(a.imm != 0) : b.Ne32(R(a.rs), Imm32(a.imm)), 0); return true; }
    // tgei rs, imm
    public bool Trans_TGEI(ref Mips32Arg_ri a) { TrapIf(a.rs == 0 ? Decided(0 >= a.imm) : b.LeS32(Imm32(a.imm), R(a.rs)), 0); return true; }
    // tgeiu rs, imm (the immediate is sign-extended, then compared unsigned)
    public bool Trans_TGEIU(ref Mips32Arg_ri a) { TrapIf(a.rs == 0 ? Decided(a.imm == 0) : b.LeU32(Imm32(a.imm), R(a.rs)), 0); return true; }
    // tlti rs, imm
    public bool Trans_TLTI(ref Mips32Arg_ri a) { TrapIf(a.rs == 0 ? Decided(0 < a.imm) : b.LtS32(R(a.rs), Imm32(a.imm)), 0); return true; }
    // tltiu rs, imm
    public bool Trans_TLTIU(ref Mips32Arg_ri a) { TrapIf(a.rs == 0 ? Decided(a.imm != 0) : b.LtU32(R(a.rs), Imm32(a.imm)), 0); return true; }

    /// <summary>
    /// The code Linux reports for BREAK: bits 25:6, with the two 10-bit halves swapped when the
    /// upper half is used, so that both "break 7" (code in bits 25:16) and "break 0, 7" give 7.
    /// </summary>
    static uint BreakCode(int field)
    {
        uint code = (uint)field & 0xFFFFF;
        return code >= 1u << 10 ? (code & 0x3FF) << 10 | code >> 10 : code;
    }

    // break code
    public bool Trans_BREAK(ref Mips32Arg_BREAK a)
    {
        Raise(ExitReason.Trap, Imm32(BreakCode(a.code)));
        return true;
    }
}
