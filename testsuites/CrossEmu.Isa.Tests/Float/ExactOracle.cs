using System.Numerics;
using CrossEmu.Isa.Float;

namespace CrossEmu.Isa.Tests.Float;

/// <summary>
/// An independent reference for the Float library: exact rational arithmetic on BigInteger,
/// rounded by the textbook definition (slow, simple, obviously right). Finite operands only.
/// </summary>
static class ExactOracle
{
    readonly record struct Rational(bool Negative, BigInteger Num, BigInteger Den);

    static Rational Exact(double x)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(x);
        int be = (int)(bits >> 52) & 0x7FF;
        BigInteger m = bits & 0xF_FFFF_FFFF_FFFF;
        int e = -1074;
        if (be != 0) { m += BigInteger.One << 52; e = be - 1075; }
        return e >= 0 ? new(x < 0 || (x == 0 && double.IsNegative(x)), m << e, 1) : new(double.IsNegative(x), m, BigInteger.One << -e);
    }

    static BigInteger Signed(Rational r, BigInteger den) => (r.Negative ? -r.Num : r.Num) * (den / r.Den);

    public static ulong Add(double a, double b, FpFormat f, FpEnvironment env, ref FpExceptions ex)
    {
        Rational x = Exact(a), y = Exact(b);
        BigInteger den = BigInteger.Max(x.Den, y.Den);
        BigInteger n = Signed(x, den) + Signed(y, den);
        if (n.IsZero)
            return ZeroSum(a, b, f, env);
        return Round(n < 0, BigInteger.Abs(n), den, f, env, ref ex);
    }

    static ulong ZeroSum(double a, double b, FpFormat f, FpEnvironment env)
    {
        bool neg = a == 0 && b == 0 && double.IsNegative(a) == double.IsNegative(b)
            ? double.IsNegative(a) : env.Rounding == FpRounding.TowardNegative;
        return neg ? SignBit(f) : 0;
    }

    public static ulong Mul(double a, double b, FpFormat f, FpEnvironment env, ref FpExceptions ex)
    {
        Rational x = Exact(a), y = Exact(b);
        return Round(x.Negative != y.Negative, x.Num * y.Num, x.Den * y.Den, f, env, ref ex);
    }

    public static ulong Div(double a, double b, FpFormat f, FpEnvironment env, ref FpExceptions ex)
    {
        Rational x = Exact(a), y = Exact(b);
        return Round(x.Negative != y.Negative, x.Num * y.Den, x.Den * y.Num, f, env, ref ex);
    }

    public static ulong Sqrt(double a, FpFormat f, FpEnvironment env, ref FpExceptions ex)
    {
        // sqrt(num/den) = sqrt(num*den)/den: round the root of an integer scaled by 4^s
        Rational x = Exact(a);
        BigInteger n = x.Num * x.Den;
        const int s = 1200;
        BigInteger scaled = n << (2 * s);
        BigInteger q = ISqrt(scaled);
        bool exact = q * q == scaled;
        // q <= sqrt(scaled) < q + 1: the value is (q + sticky) / (den * 2^s)
        BigInteger num = (q << 1) + (exact ? 0 : 1);
        return Round(false, num, x.Den << (s + 1), f, env, ref ex);
    }

    static BigInteger ISqrt(BigInteger n)
    {
        if (n.IsZero) return 0;
        BigInteger x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            BigInteger y = (x + n / x) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }

    static ulong SignBit(FpFormat f) => f == FpFormat.Single ? 1UL << 31 : 1UL << 63;

    /// <summary>Rounds num/den (positive) by the definition: pick the representable neighbour, then flags.</summary>
    public static ulong Round(bool neg, BigInteger num, BigInteger den, FpFormat f, FpEnvironment env, ref FpExceptions ex)
    {
        int p = f == FpFormat.Single ? 24 : 53, emin = f == FpFormat.Single ? -126 : -1022, emax = -emin + 1;
        ulong sign = neg ? SignBit(f) : 0;
        long k = (long)num.GetBitLength() - (long)den.GetBitLength();
        if (Compare(num, den, k) < 0) k--;                     // 2^k <= num/den < 2^(k+1)
        if (k < emin && env.FlushToZero)
        {
            if (env.FlushRaisesUnderflow) ex |= FpExceptions.Underflow;
            return sign;
        }
        long unit = Math.Max(k, emin) - (p - 1);
        BigInteger q = RoundAt(num, den, unit, neg, env.Rounding, out bool inexact);
        if (inexact) ex |= FpExceptions.Inexact;
        if (k < emin)
        {
            if (inexact)
            {
                BigInteger q2 = RoundAt(num, den, k - (p - 1), neg, env.Rounding, out _);
                bool tinyAfter = Compare(q2, 1, emin - (k - (p - 1))) < 0;
                if (env.TininessBeforeRounding || tinyAfter) ex |= FpExceptions.Underflow;
            }
            return sign | (ulong)q;
        }
        if (q == BigInteger.One << p) { q >>= 1; k++; }
        int bias = emax;
        if (k > emax)
        {
            ex |= FpExceptions.Overflow | FpExceptions.Inexact;
            bool inf = env.Rounding switch
            {
                FpRounding.NearestEven => true,
                FpRounding.TowardPositive => !neg,
                FpRounding.TowardNegative => neg,
                _ => false,
            };
            ulong infBits = (ulong)(2 * emax + 1) << (p - 1);
            return sign | (inf ? infBits : infBits - 1);
        }
        return sign | (ulong)(k + bias) << (p - 1) | (ulong)(q - (BigInteger.One << (p - 1)));
    }

    /// <summary>Compares num with den * 2^k.</summary>
    static int Compare(BigInteger num, BigInteger den, long k) =>
        k >= 0 ? num.CompareTo(den << (int)k) : (num << (int)-k).CompareTo(den);

    static BigInteger RoundAt(BigInteger num, BigInteger den, long unit, bool neg, FpRounding r, out bool inexact)
    {
        BigInteger n = unit <= 0 ? num << (int)-unit : num, d = unit <= 0 ? den : den << (int)unit;
        BigInteger q = BigInteger.DivRem(n, d, out BigInteger rem);
        inexact = !rem.IsZero;
        int half = (rem * 2).CompareTo(d);
        bool up = r switch
        {
            FpRounding.NearestEven => half > 0 || (half == 0 && !q.IsEven),
            FpRounding.TowardPositive => inexact && !neg,
            FpRounding.TowardNegative => inexact && neg,
            _ => false,
        };
        return up ? q + 1 : q;
    }
}
