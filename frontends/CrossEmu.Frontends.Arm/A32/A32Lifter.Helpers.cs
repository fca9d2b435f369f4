using System.Numerics;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>ExitIndirect kinds: a hint for the dispatcher's return-address stack.</summary>
internal enum ExitKind { Plain = 0, Call = 1, Return = 2 }

/// <summary>The shifter operand of a data-processing instruction, before it is lifted.</summary>
internal readonly record struct Operand2(Operand2.Form Kind, int Rm, int ShiftType, int Amount, int Rs, uint Imm, int Rot)
{
    public enum Form { Immediate, ImmShift, RegShift }

    /// <summary>#imm8 ror 2*rot.</summary>
    public static Operand2 Immediate(int imm8, int rot) => new(Form.Immediate, 0, 0, 0, 0, (uint)imm8, rot);

    /// <summary>rm, shift #amount (the A32 encodings: LSR/ASR #0 mean 32, ROR #0 means RRX).</summary>
    public static Operand2 ImmShift(int rm, int type, int amount) => new(Form.ImmShift, rm, type, amount, 0, 0, 0);

    /// <summary>rm, shift rs (amount: the low byte of rs).</summary>
    public static Operand2 RegShift(int rm, int type, int rs) => new(Form.RegShift, rm, type, 0, rs, 0, 0);
}

internal sealed partial class A32Lifter
{
    const int LSL = 0, LSR = 1, ASR = 2, ROR = 3;

    static Value Imm32(uint v) => IrBuilder.Imm32(v);
    static Value Imm32(int v) => IrBuilder.Imm32(v);
    static Value Imm64(ulong v) => IrBuilder.Imm64(v);
    static Value Imm64(long v) => IrBuilder.Imm64((ulong)v);

    // ------------------------------------------------------------------ registers and flags

    /// <summary>R[n]; r15 reads as the address of the instruction plus 8.</summary>
    Value R(int n) => n == 15 ? Imm32(pc + 8) : b.GetReg32(ArmRegs.R(n));

    /// <summary>R[n] = v. Writing r15 is a branch (BXWritePC, plain kind): see SetPc.</summary>
    void SetR(int n, Value v)
    {
        if (n == 15) SetPc(v, ExitKind.Plain);
        else b.SetReg32(v, ArmRegs.R(n));
    }

    /// <summary>
    /// Requests a write to pc. It happens after the instruction's other writes: the block ends
    /// there with an interworking exit (see WritePc).
    /// </summary>
    void SetPc(Value v, ExitKind kind)
    {
        pendingPc = v;
        pendingKind = kind;
    }

    Value Flag(int slot) => b.GetReg1(slot);

    void SetFlag(int slot, Value v) => b.SetReg1(v, slot);

    void SetNZ(Value result)
    {
        SetFlag(ArmRegs.N, b.LtS32(result, Imm32(0)));
        SetFlag(ArmRegs.Z, b.Eq32(result, Imm32(0)));
    }

    void SetNZ64(Value result)
    {
        SetFlag(ArmRegs.N, b.LtS64(result, Imm64(0UL)));
        SetFlag(ArmRegs.Z, b.Eq64(result, Imm64(0UL)));
    }

    /// <summary>Q |= saturated.</summary>
    void SetQIf(Value saturated) => SetFlag(ArmRegs.Q, b.Or1(Flag(ArmRegs.Q), saturated));

    /// <summary>Bit n of v as a flag.</summary>
    Value Bit(Value v, int n) => b.Ne32(b.And32(v, Imm32(1u << n)), Imm32(0));

    static bool IsPc(int r) => r == 15;

    // ------------------------------------------------------------------ conditions

    /// <summary>True when condition cond (0..13) does not hold: the instruction is skipped.</summary>
    Value ConditionFails(uint cond)
    {
        Value N() => Flag(ArmRegs.N);
        Value Z() => Flag(ArmRegs.Z);
        Value C() => Flag(ArmRegs.C);
        Value V() => Flag(ArmRegs.V);
        Value NeV() => b.Xor1(N(), V());
        return cond switch
        {
            0x0 => b.Not1(Z()),                         // EQ: Z
            0x1 => Z(),                                 // NE: !Z
            0x2 => b.Not1(C()),                         // CS: C
            0x3 => C(),                                 // CC: !C
            0x4 => b.Not1(N()),                         // MI: N
            0x5 => N(),                                 // PL: !N
            0x6 => b.Not1(V()),                         // VS: V
            0x7 => V(),                                 // VC: !V
            0x8 => b.Or1(b.Not1(C()), Z()),             // HI: C && !Z
            0x9 => b.And1(C(), b.Not1(Z())),            // LS: !C || Z
            0xA => NeV(),                               // GE: N == V
            0xB => b.Not1(NeV()),                       // LT: N != V
            0xC => b.Or1(Z(), NeV()),                   // GT: !Z && N == V
            0xD => b.Not1(b.Or1(Z(), NeV())),           // LE: Z || N != V
            _ => throw new ArgumentOutOfRangeException(nameof(cond)),
        };
    }

