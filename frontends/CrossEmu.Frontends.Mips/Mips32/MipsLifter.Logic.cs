using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>Bitwise logic, register and immediate forms (the immediates are zero-extended), and LUI.</summary>
internal sealed partial class MipsLifter
{
    // and rd, rs, rt
    public bool Trans_AND(ref Mips32Arg_rrr a)
    {
        SetR(a.rd, a.rs == a.rt ? R(a.rs) : And(R(a.rs), R(a.rt)));
        return true;
    }

    // or rd, rs, rt (move rd, rs when rt is $zero)
    public bool Trans_OR(ref Mips32Arg_rrr a)
    {
        SetR(a.rd, a.rs == a.rt ? R(a.rs) : Or(R(a.rs), R(a.rt)));
        return true;
    }

    // xor rd, rs, rt
    public bool Trans_XOR(ref Mips32Arg_rrr a)
    {
        SetR(a.rd, a.rs == a.rt ? Imm32(0) : Xor(R(a.rs), R(a.rt)));
        return true;
    }

    // nor rd, rs, rt (not rd, rs when rt is $zero)
    public bool Trans_NOR(ref Mips32Arg_rrr a)
    {
        SetR(a.rd, Not(a.rs == a.rt ? R(a.rs) : Or(R(a.rs), R(a.rt))));
        return true;
    }

    // andi rt, rs, imm
    public bool Trans_ANDI(ref Mips32Arg_rri a)
    {
        SetR(a.rt, And(R(a.rs), Imm32(a.imm)));
        return true;
    }

    // ori rt, rs, imm (li rt, imm when rs is $zero)
    public bool Trans_ORI(ref Mips32Arg_rri a)
    {
        SetR(a.rt, Or(R(a.rs), Imm32(a.imm)));
        return true;
    }

    // xori rt, rs, imm
    public bool Trans_XORI(ref Mips32Arg_rri a)
    {
        SetR(a.rt, Xor(R(a.rs), Imm32(a.imm)));
        return true;
    }

    // lui rt, imm
    public bool Trans_LUI(ref Mips32Arg_LUI a)
    {
        SetR(a.rt, Imm32((uint)a.imm << 16));
        return true;
    }
}
