using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>
/// Multiplies: 32- and 64-bit, the halfword and dual (DSP) multiplies, most-significant-word
/// multiplies, and the divides. Any operand or destination r15 is UNPREDICTABLE: undefined here.
/// RdLo == RdHi is UNPREDICTABLE too: like QEMU, RdLo is written first, so RdHi wins.
/// </summary>
internal sealed partial class A32Lifter
{
    static bool AnyPc(int a, int b2, int c, int d = 0) => a == 15 || b2 == 15 || c == 15 || d == 15;

    // ---- 32-bit

    // mul{s} rd, rn, rm (S: N and Z; C and V unchanged)
    public bool Trans_MUL(ref A32Arg_MUL a)
    {
        if (AnyPc(a.rd, a.rn, a.rm)) return false;
        Value r = b.Mul32(R(a.rn), R(a.rm));
        if (a.s != 0) SetNZ(r);
        SetR(a.rd, r);
        return true;
    }

    // mla{s} rd, rn, rm, ra
    public bool Trans_MLA(ref A32Arg_s_rrrr a)
    {
        if (AnyPc(a.rd, a.rn, a.rm, a.ra)) return false;
        Value r = b.Add32(b.Mul32(R(a.rn), R(a.rm)), R(a.ra));
        if (a.s != 0) SetNZ(r);
        SetR(a.rd, r);
        return true;
    }

    // mls rd, rn, rm, ra
    public bool Trans_MLS(ref A32Arg_rrrr a)
    {
        if (AnyPc(a.rd, a.rn, a.rm, a.ra)) return false;
        SetR(a.rd, b.Sub32(R(a.ra), b.Mul32(R(a.rn), R(a.rm))));
        return true;
    }

    // ---- 64-bit: RdHi:RdLo

    bool LongMultiply(int s, int rdlo, int rdhi, int rn, int rm, bool signed, bool accumulate)
    {
        if (AnyPc(rdlo, rdhi, rn, rm)) return false;
        Value n = signed ? SExt64(R(rn)) : ZExt64(R(rn));
        Value m = signed ? SExt64(R(rm)) : ZExt64(R(rm));
        Value r = b.Mul64(n, m);
        if (accumulate) r = b.Add64(r, Pair(rdlo, rdhi));
        if (s != 0) SetNZ64(r);
        SetPair(rdlo, rdhi, r);
        return true;
    }

    // umull{s} rdlo, rdhi, rn, rm
    public bool Trans_UMULL(ref A32Arg_s_long a) => LongMultiply(a.s, a.rdlo, a.rdhi, a.rn, a.rm, signed: false, accumulate: false);
    // umlal{s} rdlo, rdhi, rn, rm
    public bool Trans_UMLAL(ref A32Arg_s_long a) => LongMultiply(a.s, a.rdlo, a.rdhi, a.rn, a.rm, signed: false, accumulate: true);
    // smull{s} rdlo, rdhi, rn, rm
    public bool Trans_SMULL(ref A32Arg_s_long a) => LongMultiply(a.s, a.rdlo, a.rdhi, a.rn, a.rm, signed: true, accumulate: false);
    // smlal{s} rdlo, rdhi, rn, rm
    public bool Trans_SMLAL(ref A32Arg_s_long a) => LongMultiply(a.s, a.rdlo, a.rdhi, a.rn, a.rm, signed: true, accumulate: true);

    // umaal rdlo, rdhi, rn, rm: rn * rm + rdlo + rdhi (cannot overflow 64 bits)
    public bool Trans_UMAAL(ref A32Arg_long a)
    {
        if (AnyPc(a.rdlo, a.rdhi, a.rn, a.rm)) return false;
        Value r = b.Mul64(ZExt64(R(a.rn)), ZExt64(R(a.rm)));
        r = b.Add64(b.Add64(r, ZExt64(R(a.rdlo))), ZExt64(R(a.rdhi)));
        SetPair(a.rdlo, a.rdhi, r);
        return true;
    }

