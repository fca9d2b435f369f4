using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>Saturating arithmetic: QADD/QSUB/QDADD/QDSUB and SSAT/USAT (16). Saturation sets Q.</summary>
internal sealed partial class A32Lifter
{
    /// <summary>rm +/- (doubled, saturated) rn, saturated to 32 bits.</summary>
    bool SaturatingAdd(int rd, int rn, int rm, bool subtract, bool doubleRn)
    {
        if (AnyPc(rd, rn, rm)) return false;
        Value n = R(rn);
        Value doubledSat = IrBuilder.Imm1(false);
        if (doubleRn) n = SignedSat64(b.Add64(SExt64(n), SExt64(n)), out doubledSat);
        Value m = SExt64(R(rm)), n64 = SExt64(n);
        Value r = SignedSat64(subtract ? b.Sub64(m, n64) : b.Add64(m, n64), out Value sat);
        SetQIf(b.Or1(doubledSat, sat));
        SetR(rd, r);
        return true;
    }

    // qadd rd, rm, rn
    public bool Trans_QADD(ref A32Arg_rrr a) => SaturatingAdd(a.rd, a.rn, a.rm, subtract: false, doubleRn: false);
    // qsub rd, rm, rn
    public bool Trans_QSUB(ref A32Arg_rrr a) => SaturatingAdd(a.rd, a.rn, a.rm, subtract: true, doubleRn: false);
    // qdadd rd, rm, rn
    public bool Trans_QDADD(ref A32Arg_rrr a) => SaturatingAdd(a.rd, a.rn, a.rm, subtract: false, doubleRn: true);
    // qdsub rd, rm, rn
    public bool Trans_QDSUB(ref A32Arg_rrr a) => SaturatingAdd(a.rd, a.rn, a.rm, subtract: true, doubleRn: true);

    /// <summary>rn, lsl #imm (sh=0) or asr #imm (sh=1, #0 meaning #32).</summary>
    Value SatOperand(int rn, int sh, int imm) =>
        sh == 0 ? ShiftByImm(R(rn), LSL, imm, false, out _) : ShiftByImm(R(rn), ASR, imm, false, out _);

    // ssat rd, #sat+1, rn{, lsl #imm | asr #imm}
    public bool Trans_SSAT(ref A32Arg_sat a)
    {
        if (AnyPc(a.rd, a.rn, 0)) return false;
        Value r = SignedSat(SatOperand(a.rn, a.sh, a.imm), a.sat + 1, out Value sat);
        SetQIf(sat);
        SetR(a.rd, r);
        return true;
    }

    // usat rd, #sat, rn{, lsl #imm | asr #imm}
    public bool Trans_USAT(ref A32Arg_sat a)
    {
        if (AnyPc(a.rd, a.rn, 0)) return false;
        Value r = UnsignedSat(SatOperand(a.rn, a.sh, a.imm), a.sat, out Value sat);
        SetQIf(sat);
        SetR(a.rd, r);
        return true;
    }

    // ssat16 rd, #sat+1, rn
    public bool Trans_SSAT16(ref A32Arg_sat16 a)
    {
        if (AnyPc(a.rd, a.rn, 0)) return false;
        Value n = R(a.rn);
        Value lo = SignedSat(Half(n, false), a.sat + 1, out Value satLo);
        Value hi = SignedSat(Half(n, true), a.sat + 1, out Value satHi);
        SetQIf(b.Or1(satLo, satHi));
        SetR(a.rd, b.Or32(b.ZExt16To32(lo), b.Shl32(hi, Imm32(16))));
        return true;
    }

    // usat16 rd, #sat, rn
    public bool Trans_USAT16(ref A32Arg_sat16 a)
    {
        if (AnyPc(a.rd, a.rn, 0)) return false;
        Value n = R(a.rn);
        Value lo = UnsignedSat(Half(n, false), a.sat, out Value satLo);
        Value hi = UnsignedSat(Half(n, true), a.sat, out Value satHi);
        SetQIf(b.Or1(satLo, satHi));
        SetR(a.rd, b.Or32(b.ZExt16To32(lo), b.Shl32(hi, Imm32(16))));
        return true;
    }
}