    // ------------------------------------------------------------------ pc writes and exits

    /// <summary>
    /// Ends the block at target with ARMv7 interworking (BXWritePC, also used for LDR/LDM/POP
    /// and ALU writes of pc): bit 0 set asks for Thumb state, which is not supported yet.
    /// </summary>
    void WritePc(Value target, ExitKind kind)
    {
        endsBlock = true;
        if (target.IsConstant)
        {
            uint t = (uint)target.Constant;
            if ((t & 1) != 0) ThumbUnsupported();
            else b.ExitJump(t & ~3u);
            return;
        }
        int thumb = b.NewLabel();
        b.BrIf(Bit(target, 0), thumb);
        b.ExitIndirect(b.And32(target, Imm32(~3u)), (long)kind);
        b.Label(thumb);
        ThumbUnsupported();
    }

    /// <summary>Exit for a switch to Thumb state, reported at the instruction that asked for it.</summary>
    void ThumbUnsupported()
    {
        b.ExitTrap(Imm32((uint)UnsupportedFeature.ThumbState), (long)ExitReason.Unsupported, pc);
        endsBlock = true;
    }

    // ------------------------------------------------------------------ shifter

    /// <summary>
    /// The value of a shifter operand; when wantCarry, also its carry-out (the C flag when the
    /// shifter does not produce one).
    /// </summary>
    Value Shifter(Operand2 op, bool wantCarry, out Value carry)
    {
        switch (op.Kind)
        {
            case Operand2.Form.Immediate:
                {
                    uint v = BitOperations.RotateRight(op.Imm, 2 * op.Rot);
                    carry = !wantCarry ? default : op.Rot == 0 ? Flag(ArmRegs.C) : IrBuilder.Imm1((v >> 31) != 0);
                    return Imm32(v);
                }
            case Operand2.Form.ImmShift:
                return ShiftByImm(R(op.Rm), op.ShiftType, op.Amount, wantCarry, out carry);
            default:
                return ShiftByReg(R(op.Rm), op.ShiftType, R(op.Rs), wantCarry, out carry);
        }
    }

    /// <summary>Shift by an encoded immediate: LSR/ASR #0 mean #32, ROR #0 is RRX.</summary>
    Value ShiftByImm(Value v, int type, int amount, bool wantCarry, out Value carry)
    {
        carry = default;
        switch (type)
        {
            case LSL:
                if (amount == 0)
                {
                    if (wantCarry) carry = Flag(ArmRegs.C);
                    return v;
                }
                if (wantCarry) carry = Bit(v, 32 - amount);
                return b.Shl32(v, Imm32(amount));
            case LSR:
                if (amount == 0)
                {
                    if (wantCarry) carry = Bit(v, 31);
                    return Imm32(0);
                }
                if (wantCarry) carry = Bit(v, amount - 1);
                return b.Shr32(v, Imm32(amount));
            case ASR:
                {
                    int n = amount == 0 ? 32 : amount;
                    if (wantCarry) carry = Bit(v, n - 1);
                    return b.Sar32(v, Imm32(Math.Min(n, 31)));
                }
            default:
                if (amount == 0)
                {
                    // RRX: C in at the top, bit 0 out.
                    Value cin = b.Bool1To32(Flag(ArmRegs.C));
                    if (wantCarry) carry = Bit(v, 0);
                    return b.Or32(b.Shr32(v, Imm32(1)), b.Shl32(cin, Imm32(31)));
                }
                if (wantCarry) carry = Bit(v, amount - 1);
                return b.Ror32(v, Imm32(amount));
        }
    }

