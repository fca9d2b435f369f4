using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>Bit and byte manipulation: CLZ, reversal, extension (with add), bit fields, PKH.</summary>
internal sealed partial class A32Lifter
{
    // clz rd, rm
    public bool Trans_CLZ(ref A32Arg_rr a)
    {
        if (AnyPc(a.rd, a.rm, 0)) return false;
        SetR(a.rd, b.Clz32(R(a.rm)));
        return true;
    }

    // ---- reversal

    // rev rd, rm
    public bool Trans_REV(ref A32Arg_rr a)
    {
        if (AnyPc(a.rd, a.rm, 0)) return false;
        SetR(a.rd, b.Bswap32(R(a.rm)));
        return true;
    }

    // rev16 rd, rm: bytes swapped in each halfword
    public bool Trans_REV16(ref A32Arg_rr a)
    {
        if (AnyPc(a.rd, a.rm, 0)) return false;
        Value m = R(a.rm);
        SetR(a.rd, b.Or32(b.And32(b.Shr32(m, Imm32(8)), Imm32(0x00FF00FFu)), b.And32(b.Shl32(m, Imm32(8)), Imm32(0xFF00FF00u))));
        return true;
    }

    // revsh rd, rm: low halfword byte-swapped, sign-extended
    public bool Trans_REVSH(ref A32Arg_rr a)
    {
        if (AnyPc(a.rd, a.rm, 0)) return false;
        SetR(a.rd, b.SExt16To32(b.Bswap16(R(a.rm))));
        return true;
    }

    // rbit rd, rm
    public bool Trans_RBIT(ref A32Arg_rr a)
    {
        if (AnyPc(a.rd, a.rm, 0)) return false;
        Value v = R(a.rm);
        // swap adjacent bits, pairs, nibbles; then the bytes
        (uint mask, int shift)[] steps = { (0x55555555u, 1), (0x33333333u, 2), (0x0F0F0F0Fu, 4) };
        foreach (var (mask, shift) in steps)
            v = b.Or32(b.And32(b.Shr32(v, Imm32(shift)), Imm32(mask)), b.Shl32(b.And32(v, Imm32(mask)), Imm32(shift)));
        SetR(a.rd, b.Bswap32(v));
        return true;
    }

    // ---- extension: rm rotated right by 8*rot, then extended (and added to rn)

    bool Extend(int rd, int rn, int rm, int rot, Func<Value, Value> extend)
    {
        if (AnyPc(rd, rm, 0)) return false;
        Value x = extend(Rotated(rm, rot));
        SetR(rd, rn == 15 ? x : b.Add32(R(rn), x));
        return true;
    }

    /// <summary>Two 16-bit lanes: rn's halves plus bytes 0 and 2 of the rotated rm (rn 15: no add).</summary>
    bool Extend16(int rd, int rn, int rm, int rot, bool signed)
    {
        if (AnyPc(rd, rm, 0)) return false;
        Value x = Rotated(rm, rot);
        Value lo = signed ? b.SExt8To32(x) : b.ZExt8To32(x);
        Value hi = signed ? b.SExt8To32(b.Shr32(x, Imm32(16))) : b.ZExt8To32(b.Shr32(x, Imm32(16)));
        if (rn != 15)
        {
            Value n = R(rn);
            lo = b.Add32(n, lo);
            hi = b.Add32(b.Shr32(n, Imm32(16)), hi);
        }
        SetR(rd, b.Or32(b.ZExt16To32(lo), b.Shl32(hi, Imm32(16))));
        return true;
    }

