using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>
/// SIMD within a register: parallel add/subtract on halfwords and bytes (S/U set GE, Q/UQ
/// saturate, SH/UH halve), SEL, USAD8/USADA8.
/// </summary>
internal sealed partial class A32Lifter
{
    enum Lanes { Add16, Asx, Sax, Sub16, Add8, Sub8 }

    enum Flavor { Signed, SignedSat, SignedHalve, Unsigned, UnsignedSat, UnsignedHalve }

    /// <summary>Lane i of v (width 8 or 16), sign- or zero-extended to 32 bits.</summary>
    Value Lane(Value v, int i, int width, bool signed)
    {
        Value s = i == 0 ? v : b.Shr32(v, Imm32(i * width));
        return (width, signed) switch
        {
            (8, true) => b.SExt8To32(s),
            (8, false) => b.ZExt8To32(s),
            (_, true) => b.SExt16To32(s),
            _ => b.ZExt16To32(s),
        };
    }

    bool Parallel(int rd, int rn, int rm, Lanes op, Flavor flavor)
    {
        if (AnyPc(rd, rn, rm)) return false;
        bool signed = flavor is Flavor.Signed or Flavor.SignedSat or Flavor.SignedHalve;
        int width = op is Lanes.Add8 or Lanes.Sub8 ? 8 : 16;
        int count = 32 / width;
        uint laneMask = width == 8 ? 0xFFu : 0xFFFFu;
        Value n = R(rn), m = R(rm);
        Value result = Imm32(0), ge = Imm32(0);
        for (int i = 0; i < count; i++)
        {
            // ASX: lo = n.lo - m.hi, hi = n.hi + m.lo; SAX: lo = n.lo + m.hi, hi = n.hi - m.lo.
            bool cross = op is Lanes.Asx or Lanes.Sax;
            bool add = op switch
            {
                Lanes.Add16 or Lanes.Add8 => true,
                Lanes.Asx => i == 1,
                Lanes.Sax => i == 0,
                _ => false,
            };
            Value x = Lane(n, i, width, signed), y = Lane(m, cross ? 1 - i : i, width, signed);
            Value r = add ? b.Add32(x, y) : b.Sub32(x, y);
            Value laneGe = default;
            switch (flavor)
            {
                case Flavor.Signed:
                    laneGe = b.LeS32(Imm32(0), r);
                    break;
                case Flavor.Unsigned:
                    laneGe = add ? b.LeU32(Imm32(1u << width), r) : b.LeS32(Imm32(0), r);
                    break;
                case Flavor.SignedSat:
                    r = SignedSat(r, width, out _);
                    break;
                case Flavor.UnsignedSat:
                    r = UnsignedSat(r, width, out _);
                    break;
                default:
                    r = b.Sar32(r, Imm32(1));
                    break;
            }
            Value placed = b.And32(r, Imm32(laneMask));
            if (i != 0) placed = b.Shl32(placed, Imm32(i * width));
            result = i == 0 ? placed : b.Or32(result, placed);
            if (laneGe.IsValid)
            {
                uint bits = width == 8 ? 1u << i : 3u << (2 * i);
                ge = b.Or32(ge, b.Select32(laneGe, Imm32(bits), Imm32(0)));
            }
        }
        SetR(rd, result);
        if (flavor is Flavor.Signed or Flavor.Unsigned)
            b.SetReg32(ge, ArmRegs.GE);
        return true;
    }

