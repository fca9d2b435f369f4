using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Shifts and rotates by an immediate or by the low five bits of a register (the IR shift ops
/// take their amount modulo 32, which is the MIPS rule).
/// </summary>
internal sealed partial class MipsLifter
{
    /// <summary>rd = op(rt, sa); a shift by 0 is a move (sll $0, $0, 0 is nop: nothing is emitted).</summary>
    void ShiftImmediate(int rd, int rt, int sa, Func<Value, Value, Value> op)
    {
        if (rd == 0) return;
        Value v = R(rt);
        SetR(rd, sa == 0 ? v : v.IsConstant ? Imm32(0) : op(v, Imm32(sa)));
    }

    // sll rd, rt, sa (also nop, ssnop, ehb, pause)
    public bool Trans_SLL(ref Mips32Arg_shift a)
    {
        ShiftImmediate(a.rd, a.rt, a.sa, b.Shl32);
        return true;
    }

    // srl rd, rt, sa
    public bool Trans_SRL(ref Mips32Arg_shift a)
    {
        ShiftImmediate(a.rd, a.rt, a.sa, b.Shr32);
        return true;
    }

    // sra rd, rt, sa
    public bool Trans_SRA(ref Mips32Arg_shift a)
    {
        ShiftImmediate(a.rd, a.rt, a.sa, b.Sar32);
        return true;
    }

    // rotr rd, rt, sa
    public bool Trans_ROTR(ref Mips32Arg_shift a)
    {
        ShiftImmediate(a.rd, a.rt, a.sa, b.Ror32);
        return true;
    }

    /// <summary>rd = op(rt, rs); shifting $zero gives 0, a shift by $zero is a move.</summary>
    void ShiftVariable(int rd, int rt, int rs, Func<Value, Value, Value> op)
    {
        if (rd == 0) return;
        SetR(rd, rt == 0 ? Imm32(0) : rs == 0 ? R(rt) : op(R(rt), R(rs)));
    }

    // sllv rd, rt, rs
    public bool Trans_SLLV(ref Mips32Arg_rrr a)
    {
        ShiftVariable(a.rd, a.rt, a.rs, b.Shl32);
        return true;
    }

    // srlv rd, rt, rs
    public bool Trans_SRLV(ref Mips32Arg_rrr a)
    {
        ShiftVariable(a.rd, a.rt, a.rs, b.Shr32);
        return true;
    }

    // srav rd, rt, rs
    public bool Trans_SRAV(ref Mips32Arg_rrr a)
    {
        ShiftVariable(a.rd, a.rt, a.rs, b.Sar32);
        return true;
    }

    // rotrv rd, rt, rs
    public bool Trans_ROTRV(ref Mips32Arg_rrr a)
    {
        ShiftVariable(a.rd, a.rt, a.rs, b.Ror32);
        return true;
    }
}