    // sxtb16 rd, rm{, ror #n}
    public bool Trans_SXTB16(ref A32Arg_rr_rot a) => Extend16(a.rd, 15, a.rm, a.rot, signed: true);
    // sxtab16 rd, rn, rm{, ror #n}
    public bool Trans_SXTAB16(ref A32Arg_rrr_rot a) => Extend16(a.rd, a.rn, a.rm, a.rot, signed: true);
    // sxtb rd, rm{, ror #n}
    public bool Trans_SXTB(ref A32Arg_rr_rot a) => Extend(a.rd, 15, a.rm, a.rot, b.SExt8To32);
    // sxtab rd, rn, rm{, ror #n}
    public bool Trans_SXTAB(ref A32Arg_rrr_rot a) => Extend(a.rd, a.rn, a.rm, a.rot, b.SExt8To32);
    // sxth rd, rm{, ror #n}
    public bool Trans_SXTH(ref A32Arg_rr_rot a) => Extend(a.rd, 15, a.rm, a.rot, b.SExt16To32);
    // sxtah rd, rn, rm{, ror #n}
    public bool Trans_SXTAH(ref A32Arg_rrr_rot a) => Extend(a.rd, a.rn, a.rm, a.rot, b.SExt16To32);
    // uxtb16 rd, rm{, ror #n}
    public bool Trans_UXTB16(ref A32Arg_rr_rot a) => Extend16(a.rd, 15, a.rm, a.rot, signed: false);
    // uxtab16 rd, rn, rm{, ror #n}
    public bool Trans_UXTAB16(ref A32Arg_rrr_rot a) => Extend16(a.rd, a.rn, a.rm, a.rot, signed: false);
    // uxtb rd, rm{, ror #n}
    public bool Trans_UXTB(ref A32Arg_rr_rot a) => Extend(a.rd, 15, a.rm, a.rot, b.ZExt8To32);
    // uxtab rd, rn, rm{, ror #n}
    public bool Trans_UXTAB(ref A32Arg_rrr_rot a) => Extend(a.rd, a.rn, a.rm, a.rot, b.ZExt8To32);
    // uxth rd, rm{, ror #n}
    public bool Trans_UXTH(ref A32Arg_rr_rot a) => Extend(a.rd, 15, a.rm, a.rot, b.ZExt16To32);
    // uxtah rd, rn, rm{, ror #n}
    public bool Trans_UXTAH(ref A32Arg_rrr_rot a) => Extend(a.rd, a.rn, a.rm, a.rot, b.ZExt16To32);

    // ---- bit fields

    static uint FieldMask(int lsb, int width) => (uint)(((1UL << width) - 1) << lsb);

    // sbfx rd, rn, #lsb, #width
    public bool Trans_SBFX(ref A32Arg_bfx a)
    {
        int msb = a.lsb + a.widthm1;
        if (AnyPc(a.rd, a.rn, 0) || msb > 31) return false;
        SetR(a.rd, b.Sar32(b.Shl32(R(a.rn), Imm32(31 - msb)), Imm32(31 - a.widthm1)));
        return true;
    }

    // ubfx rd, rn, #lsb, #width
    public bool Trans_UBFX(ref A32Arg_bfx a)
    {
        int msb = a.lsb + a.widthm1;
        if (AnyPc(a.rd, a.rn, 0) || msb > 31) return false;
        SetR(a.rd, b.And32(b.Shr32(R(a.rn), Imm32(a.lsb)), Imm32(FieldMask(0, a.widthm1 + 1))));
        return true;
    }

    // bfc rd, #lsb, #width
    public bool Trans_BFC(ref A32Arg_BFC a)
    {
        if (IsPc(a.rd) || a.msb < a.lsb) return false;
        SetR(a.rd, b.And32(R(a.rd), Imm32(~FieldMask(a.lsb, a.msb - a.lsb + 1))));
        return true;
    }

    // bfi rd, rn, #lsb, #width
    public bool Trans_BFI(ref A32Arg_BFI a)
    {
        if (IsPc(a.rd) || a.msb < a.lsb) return false;
        uint mask = FieldMask(a.lsb, a.msb - a.lsb + 1);
        Value field = b.And32(b.Shl32(R(a.rn), Imm32(a.lsb)), Imm32(mask));
        SetR(a.rd, b.Or32(b.And32(R(a.rd), Imm32(~mask)), field));
        return true;
    }

    // pkhbt rd, rn, rm{, lsl #imm} (tb=0) / pkhtb rd, rn, rm{, asr #imm} (tb=1)
    public bool Trans_PKH(ref A32Arg_PKH a)
    {
        if (AnyPc(a.rd, a.rn, a.rm)) return false;
        Value n = R(a.rn);
        if (a.tb == 0)
        {
            Value top = b.And32(ShiftByImm(R(a.rm), LSL, a.imm, false, out _), Imm32(0xFFFF0000u));
            SetR(a.rd, b.Or32(b.And32(n, Imm32(0xFFFFu)), top));
        }
        else
        {
            Value bottom = b.And32(ShiftByImm(R(a.rm), ASR, a.imm, false, out _), Imm32(0xFFFFu));
            SetR(a.rd, b.Or32(b.And32(n, Imm32(0xFFFF0000u)), bottom));
        }
        return true;
    }
}
