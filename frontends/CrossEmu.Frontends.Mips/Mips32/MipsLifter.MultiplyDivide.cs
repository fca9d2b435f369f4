using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Multiplies and divides: MUL into a GPR, the others into HI:LO, and the HI/LO moves.
/// Division by zero does not trap on MIPS (the result is UNPREDICTABLE); like QEMU, dividing by
/// zero leaves LO = rs and HI = 0 (QEMU divides by 1 instead), and INT_MIN / -1 gives
/// LO = INT_MIN, HI = 0 (the IR's SDiv32/SRem32 rule).
/// </summary>
internal sealed partial class MipsLifter
{
    Value HiLo() => b.Pair32To64(b.GetReg32(MipsRegs.Lo), b.GetReg32(MipsRegs.Hi));

    void SetHiLo(Value v)
    {
        b.SetReg32(b.Lo64To32(v), MipsRegs.Lo);
        b.SetReg32(b.Hi64To32(v), MipsRegs.Hi);
    }

    Value Product(int rs, int rt, bool signed)
    {
        Value x = R(rs), y = R(rt);
        return signed ? b.Mul64(b.SExt32To64(x), b.SExt32To64(y)) : b.Mul64(b.ZExt32To64(x), b.ZExt32To64(y));
    }

    // mul rd, rs, rt (HI and LO are left alone, as QEMU does)
    public bool Trans_MUL(ref Mips32Arg_rrr a)
    {
        SetR(a.rd, a.rs == 0 || a.rt == 0 ? Imm32(0) : b.Mul32(R(a.rs), R(a.rt)));
        return true;
    }

    // mult rs, rt
    public bool Trans_MULT(ref Mips32Arg_rr a)
    {
        SetHiLo(Product(a.rs, a.rt, signed: true));
        return true;
    }

    // multu rs, rt
    public bool Trans_MULTU(ref Mips32Arg_rr a)
    {
        SetHiLo(Product(a.rs, a.rt, signed: false));
        return true;
    }

    // madd rs, rt: HI:LO += rs * rt (signed)
    public bool Trans_MADD(ref Mips32Arg_rr a)
    {
        SetHiLo(b.Add64(HiLo(), Product(a.rs, a.rt, signed: true)));
        return true;
    }

    // maddu rs, rt
    public bool Trans_MADDU(ref Mips32Arg_rr a)
    {
        SetHiLo(b.Add64(HiLo(), Product(a.rs, a.rt, signed: false)));
        return true;
    }

    // msub rs, rt: HI:LO -= rs * rt (signed)
    public bool Trans_MSUB(ref Mips32Arg_rr a)
    {
        SetHiLo(b.Sub64(HiLo(), Product(a.rs, a.rt, signed: true)));
        return true;
    }

    // msubu rs, rt
    public bool Trans_MSUBU(ref Mips32Arg_rr a)
    {
        SetHiLo(b.Sub64(HiLo(), Product(a.rs, a.rt, signed: false)));
        return true;
    }

    /// <summary>LO = rs / rt, HI = rs % rt, with a zero divisor replaced by 1 (QEMU's results).</summary>
    void Divide(int rs, int rt, bool signed)
    {
        Value x = R(rs);
        if (rt == 0)
        {
            b.SetReg32(x, MipsRegs.Lo);
            b.SetReg32(Imm32(0), MipsRegs.Hi);
            return;
        }
        Value y = R(rt);
        Value d = b.Select32(b.Eq32(y, Imm32(0)), Imm32(1), y);
        b.SetReg32(signed ? b.SDiv32(x, d) : b.UDiv32(x, d), MipsRegs.Lo);
        b.SetReg32(signed ? b.SRem32(x, d) : b.URem32(x, d), MipsRegs.Hi);
    }

    // div rs, rt (the assembler's "div $zero, rs, rt")
    public bool Trans_DIV(ref Mips32Arg_rr a)
    {
        Divide(a.rs, a.rt, signed: true);
        return true;
    }

    // divu rs, rt
    public bool Trans_DIVU(ref Mips32Arg_rr a)
    {
        Divide(a.rs, a.rt, signed: false);
        return true;
    }

    // mfhi rd
    public bool Trans_MFHI(ref Mips32Arg_rd a)
    {
        SetR(a.rd, b.GetReg32(MipsRegs.Hi));
        return true;
    }

    // mflo rd
    public bool Trans_MFLO(ref Mips32Arg_rd a)
    {
        SetR(a.rd, b.GetReg32(MipsRegs.Lo));
        return true;
    }

    // mthi rs
    public bool Trans_MTHI(ref Mips32Arg_rs a)
    {
        b.SetReg32(R(a.rs), MipsRegs.Hi);
        return true;
    }

    // mtlo rs
    public bool Trans_MTLO(ref Mips32Arg_rs a)
    {
        b.SetReg32(R(a.rs), MipsRegs.Lo);
        return true;
    }
}