    // sadd16 rd, rn, rm
    public bool Trans_SADD16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add16, Flavor.Signed);
    // sasx rd, rn, rm
    public bool Trans_SASX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Asx, Flavor.Signed);
    // ssax rd, rn, rm
    public bool Trans_SSAX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sax, Flavor.Signed);
    // ssub16 rd, rn, rm
    public bool Trans_SSUB16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub16, Flavor.Signed);
    // sadd8 rd, rn, rm
    public bool Trans_SADD8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add8, Flavor.Signed);
    // ssub8 rd, rn, rm
    public bool Trans_SSUB8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub8, Flavor.Signed);

    // qadd16 rd, rn, rm
    public bool Trans_QADD16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add16, Flavor.SignedSat);
    // qasx rd, rn, rm
    public bool Trans_QASX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Asx, Flavor.SignedSat);
    // qsax rd, rn, rm
    public bool Trans_QSAX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sax, Flavor.SignedSat);
    // qsub16 rd, rn, rm
    public bool Trans_QSUB16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub16, Flavor.SignedSat);
    // qadd8 rd, rn, rm
    public bool Trans_QADD8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add8, Flavor.SignedSat);
    // qsub8 rd, rn, rm
    public bool Trans_QSUB8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub8, Flavor.SignedSat);

    // shadd16 rd, rn, rm
    public bool Trans_SHADD16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add16, Flavor.SignedHalve);
    // shasx rd, rn, rm
    public bool Trans_SHASX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Asx, Flavor.SignedHalve);
    // shsax rd, rn, rm
    public bool Trans_SHSAX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sax, Flavor.SignedHalve);
    // shsub16 rd, rn, rm
    public bool Trans_SHSUB16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub16, Flavor.SignedHalve);
    // shadd8 rd, rn, rm
    public bool Trans_SHADD8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add8, Flavor.SignedHalve);
    // shsub8 rd, rn, rm
    public bool Trans_SHSUB8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub8, Flavor.SignedHalve);

    // uadd16 rd, rn, rm
    public bool Trans_UADD16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add16, Flavor.Unsigned);
    // uasx rd, rn, rm
    public bool Trans_UASX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Asx, Flavor.Unsigned);
    // usax rd, rn, rm
    public bool Trans_USAX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sax, Flavor.Unsigned);
    // usub16 rd, rn, rm
    public bool Trans_USUB16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub16, Flavor.Unsigned);
    // uadd8 rd, rn, rm
    public bool Trans_UADD8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add8, Flavor.Unsigned);
    // usub8 rd, rn, rm
    public bool Trans_USUB8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub8, Flavor.Unsigned);

    // uqadd16 rd, rn, rm
    public bool Trans_UQADD16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add16, Flavor.UnsignedSat);
    // uqasx rd, rn, rm
    public bool Trans_UQASX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Asx, Flavor.UnsignedSat);
    // uqsax rd, rn, rm
    public bool Trans_UQSAX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sax, Flavor.UnsignedSat);
    // uqsub16 rd, rn, rm
    public bool Trans_UQSUB16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub16, Flavor.UnsignedSat);
    // uqadd8 rd, rn, rm
    public bool Trans_UQADD8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add8, Flavor.UnsignedSat);
    // uqsub8 rd, rn, rm
    public bool Trans_UQSUB8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub8, Flavor.UnsignedSat);

    // uhadd16 rd, rn, rm
    public bool Trans_UHADD16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add16, Flavor.UnsignedHalve);
    // uhasx rd, rn, rm
    public bool Trans_UHASX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Asx, Flavor.UnsignedHalve);
    // uhsax rd, rn, rm
    public bool Trans_UHSAX(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sax, Flavor.UnsignedHalve);
    // uhsub16 rd, rn, rm
    public bool Trans_UHSUB16(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub16, Flavor.UnsignedHalve);
    // uhadd8 rd, rn, rm
    public bool Trans_UHADD8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Add8, Flavor.UnsignedHalve);
    // uhsub8 rd, rn, rm
    public bool Trans_UHSUB8(ref A32Arg_rrr a) => Parallel(a.rd, a.rn, a.rm, Lanes.Sub8, Flavor.UnsignedHalve);

    // sel rd, rn, rm: byte i from rn when GE[i], else from rm
    public bool Trans_SEL(ref A32Arg_rrr a)
    {
        if (AnyPc(a.rd, a.rn, a.rm)) return false;
        Value n = R(a.rn), m = R(a.rm);
        Value ge = b.GetReg32(ArmRegs.GE);
        Value mask = Imm32(0);
        for (int i = 0; i < 4; i++)
            mask = b.Or32(mask, b.Select32(Bit(ge, i), Imm32(0xFFu << (8 * i)), Imm32(0)));
        SetR(a.rd, b.Or32(b.And32(n, mask), b.And32(m, b.Not32(mask))));
        return true;
    }

    /// <summary>Sum of the absolute differences of the four unsigned bytes, plus ra unless ra is 15.</summary>
    bool SumAbsDiff(int rd, int rn, int rm, int ra)
    {
        if (AnyPc(rd, rn, rm)) return false;
        Value n = R(rn), m = R(rm);
        Value sum = ra == 15 ? Imm32(0) : R(ra);
        for (int i = 0; i < 4; i++)
        {
            Value d = b.Sub32(Lane(n, i, 8, false), Lane(m, i, 8, false));
            sum = b.Add32(sum, b.Select32(b.LtS32(d, Imm32(0)), b.Neg32(d), d));
        }
        SetR(rd, sum);
        return true;
    }

    // usad8 rd, rn, rm
    public bool Trans_USAD8(ref A32Arg_rrrr a) => SumAbsDiff(a.rd, a.rn, a.rm, 15);
    // usada8 rd, rn, rm, ra
    public bool Trans_USADA8(ref A32Arg_rrrr a) => SumAbsDiff(a.rd, a.rn, a.rm, a.ra);
}
