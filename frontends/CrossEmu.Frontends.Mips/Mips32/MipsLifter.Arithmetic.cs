using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Integer add and subtract (the trapping forms raise IntegerOverflow and leave the destination
/// unchanged), set-on-less-than, conditional moves, count leading zeros and ones.
/// </summary>
internal sealed partial class MipsLifter
{
    /// <summary>rd = x + y (or x - y) that traps on signed overflow, leaving rd unchanged.</summary>
    void TrappingAdd(int rd, Value x, Value y, bool subtract)
    {
        if (BothConst(x, y))
        {
            int a = (int)x.Constant, c = (int)y.Constant;
            long exact = subtract ? (long)a - c : (long)a + c;
            if (exact != (int)exact) Raise(ExitReason.IntegerOverflow, Imm32(0));
            else SetR(rd, Imm32((uint)exact));
            return;
        }
        // x - y is x + ~y + 1: one AddC32 gives the result and, lazily, its overflow
        Value sum = subtract ? b.AddC32(x, b.Not32(y), IrBuilder.Imm1(true)) : b.AddC32(x, y, IrBuilder.Imm1(false));
        RaiseIf(b.OverflowOf32(sum), ExitReason.IntegerOverflow, Imm32(0));
        SetR(rd, sum);
    }

    // add rd, rs, rt
    public bool Trans_ADD(ref Mips32Arg_rrr a)
    {
        TrappingAdd(a.rd, R(a.rs), R(a.rt), subtract: false);
        return true;
    }

    // addu rd, rs, rt (move when one operand is $zero)
    public bool Trans_ADDU(ref Mips32Arg_rrr a)
    {
        SetR(a.rd, Add(R(a.rs), R(a.rt)));
        return true;
    }

    // sub rd, rs, rt
    public bool Trans_SUB(ref Mips32Arg_rrr a)
    {
        TrappingAdd(a.rd, R(a.rs), R(a.rt), subtract: true);
        return true;
    }

    // subu rd, rs, rt (negu rd, rt when rs is $zero)
    public bool Trans_SUBU(ref Mips32Arg_rrr a)
    {
        SetR(a.rd, a.rs == a.rt ? Imm32(0) : Sub(R(a.rs), R(a.rt)));
        return true;
    }

    // addi rt, rs, imm
    public bool Trans_ADDI(ref Mips32Arg_rri a)
    {
        TrappingAdd(a.rt, R(a.rs), Imm32(a.imm), subtract: false);
        return true;
    }

    // addiu rt, rs, imm (li rt, imm when rs is $zero)
    public bool Trans_ADDIU(ref Mips32Arg_rri a)
    {
        SetR(a.rt, Add(R(a.rs), Imm32(a.imm)));
        return true;
    }

    Value SetIf(Value cond) => cond.IsConstant ? Imm32((uint)cond.Constant) : b.Bool1To32(cond);

    // slt rd, rs, rt
    public bool Trans_SLT(ref Mips32Arg_rrr a)
    {
        SetR(a.rd, a.rs == a.rt ? Imm32(0) : SetIf(b.LtS32(R(a.rs), R(a.rt))));
        return true;
    }

    // sltu rd, rs, rt (sltu rd, $zero, rt is rt != 0)
    public bool Trans_SLTU(ref Mips32Arg_rrr a)
    {
        Value r = a.rs == a.rt || a.rt == 0 ? Imm32(0)
            : a.rs == 0 ? b.Bool1To32(b.Ne32(R(a.rt), Imm32(0)))
            : b.Bool1To32(b.LtU32(R(a.rs), R(a.rt)));
        SetR(a.rd, r);
        return true;
    }

    // slti rt, rs, imm
    public bool Trans_SLTI(ref Mips32Arg_rri a)
    {
        Value r = a.rs == 0 ? Imm32(0 < a.imm ? 1 : 0) : b.Bool1To32(b.LtS32(R(a.rs), Imm32(a.imm)));
        SetR(a.rt, r);
        return true;
    }

    // sltiu rt, rs, imm (the immediate is sign-extended, then compared unsigned)
    public bool Trans_SLTIU(ref Mips32Arg_rri a)
    {
        Value r = a.rs == 0 ? Imm32(a.imm != 0 ? 1 : 0)
            : a.imm == 1 ? b.Bool1To32(b.Eq32(R(a.rs), Imm32(0)))
            : b.Bool1To32(b.LtU32(R(a.rs), Imm32(a.imm)));
        SetR(a.rt, r);
        return true;
    }

    // movz rd, rs, rt: rd = rs when rt == 0
    public bool Trans_MOVZ(ref Mips32Arg_rrr a)
    {
        if (a.rt == 0) SetR(a.rd, R(a.rs));
        else if (a.rs != a.rd) SetR(a.rd, b.Select32(b.Eq32(R(a.rt), Imm32(0)), R(a.rs), R(a.rd)));
        return true;
    }

    // movn rd, rs, rt: rd = rs when rt != 0
    public bool Trans_MOVN(ref Mips32Arg_rrr a)
    {
        if (a.rt != 0 && a.rs != a.rd) SetR(a.rd, b.Select32(b.Ne32(R(a.rt), Imm32(0)), R(a.rs), R(a.rd)));
        return true;
    }

    // clz rd, rs
    public bool Trans_CLZ(ref Mips32Arg_CLZ a)
    {
        SetR(a.rd, a.rs == 0 ? Imm32(32) : b.Clz32(R(a.rs)));
        return true;
    }

    // clo rd, rs
    public bool Trans_CLO(ref Mips32Arg_CLO a)
    {
        SetR(a.rd, a.rs == 0 ? Imm32(0) : b.Clz32(b.Not32(R(a.rs))));
        return true;
    }
}
