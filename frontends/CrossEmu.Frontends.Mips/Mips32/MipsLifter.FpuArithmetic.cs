using CrossEmu.Frontends.Mips.Fpu;
using CrossEmu.Isa.Float;
using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Mips.Mips32;

// FPU arithmetic, conversions and compares: one helper call each (see Fpu/MipsFpuHelpers).
internal sealed partial class MipsLifter
{
    static readonly IrHelper FpAdd = Helper(nameof(MipsFpuHelpers.Add)), FpSub = Helper(nameof(MipsFpuHelpers.Sub)),
        FpMul = Helper(nameof(MipsFpuHelpers.Mul)), FpDiv = Helper(nameof(MipsFpuHelpers.Div)),
        FpSqrt = Helper(nameof(MipsFpuHelpers.Sqrt)), FpRecip = Helper(nameof(MipsFpuHelpers.Recip)),
        FpRsqrt = Helper(nameof(MipsFpuHelpers.Rsqrt)), FpMulAdd = Helper(nameof(MipsFpuHelpers.MulAdd)),
        FpCompare = Helper(nameof(MipsFpuHelpers.Compare)), FpToWord = Helper(nameof(MipsFpuHelpers.ToWord)),
        FpToSingle = Helper(nameof(MipsFpuHelpers.CvtToSingle)), FpToDouble = Helper(nameof(MipsFpuHelpers.CvtToDouble));

    static IrHelper Helper(string name) => IrHelpers.Register(typeof(MipsFpuHelpers), name);

    bool Arith(IrHelper h, int d, int fd, int fs, int ft = 0)
    {
        if (OddDouble(d, fd, fs, ft)) return false;
        CallFpu(h, MipsFpuHelpers.Pack(fd, fs, ft), d);
        return true;
    }

    /// <summary>add.fmt fd, fs, ft</summary>
    public bool Trans_ADD(ref MipsFpuArg_fff a) => Arith(FpAdd, a.d, a.fd, a.fs, a.ft);

    /// <summary>sub.fmt fd, fs, ft</summary>
    public bool Trans_SUB(ref MipsFpuArg_fff a) => Arith(FpSub, a.d, a.fd, a.fs, a.ft);

    /// <summary>mul.fmt fd, fs, ft</summary>
    public bool Trans_MUL(ref MipsFpuArg_fff a) => Arith(FpMul, a.d, a.fd, a.fs, a.ft);

    /// <summary>div.fmt fd, fs, ft</summary>
    public bool Trans_DIV(ref MipsFpuArg_fff a) => Arith(FpDiv, a.d, a.fd, a.fs, a.ft);

    /// <summary>sqrt.fmt fd, fs</summary>
    public bool Trans_SQRT(ref MipsFpuArg_ff a) => Arith(FpSqrt, a.d, a.fd, a.fs);

    /// <summary>recip.fmt fd, fs</summary>
    public bool Trans_RECIP(ref MipsFpuArg_ff a) => Arith(FpRecip, a.d, a.fd, a.fs);

    /// <summary>rsqrt.fmt fd, fs</summary>
    public bool Trans_RSQRT(ref MipsFpuArg_ff a) => Arith(FpRsqrt, a.d, a.fd, a.fs);

    bool MulAdd(ref MipsFpuArg_frrr a, int kind)
    {
        if (OddDouble(a.d, a.fd, a.fr, a.fs, a.ft)) return false;
        CallFpu(FpMulAdd, MipsFpuHelpers.Pack(a.fd, a.fs, a.ft, a.fr), a.d, kind);
        return true;
    }

    /// <summary>madd.fmt fd, fr, fs, ft: fd = fs * ft + fr</summary>
    public bool Trans_MADD(ref MipsFpuArg_frrr a) => MulAdd(ref a, 0);

    /// <summary>msub.fmt fd, fr, fs, ft: fd = fs * ft - fr</summary>
    public bool Trans_MSUB(ref MipsFpuArg_frrr a) => MulAdd(ref a, 1);

    /// <summary>nmadd.fmt fd, fr, fs, ft: fd = -(fs * ft + fr)</summary>
    public bool Trans_NMADD(ref MipsFpuArg_frrr a) => MulAdd(ref a, 2);

    /// <summary>nmsub.fmt fd, fr, fs, ft: fd = -(fs * ft - fr)</summary>
    public bool Trans_NMSUB(ref MipsFpuArg_frrr a) => MulAdd(ref a, 3);

    /// <summary>c.cond.fmt cc, fs, ft (cabs.cond.fmt when abs)</summary>
    public bool Trans_C(ref MipsFpuArg_cmp a)
    {
        if (OddDouble(a.d, a.fs, a.ft)) return false;
        CallFpu(FpCompare, MipsFpuHelpers.Pack(0, a.fs, a.ft), a.d, a.cond | a.abs << 4 | a.cc << 5);
        return true;
    }

    // ------------------------------------------------------------------ conversions

    bool ToWord(ref MipsFpuArg_ff a, int rounding)
    {
        if (OddDouble(a.d, a.fs)) return false;
        CallFpu(FpToWord, MipsFpuHelpers.Pack(a.fd, a.fs), a.d, rounding);
        return true;
    }

    /// <summary>cvt.w.fmt fd, fs (FCSR rounding)</summary>
    public bool Trans_CVT_W(ref MipsFpuArg_ff a) => ToWord(ref a, MipsFpuHelpers.RoundByFcsr);

    /// <summary>round.w.fmt fd, fs</summary>
    public bool Trans_ROUND_W(ref MipsFpuArg_ff a) => ToWord(ref a, (int)FpRounding.NearestEven);

    /// <summary>trunc.w.fmt fd, fs</summary>
    public bool Trans_TRUNC_W(ref MipsFpuArg_ff a) => ToWord(ref a, (int)FpRounding.TowardZero);

    /// <summary>ceil.w.fmt fd, fs</summary>
    public bool Trans_CEIL_W(ref MipsFpuArg_ff a) => ToWord(ref a, (int)FpRounding.TowardPositive);

    /// <summary>floor.w.fmt fd, fs</summary>
    public bool Trans_FLOOR_W(ref MipsFpuArg_ff a) => ToWord(ref a, (int)FpRounding.TowardNegative);

    /// <summary>cvt.s.d fd, fs (fd may be odd: it is a single)</summary>
    public bool Trans_CVT_S_D(ref MipsFpuArg_ff a)
    {
        if (OddDouble(1, a.fs)) return false;
        CallFpu(FpToSingle, MipsFpuHelpers.Pack(a.fd, a.fs), MipsFpuHelpers.FromDouble);
        return true;
    }

    /// <summary>cvt.s.w fd, fs</summary>
    public bool Trans_CVT_S_W(ref MipsFpuArg_ff a)
    {
        CallFpu(FpToSingle, MipsFpuHelpers.Pack(a.fd, a.fs), MipsFpuHelpers.FromWord);
        return true;
    }

    /// <summary>cvt.d.s fd, fs</summary>
    public bool Trans_CVT_D_S(ref MipsFpuArg_ff a)
    {
        if (OddDouble(1, a.fd)) return false;
        CallFpu(FpToDouble, MipsFpuHelpers.Pack(a.fd, a.fs), MipsFpuHelpers.FromSingle);
        return true;
    }

    /// <summary>cvt.d.w fd, fs</summary>
    public bool Trans_CVT_D_W(ref MipsFpuArg_ff a)
    {
        if (OddDouble(1, a.fd)) return false;
        CallFpu(FpToDouble, MipsFpuHelpers.Pack(a.fd, a.fs), MipsFpuHelpers.FromWord);
        return true;
    }
}