    /// <summary>
    /// Shift by the low byte of a register, with the ARM rules for amounts of 0 (no shift, carry
    /// unchanged) and of 32 or more (LSL/LSR give 0, ASR fills with the sign, ROR rotates mod 32).
    /// </summary>
    Value ShiftByReg(Value v, int type, Value rs, bool wantCarry, out Value carry)
    {
        Value amt = b.And32(rs, Imm32(0xFF));
        Value below32 = b.LtU32(amt, Imm32(32));
        Value result;
        Value shiftedCarry = default;
        switch (type)
        {
            case LSL:
                result = b.Select32(below32, b.Shl32(v, amt), Imm32(0));
                // amounts 1..32: bit (32 - amt); above 32: 0
                if (wantCarry)
                    shiftedCarry = b.And1(b.LeU32(amt, Imm32(32)), Bit(b.Shr32(v, b.Sub32(Imm32(32), amt)), 0));
                break;
            case LSR:
                result = b.Select32(below32, b.Shr32(v, amt), Imm32(0));
                // amounts 1..32: bit (amt - 1); above 32: 0
                if (wantCarry)
                    shiftedCarry = b.And1(b.LeU32(amt, Imm32(32)), Bit(b.Shr32(v, b.Sub32(amt, Imm32(1))), 0));
                break;
            case ASR:
                result = b.Sar32(v, b.Select32(below32, amt, Imm32(31)));
                // amounts 1..32: bit (amt - 1); above: the sign bit
                if (wantCarry)
                    shiftedCarry = Bit(b.Sar32(v, b.Select32(b.LeU32(amt, Imm32(32)), b.Sub32(amt, Imm32(1)), Imm32(31))), 0);
                break;
            default:
                result = b.Ror32(v, amt);
                if (wantCarry) shiftedCarry = Bit(result, 31);
                break;
        }
        carry = wantCarry ? b.Select1(b.Eq32(amt, Imm32(0)), Flag(ArmRegs.C), shiftedCarry) : default;
        return result;
    }

    /// <summary>rm rotated right by 8*rot (the extend instructions' operand).</summary>
    Value Rotated(int rm, int rot) => rot == 0 ? R(rm) : b.Ror32(R(rm), Imm32(8 * rot));

    // ------------------------------------------------------------------ saturation

    /// <summary>Signed saturation of a 32-bit value to bits (1..32); also whether it saturated.</summary>
    Value SignedSat(Value x, int bits, out Value saturated)
    {
        if (bits >= 32) { saturated = IrBuilder.Imm1(false); return x; }
        int max = (1 << (bits - 1)) - 1, min = -(1 << (bits - 1));
        Value over = b.LtS32(Imm32(max), x), under = b.LtS32(x, Imm32(min));
        saturated = b.Or1(over, under);
        return b.Select32(over, Imm32(max), b.Select32(under, Imm32(min), x));
    }

    /// <summary>Unsigned saturation of a signed 32-bit value to bits (0..31); also whether it saturated.</summary>
    Value UnsignedSat(Value x, int bits, out Value saturated)
    {
        uint max = (uint)((1L << bits) - 1);
        Value over = b.LtS32(Imm32(max), x), under = b.LtS32(x, Imm32(0));
        saturated = b.Or1(over, under);
        return b.Select32(over, Imm32(max), b.Select32(under, Imm32(0), x));
    }

    /// <summary>Signed saturation of a 64-bit value to 32 bits; also whether it saturated.</summary>
    Value SignedSat64(Value x, out Value saturated)
    {
        Value over = b.LtS64(Imm64((long)int.MaxValue), x), under = b.LtS64(x, Imm64((long)int.MinValue));
        saturated = b.Or1(over, under);
        return b.Select32(over, Imm32(int.MaxValue), b.Select32(under, Imm32(int.MinValue), b.Lo64To32(x)));
    }

    Value SExt64(Value v) => b.SExt32To64(v);

    Value ZExt64(Value v) => b.ZExt32To64(v);

    /// <summary>RdHi:RdLo as a 64-bit value.</summary>
    Value Pair(int rdlo, int rdhi) => b.Pair32To64(R(rdlo), R(rdhi));

    void SetPair(int rdlo, int rdhi, Value v)
    {
        SetR(rdlo, b.Lo64To32(v));
        SetR(rdhi, b.Hi64To32(v));
    }

    /// <summary>The signed halfword of v: top (bits 31:16) or bottom (15:0), sign-extended.</summary>
    Value Half(Value v, bool top) => top ? b.Sar32(v, Imm32(16)) : b.SExt16To32(v);
}
