using System.Numerics;

namespace CrossEmu.Isa.Float;

/// <summary>
/// Rounds an exactly known value to a format under an environment, raising the flags IEEE 754
/// asks for. The value is m * 2^e, plus a sticky part strictly between 0 and 2^e when sticky
/// is set. Every operation ends here, so rounding, overflow, underflow and flush-to-zero are
/// decided in one place.
/// </summary>
public static class FpRounder
{
    /// <summary>Rounds ±(m * 2^e + a sticky part below 2^e) to format; returns its bit pattern.</summary>
    public static ulong Round(bool negative, ulong m, int e, bool sticky, FpFormat format, in FpEnvironment env, ref FpExceptions ex)
    {
        var f = FpFormatInfo.Of(format);
        ulong sign = negative ? f.SignBit : 0;
        if (m == 0) return sign;
        int lz = BitOperations.LeadingZeroCount(m);
        m <<= lz;
        e -= lz;
        int lead = e + 63;                       // exponent of the leading bit
        bool tinyBefore = lead < f.EMin;
        if (tinyBefore && env.FlushToZero)
        {
            if (env.FlushRaisesUnderflow) ex |= FpExceptions.Underflow;
            return sign;
        }
        int normalDrop = 64 - f.Precision;
        int drop = tinyBefore ? normalDrop + (f.EMin - lead) : normalDrop;
        ulong q = RoundSignificand(m, drop, sticky, env.Rounding, negative, out bool inexact);
        if (inexact) ex |= FpExceptions.Inexact;

        if (tinyBefore)
        {
            // q counts units of the smallest subnormal; q == 2^(p-1) rounded up to the smallest normal.
            if (inexact && (env.TininessBeforeRounding || TinyAfterRounding(m, lead, normalDrop, sticky, negative, f, env)))
                ex |= FpExceptions.Underflow;
            return sign | q;
        }
        if (q == 1UL << f.Precision) { q >>= 1; lead++; }
        if (lead > f.EMax)
        {
            ex |= FpExceptions.Overflow | FpExceptions.Inexact;
            bool toInfinity = env.Rounding switch
            {
                FpRounding.NearestEven => true,
                FpRounding.TowardPositive => !negative,
                FpRounding.TowardNegative => negative,
                _ => false,
            };
            return sign | (toInfinity ? f.Infinity : f.MaxFinite);
        }
        return sign | (ulong)(lead + f.Bias) << (f.Precision - 1) | (q & f.FractionMask);
    }

    /// <summary>
    /// Rounds (r + err) * 2^scale, r a finite double. err is the exact error of r (a TwoSum or
    /// fused multiply-add remainder), or, where the true value can never be halfway between two
    /// doubles (quotients, roots), any value of the error's sign smaller than half an ulp of r.
    /// A nonzero err requires a normal r.
    /// </summary>
    public static ulong Round(double r, double err, int scale, FpFormat format, in FpEnvironment env, ref FpExceptions ex)
    {
        var f = FpFormatInfo.Of(format);
        ulong bits = BitConverter.DoubleToUInt64Bits(r);
        bool negative = (long)bits < 0;
        if (double.IsInfinity(r)) return (negative ? f.SignBit : 0) | f.Infinity;
        int be = (int)(bits >> 52) & 0x7FF;
        ulong m = bits & 0xF_FFFF_FFFF_FFFF;
        int e = -1074;
        if (be != 0) { m |= 1UL << 52; e = be - 1075; }
        bool sticky = false;
        if (err != 0)
        {
            // one more bit makes the error land strictly inside a unit (or exactly on the new bit)
            double outward = negative ? -err : err;
            double half = Math.ScaleB(1.0, e - 1);
            m <<= 1;
            e--;
            if (Math.Abs(outward) == half) m = outward > 0 ? m + 1 : m - 1;
            else if (outward > 0) sticky = true;
            else { m--; sticky = true; }
        }
        return Round(negative, m, e + scale, sticky, format, env, ref ex);
    }

    /// <summary>
    /// Drops the low `drop` bits of m (bit 63 set) with the given rounding; the result counts
    /// units of 2^drop. sticky: something nonzero lies below m's last bit.
    /// </summary>
    static ulong RoundSignificand(ulong m, int drop, bool sticky, FpRounding rounding, bool negative, out bool inexact)
    {
        ulong q, rem, half;
        if (drop >= 65) { q = 0; rem = 1; half = 2; }          // far below half of the last place
        else if (drop == 64) { q = 0; rem = m; half = 1UL << 63; }
        else { q = m >> drop; rem = m & ((1UL << drop) - 1); half = 1UL << (drop - 1); }

        inexact = rem != 0 || sticky;
        bool aboveHalf = rem > half || (rem == half && sticky);
        bool exactlyHalf = rem == half && !sticky;
        bool up = rounding switch
        {
            FpRounding.NearestEven => aboveHalf || (exactlyHalf && (q & 1) != 0),
            FpRounding.TowardPositive => inexact && !negative,
            FpRounding.TowardNegative => inexact && negative,
            _ => false,
        };
        return up ? q + 1 : q;
    }

    /// <summary>Tiny after rounding: the result rounded with an unbounded exponent is still below 2^emin.</summary>
    static bool TinyAfterRounding(ulong m, int lead, int normalDrop, bool sticky, bool negative, FpFormatInfo f, in FpEnvironment env)
    {
        if (lead < f.EMin - 1) return true;
        ulong q = RoundSignificand(m, normalDrop, sticky, env.Rounding, negative, out _);
        return q != 1UL << f.Precision;
    }
}
