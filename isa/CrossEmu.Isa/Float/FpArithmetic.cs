namespace CrossEmu.Isa.Float;

/// <summary>
/// IEEE 754 arithmetic in any rounding direction with exact exception flags, for operands held
/// as doubles (binary32 operands widen exactly) and results in either format.
///
/// The common case costs a .NET double operation plus an error-free transformation (TwoSum,
/// or a fused multiply-add giving the exact error of a product, quotient or square root): when
/// the rounding is to nearest and the result is comfortably normal, that result is final and
/// the error only says whether it is inexact. Otherwise the operands are scaled to a safe
/// exponent range, the rounded-to-nearest result and the sign of its error are computed
/// exactly, and FpRounder rounds that pair in the requested direction.
///
/// NaN operands are the caller's business (every ISA has its own NaN rules): given one, the
/// result is some NaN and no flag is raised. Invalid operations raise Invalid and return the
/// format's IEEE quiet NaN, which callers replace with their default NaN.
/// </summary>
public static class FpArithmetic
{
    public static ulong Add(double a, double b, FpFormat format, in FpEnvironment env, ref FpExceptions ex)
    {
        if (env.Rounding == FpRounding.NearestEven)
        {
            double r = a + b;
            if (IsSafe(r, format, out ulong bits, out bool narrowed))
            {
                if (narrowed || TwoSumError(a, b, r) != 0) ex |= FpExceptions.Inexact;
                return bits;
            }
        }
        return AddSlow(a, b, format, env, ref ex);
    }

    public static ulong Sub(double a, double b, FpFormat format, in FpEnvironment env, ref FpExceptions ex) =>
        Add(a, -b, format, env, ref ex);

    public static ulong Mul(double a, double b, FpFormat format, in FpEnvironment env, ref FpExceptions ex)
    {
        if (env.Rounding == FpRounding.NearestEven)
        {
            double r = a * b;
            // the product's error is representable only well above the subnormal range
            if (HasRoomBelow(r) && IsSafe(r, format, out ulong bits, out bool narrowed))
            {
                if (narrowed || Math.FusedMultiplyAdd(a, b, -r) != 0) ex |= FpExceptions.Inexact;
                return bits;
            }
        }
        return MulSlow(a, b, format, env, ref ex);
    }

    public static ulong Div(double a, double b, FpFormat format, in FpEnvironment env, ref FpExceptions ex)
    {
        if (env.Rounding == FpRounding.NearestEven)
        {
            double r = a / b;
            if (HasRoomBelow(a) && HasRoomBelow(r) && IsSafe(r, format, out ulong bits, out bool narrowed))
            {
                if (narrowed || Math.FusedMultiplyAdd(-r, b, a) != 0) ex |= FpExceptions.Inexact;
                return bits;
            }
        }
        return DivSlow(a, b, format, env, ref ex);
    }

    public static ulong Sqrt(double a, FpFormat format, in FpEnvironment env, ref FpExceptions ex)
    {
        if (env.Rounding == FpRounding.NearestEven && HasRoomBelow(a))
        {
            double r = Math.Sqrt(a);
            if (IsSafe(r, format, out ulong bits, out bool narrowed))
            {
                if (narrowed || Math.FusedMultiplyAdd(-r, r, a) != 0) ex |= FpExceptions.Inexact;
                return bits;
            }
        }
        return SqrtSlow(a, format, env, ref ex);
    }

    // ------------------------------------------------------------------ exact paths

    static ulong AddSlow(double a, double b, FpFormat format, in FpEnvironment env, ref FpExceptions ex)
    {
        var f = FpFormatInfo.Of(format);
        if (double.IsNaN(a) || double.IsNaN(b)) return f.QuietNaN;
        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            if (double.IsInfinity(a) && double.IsInfinity(b) && double.IsNegative(a) != double.IsNegative(b))
            {
                ex |= FpExceptions.Invalid;
                return f.QuietNaN;
            }
            return (double.IsNegative(double.IsInfinity(a) ? a : b) ? f.SignBit : 0) | f.Infinity;
        }
        if (a == 0 && b == 0)
        {
            // equal signs keep theirs; opposite signs give +0, or -0 when rounding down
            bool negative = double.IsNegative(a) == double.IsNegative(b) ? double.IsNegative(a) : env.Rounding == FpRounding.TowardNegative;
            return negative ? f.SignBit : 0;
        }
        if (a == 0) return FpRounder.Round(b, 0.0, 0, format, env, ref ex);
        if (b == 0) return FpRounder.Round(a, 0.0, 0, format, env, ref ex);