    // ---- halfword multiplies (n, m: the top half of rn, rm)

    // smul<x><y> rd, rn, rm
    public bool Trans_SMULxy(ref A32Arg_mulxy a)
    {
        if (AnyPc(a.rd, a.rn, a.rm)) return false;
        SetR(a.rd, b.Mul32(Half(R(a.rn), a.n != 0), Half(R(a.rm), a.m != 0)));
        return true;
    }

    // smla<x><y> rd, rn, rm, ra (Q on signed overflow of the addition)
    public bool Trans_SMLAxy(ref A32Arg_mulxy a)
    {
        if (AnyPc(a.rd, a.rn, a.rm, a.ra)) return false;
        Value p = b.Mul32(Half(R(a.rn), a.n != 0), Half(R(a.rm), a.m != 0));
        Value r = b.AddC32(p, R(a.ra), IrBuilder.Imm1(false));
        SetQIf(b.OverflowOf32(r));
        SetR(a.rd, r);
        return true;
    }

    /// <summary>(rn * the chosen half of rm) >> 16: bits 47:16 of the 48-bit product.</summary>
    Value MulWord(int rn, int rm, bool top) =>
        b.Lo64To32(b.Sar64(b.Mul64(SExt64(R(rn)), SExt64(Half(R(rm), top))), Imm32(16)));

    // smulw<y> rd, rn, rm
    public bool Trans_SMULWy(ref A32Arg_mulxy a)
    {
        if (AnyPc(a.rd, a.rn, a.rm)) return false;
        SetR(a.rd, MulWord(a.rn, a.rm, a.m != 0));
        return true;
    }

    // smlaw<y> rd, rn, rm, ra (Q on signed overflow of the addition)
    public bool Trans_SMLAWy(ref A32Arg_mulxy a)
    {
        if (AnyPc(a.rd, a.rn, a.rm, a.ra)) return false;
        Value r = b.AddC32(MulWord(a.rn, a.rm, a.m != 0), R(a.ra), IrBuilder.Imm1(false));
        SetQIf(b.OverflowOf32(r));
        SetR(a.rd, r);
        return true;
    }

    // smlal<x><y> rdlo, rdhi, rn, rm
    public bool Trans_SMLALxy(ref A32Arg_SMLALxy a)
    {
        if (AnyPc(a.rdlo, a.rdhi, a.rn, a.rm)) return false;
        Value p = SExt64(b.Mul32(Half(R(a.rn), a.n != 0), Half(R(a.rm), a.m != 0)));
        SetPair(a.rdlo, a.rdhi, b.Add64(Pair(a.rdlo, a.rdhi), p));
        return true;
    }

    // ---- dual 16-bit multiplies (x: swap the halves of rm)

    /// <summary>The two products bottom*bottom and top*top (top*bottom, bottom*top when x), sign-extended to 64 bits.</summary>
    void DualProducts(int rn, int rm, int x, out Value p1, out Value p2)
    {
        Value n = R(rn);
        Value m = x != 0 ? b.Ror32(R(rm), Imm32(16)) : R(rm);
        p1 = SExt64(b.Mul32(Half(n, false), Half(m, false)));
        p2 = SExt64(b.Mul32(Half(n, true), Half(m, true)));
    }

    /// <summary>Rd = p1 +/- p2 (+ ra unless ra is 15), Q when the exact result does not fit 32 bits.</summary>
    bool DualMultiply(int rd, int rn, int rm, int ra, int x, bool subtract)
    {
        if (AnyPc(rd, rn, rm)) return false;
        DualProducts(rn, rm, x, out Value p1, out Value p2);
        Value sum = subtract ? b.Sub64(p1, p2) : b.Add64(p1, p2);
        if (ra != 15) sum = b.Add64(sum, SExt64(R(ra)));
        Value r = b.Lo64To32(sum);
        SetQIf(b.Ne64(sum, SExt64(r)));
        SetR(rd, r);
        return true;
    }