        int ea = Math.ILogB(a), eb = Math.ILogB(b);
        if (Math.Abs(ea - eb) > 60)
        {
            // the smaller operand lies far below the larger one's last bit: it only nudges it
            (double big, double small) = ea > eb ? (a, b) : (b, a);
            return FpRounder.Round(big, small, 0, format, env, ref ex);
        }
        int scale = 0;
        if (Math.Max(ea, eb) > 1000)
        {
            // halve twice so the sum cannot overflow; both operands stay normal, so this is exact
            scale = 2;
            a = Math.ScaleB(a, -2);
            b = Math.ScaleB(b, -2);
        }
        double r = a + b;
        if (r == 0)
            return env.Rounding == FpRounding.TowardNegative ? f.SignBit : 0;   // exact cancellation
        return FpRounder.Round(r, TwoSumError(a, b, r), scale, format, env, ref ex);
    }

    static ulong MulSlow(double a, double b, FpFormat format, in FpEnvironment env, ref FpExceptions ex)
    {
        var f = FpFormatInfo.Of(format);
        if (double.IsNaN(a) || double.IsNaN(b)) return f.QuietNaN;
        ulong sign = double.IsNegative(a) != double.IsNegative(b) ? f.SignBit : 0;
        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            if (a == 0 || b == 0) { ex |= FpExceptions.Invalid; return f.QuietNaN; }
            return sign | f.Infinity;
        }
        if (a == 0 || b == 0) return sign;
        int ea = Math.ILogB(a), eb = Math.ILogB(b);
        double ma = Math.ScaleB(a, -ea), mb = Math.ScaleB(b, -eb);    // in ±[1, 2): exact
        double p = ma * mb;
        return FpRounder.Round(p, Math.FusedMultiplyAdd(ma, mb, -p), ea + eb, format, env, ref ex);
    }

    static ulong DivSlow(double a, double b, FpFormat format, in FpEnvironment env, ref FpExceptions ex)
    {
        var f = FpFormatInfo.Of(format);
        if (double.IsNaN(a) || double.IsNaN(b)) return f.QuietNaN;
        ulong sign = double.IsNegative(a) != double.IsNegative(b) ? f.SignBit : 0;
        if (double.IsInfinity(a))
        {
            if (double.IsInfinity(b)) { ex |= FpExceptions.Invalid; return f.QuietNaN; }
            return sign | f.Infinity;
        }
        if (double.IsInfinity(b)) return sign;
        if (b == 0)
        {
            if (a == 0) { ex |= FpExceptions.Invalid; return f.QuietNaN; }
            ex |= FpExceptions.DivideByZero;
            return sign | f.Infinity;
        }
        if (a == 0) return sign;
        int ea = Math.ILogB(a), eb = Math.ILogB(b);
        double ma = Math.ScaleB(a, -ea), mb = Math.ScaleB(b, -eb);
        double q = ma / mb;
        // ma - q*mb is exact and has the sign of the quotient's error times mb's; a quotient is
        // never halfway between two doubles, so the smallest value of that sign stands for it
        double rem = Math.FusedMultiplyAdd(-q, mb, ma);
        return FpRounder.Round(q, Math.Sign(rem) * Math.Sign(mb) * double.Epsilon, ea - eb, format, env, ref ex);
    }

    static ulong SqrtSlow(double a, FpFormat format, in FpEnvironment env, ref FpExceptions ex)
    {
        var f = FpFormatInfo.Of(format);
        if (double.IsNaN(a)) return f.QuietNaN;
        if (a == 0) return double.IsNegative(a) ? f.SignBit : 0;
        if (a < 0) { ex |= FpExceptions.Invalid; return f.QuietNaN; }
        if (double.IsInfinity(a)) return f.Infinity;
        int e = Math.ILogB(a) & ~1;                 // even, so the root's exponent is e / 2
        double m = Math.ScaleB(a, -e);              // in [1, 4)
        double s = Math.Sqrt(m);
        // a root is never halfway between two doubles either
        return FpRounder.Round(s, Math.Sign(Math.FusedMultiplyAdd(-s, s, m)) * double.Epsilon, e / 2, format, env, ref ex);
    }

    // ------------------------------------------------------------------ fast-path checks

    /// <summary>The rounding error of r = a + b, exactly (Knuth's TwoSum; exact unless a + b overflows).</summary>
    static double TwoSumError(double a, double b, double r)
    {
        double bv = r - a;
        return (a - (r - bv)) + (b - bv);
    }

    /// <summary>
    /// Whether a round-to-nearest double result r is final in format: finite, and normal by a
    /// margin (a result at the smallest normal may still have underflowed). For binary32, r is
    /// narrowed (double rounding is harmless for + - * / sqrt of binary32 operands) and narrowed
    /// says whether that lost bits.
    /// </summary>
    static bool IsSafe(double r, FpFormat format, out ulong bits, out bool narrowed)
    {
        if (format == FpFormat.Double)
        {
            bits = BitConverter.DoubleToUInt64Bits(r);
            narrowed = false;
            return (uint)(((int)(bits >> 52) & 0x7FF) - 2) < 0x7FF - 2;
        }
        float s = (float)r;
        uint sb = BitConverter.SingleToUInt32Bits(s);
        bits = sb;
        narrowed = s != r;
        return (uint)(((int)(sb >> 23) & 0xFF) - 2) < 0xFF - 2;
    }

    /// <summary>|x| is far enough above the subnormal range that the error terms of a product, quotient or root are exact.</summary>
    static bool HasRoomBelow(double x) => ((int)(BitConverter.DoubleToUInt64Bits(x) >> 52) & 0x7FF) >= 128;
}