    // smuad{x} rd, rn, rm
    public bool Trans_SMUAD(ref A32Arg_mulx a) => DualMultiply(a.rd, a.rn, a.rm, 15, a.x, subtract: false);
    // smlad{x} rd, rn, rm, ra
    public bool Trans_SMLAD(ref A32Arg_mulx a) => DualMultiply(a.rd, a.rn, a.rm, a.ra, a.x, subtract: false);
    // smusd{x} rd, rn, rm
    public bool Trans_SMUSD(ref A32Arg_mulx a) => DualMultiply(a.rd, a.rn, a.rm, 15, a.x, subtract: true);
    // smlsd{x} rd, rn, rm, ra
    public bool Trans_SMLSD(ref A32Arg_mulx a) => DualMultiply(a.rd, a.rn, a.rm, a.ra, a.x, subtract: true);

    bool DualMultiplyLong(int rdlo, int rdhi, int rn, int rm, int x, bool subtract)
    {
        if (AnyPc(rdlo, rdhi, rn, rm)) return false;
        DualProducts(rn, rm, x, out Value p1, out Value p2);
        Value sum = subtract ? b.Sub64(p1, p2) : b.Add64(p1, p2);
        SetPair(rdlo, rdhi, b.Add64(Pair(rdlo, rdhi), sum));
        return true;
    }

    // smlald{x} rdlo, rdhi, rn, rm
    public bool Trans_SMLALD(ref A32Arg_mullx a) => DualMultiplyLong(a.rdlo, a.rdhi, a.rn, a.rm, a.x, subtract: false);
    // smlsld{x} rdlo, rdhi, rn, rm
    public bool Trans_SMLSLD(ref A32Arg_mullx a) => DualMultiplyLong(a.rdlo, a.rdhi, a.rn, a.rm, a.x, subtract: true);

    // ---- most significant word (x: round)

    /// <summary>Rd = bits 63:32 of (ra:0 +/- rn * rm (+ 0x80000000 when rounding)); ra 15 means none.</summary>
    bool MostSignificantWord(int rd, int rn, int rm, int ra, int round, bool subtract)
    {
        if (AnyPc(rd, rn, rm)) return false;
        Value p = b.Mul64(SExt64(R(rn)), SExt64(R(rm)));
        Value acc = ra != 15 ? b.Pair32To64(Imm32(0), R(ra)) : Imm64(0UL);
        Value r = subtract ? b.Sub64(acc, p) : b.Add64(acc, p);
        if (round != 0) r = b.Add64(r, Imm64(0x8000_0000UL));
        SetR(rd, b.Hi64To32(r));
        return true;
    }

    // smmul{r} rd, rn, rm
    public bool Trans_SMMUL(ref A32Arg_mulx a) => MostSignificantWord(a.rd, a.rn, a.rm, 15, a.x, subtract: false);
    // smmla{r} rd, rn, rm, ra
    public bool Trans_SMMLA(ref A32Arg_mulx a) => MostSignificantWord(a.rd, a.rn, a.rm, a.ra, a.x, subtract: false);
    // smmls{r} rd, rn, rm, ra
    public bool Trans_SMMLS(ref A32Arg_mulx a) => a.ra != 15 && MostSignificantWord(a.rd, a.rn, a.rm, a.ra, a.x, subtract: true);

    // ---- divide (no trap: x / 0 = 0, INT_MIN / -1 = INT_MIN, as the IR ops do)

    // sdiv rd, rn, rm
    public bool Trans_SDIV(ref A32Arg_rrr a)
    {
        if (AnyPc(a.rd, a.rn, a.rm)) return false;
        SetR(a.rd, b.SDiv32(R(a.rn), R(a.rm)));
        return true;
    }

    // udiv rd, rn, rm
    public bool Trans_UDIV(ref A32Arg_rrr a)
    {
        if (AnyPc(a.rd, a.rn, a.rm)) return false;
        SetR(a.rd, b.UDiv32(R(a.rn), R(a.rm)));
        return true;
    }
}
