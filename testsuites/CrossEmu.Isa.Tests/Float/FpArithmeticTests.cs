using CrossEmu.Isa.Float;

namespace CrossEmu.Isa.Tests.Float;

/// <summary>
/// FpArithmetic against the exact BigInteger oracle: random operands drawn where rounding is
/// hard (near ties, near the subnormal range and overflow, far-apart exponents), every rounding
/// direction, flush-to-zero and both tininess rules, both formats.
/// </summary>
[TestClass]
public sealed class FpArithmeticTests
{
    static readonly FpRounding[] Roundings = [FpRounding.NearestEven, FpRounding.TowardZero, FpRounding.TowardPositive, FpRounding.TowardNegative];

    /// <summary>A finite nonzero operand with an interesting exponent and significand.</summary>
    static double Operand(Random rng, FpFormat f)
    {
        if (f == FpFormat.Single)
        {
            uint bits = rng.Next(4) switch
            {
                0 => (uint)rng.Next(1, 0x800000),                                  // subnormal
                1 => (uint)rng.Next(0x3F000000, 0x40800000),                       // near 1
                2 => (uint)rng.Next(0x7E000000, 0x7F800000),                       // near overflow
                _ => (uint)rng.Next(0x00800000, 0x7F800000),
            };
            if (rng.Next(4) == 0) bits |= 0xFFF;
            if (rng.Next(2) == 0) bits |= 0x80000000;
            return BitConverter.UInt32BitsToSingle(bits);
        }
        ulong m = (ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF;
        if (rng.Next(4) == 0) m |= 0xF_FFFF_FFF0_0000;
        if (rng.Next(4) == 0) m &= 0xF_FF00_0000_0000;
        int be = rng.Next(5) switch
        {
            0 => 0,
            1 => rng.Next(1, 60),
            2 => rng.Next(0x7C0, 0x7FF),
            3 => rng.Next(0x3F0, 0x410),
            _ => rng.Next(1, 0x7FF),
        };
        if (be == 0 && m == 0) m = 1;
        ulong b = (ulong)be << 52 | m;
        if (rng.Next(2) == 0) b |= 1UL << 63;
        return BitConverter.UInt64BitsToDouble(b);
    }

    static FpEnvironment Env(Random rng) =>
        new(Roundings[rng.Next(4)], FlushToZero: rng.Next(4) == 0, FlushRaisesUnderflow: rng.Next(2) == 0, TininessBeforeRounding: rng.Next(2) == 0);

    delegate ulong Op(double a, double b, FpFormat f, in FpEnvironment env, ref FpExceptions ex);
    delegate ulong OracleOp(double a, double b, FpFormat f, FpEnvironment env, ref FpExceptions ex);

    static void Compare(string name, Op op, OracleOp oracle, FpFormat f, int seed, bool nearby)
    {
        var rng = new Random(seed);
        for (int i = 0; i < 20000; i++)
        {
            double a = Operand(rng, f), b = Operand(rng, f);
            if (nearby && f == FpFormat.Double)
                b = -BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(a) + (ulong)rng.Next(-3, 4))
                    * (rng.Next(3) == 0 ? Math.ScaleB(1, -rng.Next(0, 60)) : 1);
            else if (nearby)
                b = -BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits((float)a) + (uint)rng.Next(-3, 4))
                    * (rng.Next(3) == 0 ? (float)Math.ScaleB(1, -rng.Next(0, 30)) : 1);
            if (double.IsNaN(b) || double.IsInfinity(b)) continue;
            var env = Env(rng);
            FpExceptions got = 0, want = 0;
            ulong r = op(a, b, f, env, ref got), w = oracle(a, b, f, env, ref want);
            if (r != w || got != want)
                Assert.Fail($"{name} {f} {env}: {a:R} ({BitConverter.DoubleToUInt64Bits(a):x16}), {b:R} ({BitConverter.DoubleToUInt64Bits(b):x16}) " +
                    $"gave {r:x16} {got}, expected {w:x16} {want}");
        }
    }

    [TestMethod]
    [DataRow(FpFormat.Single)]
    [DataRow(FpFormat.Double)]
    public void AddMatchesOracle(FpFormat f) => Compare("add", FpArithmetic.Add, ExactOracle.Add, f, 1, false);

    [TestMethod]
    [DataRow(FpFormat.Single)]
    [DataRow(FpFormat.Double)]
    public void CancellingAddMatchesOracle(FpFormat f) => Compare("add", FpArithmetic.Add, ExactOracle.Add, f, 2, true);

    [TestMethod]
    [DataRow(FpFormat.Single)]
    [DataRow(FpFormat.Double)]
    public void MulMatchesOracle(FpFormat f) => Compare("mul", FpArithmetic.Mul, ExactOracle.Mul, f, 3, false);

    [TestMethod]
    [DataRow(FpFormat.Single)]
    [DataRow(FpFormat.Double)]
    public void DivMatchesOracle(FpFormat f) => Compare("div", FpArithmetic.Div, ExactOracle.Div, f, 4, false);

    [TestMethod]
    [DataRow(FpFormat.Single)]
    [DataRow(FpFormat.Double)]
    public void SqrtMatchesOracle(FpFormat f) => Compare("sqrt",
        (double a, double _, FpFormat fmt, in FpEnvironment env, ref FpExceptions ex) => FpArithmetic.Sqrt(Math.Abs(a), fmt, env, ref ex),
        (double a, double _, FpFormat fmt, FpEnvironment env, ref FpExceptions ex) => ExactOracle.Sqrt(Math.Abs(a), fmt, env, ref ex),
        f, 5, false);

    [TestMethod]
    public void DoubleToSingleMatchesOracle()
    {
        var rng = new Random(6);
        for (int i = 0; i < 20000; i++)
        {
            // doubles around the binary32 range, including its subnormals and overflow
            ulong bits = (ulong)rng.Next(0x360, 0x480) << 52 | ((ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF);
            if (rng.Next(3) == 0) bits &= ~0xFFFFFFFUL;
            if (rng.Next(2) == 0) bits |= 1UL << 63;
            double x = BitConverter.UInt64BitsToDouble(bits);
            var env = Env(rng);
            FpExceptions got = 0, want = 0;
            ulong r = FpConversions.FromDouble(x, FpFormat.Single, env, ref got);
            ulong w = ExactOracle.Add(x, 0.0, FpFormat.Single, env, ref want);
            Assert.AreEqual((w, want), (r, got), $"{bits:x16} {env}");
        }
    }

    [TestMethod]
    public void SpecialOperands()
    {
        var rn = FpEnvironment.NearestEven;
        var rm = new FpEnvironment(FpRounding.TowardNegative);
        FpExceptions ex = 0;
        Assert.AreEqual(0x7FC00000UL, FpArithmetic.Add(double.PositiveInfinity, double.NegativeInfinity, FpFormat.Single, rn, ref ex));
        Assert.AreEqual(FpExceptions.Invalid, ex);
        ex = 0;
        Assert.AreEqual(0x7FF8000000000000UL, FpArithmetic.Mul(0.0, double.PositiveInfinity, FpFormat.Double, rn, ref ex));
        Assert.AreEqual(FpExceptions.Invalid, ex);
        ex = 0;
        Assert.AreEqual(0xFF800000UL, FpArithmetic.Div(-1.0, 0.0, FpFormat.Single, rn, ref ex));
        Assert.AreEqual(FpExceptions.DivideByZero, ex);
        ex = 0;
        Assert.AreEqual(0x7FC00000UL, FpArithmetic.Div(0.0, -0.0, FpFormat.Single, rn, ref ex));
        Assert.AreEqual(FpExceptions.Invalid, ex);
        ex = 0;
        Assert.AreEqual(0x7FC00000UL, FpArithmetic.Sqrt(-2.0, FpFormat.Single, rn, ref ex));
        Assert.AreEqual(FpExceptions.Invalid, ex);
        ex = 0;
        Assert.AreEqual(0x80000000UL, FpArithmetic.Sqrt(-0.0, FpFormat.Single, rn, ref ex));
        Assert.AreEqual(0x80000000UL, FpArithmetic.Sub(1.0, 1.0, FpFormat.Single, rm, ref ex), "x - x is -0 rounding down");
        Assert.AreEqual(0UL, FpArithmetic.Sub(1.0, 1.0, FpFormat.Single, rn, ref ex));
        Assert.AreEqual(0x80000000UL, FpArithmetic.Add(-0.0, -0.0, FpFormat.Single, rn, ref ex));
        Assert.AreEqual(0UL, FpArithmetic.Add(-0.0, 0.0, FpFormat.Single, rn, ref ex));
        Assert.AreEqual(0x80000000UL, FpArithmetic.Add(-0.0, 0.0, FpFormat.Single, rm, ref ex));
        Assert.AreEqual(0x7F800000UL, FpArithmetic.Mul(double.PositiveInfinity, 2.0, FpFormat.Single, rn, ref ex));
        Assert.AreEqual(0x80000000UL, FpArithmetic.Div(1.0, double.NegativeInfinity, FpFormat.Single, rn, ref ex));
        Assert.AreEqual(FpExceptions.None, ex);
    }

    [TestMethod]
    [DataRow(FpRounding.NearestEven, 0x7F800000u, FpExceptions.Overflow | FpExceptions.Inexact)]
    [DataRow(FpRounding.TowardZero, 0x7F7FFFFFu, FpExceptions.Overflow | FpExceptions.Inexact)]
    [DataRow(FpRounding.TowardPositive, 0x7F800000u, FpExceptions.Overflow | FpExceptions.Inexact)]
    [DataRow(FpRounding.TowardNegative, 0x7F7FFFFFu, FpExceptions.Overflow | FpExceptions.Inexact)]
    public void OverflowDependsOnRounding(FpRounding r, uint expected, FpExceptions flags)
    {
        FpExceptions ex = 0;
        float max = float.MaxValue;
        Assert.AreEqual(expected, (uint)FpArithmetic.Add(max, max, FpFormat.Single, new FpEnvironment(r), ref ex));
        Assert.AreEqual(flags, ex);
    }

    [TestMethod]
    public void TininessAfterRoundingSparesResultsThatRoundToTheSmallestNormal()
    {
        // (1 - 2^-25) * 2^-126 rounds to 2^-126: inexact; tiny only when detected before rounding
        double x = Math.ScaleB(1 - Math.ScaleB(1, -25), -126);
        FpExceptions after = 0, before = 0;
        Assert.AreEqual(0x00800000UL, FpConversions.FromDouble(x, FpFormat.Single, FpEnvironment.NearestEven, ref after));
        Assert.AreEqual(FpExceptions.Inexact, after);
        FpConversions.FromDouble(x, FpFormat.Single, new FpEnvironment(FpRounding.NearestEven, TininessBeforeRounding: true), ref before);
        Assert.AreEqual(FpExceptions.Inexact | FpExceptions.Underflow, before);
    }

    [TestMethod]
    public void ExactSubnormalResultsDoNotUnderflow()
    {
        FpExceptions ex = 0;
        Assert.AreEqual(0x00400000UL, FpArithmetic.Mul(Math.ScaleB(1, -126), 0.5, FpFormat.Single, FpEnvironment.NearestEven, ref ex));
        Assert.AreEqual(FpExceptions.None, ex);
    }

    [TestMethod]
    public void FlushToZeroFlushesResultsTinyBeforeRounding()
    {
        var ftz = new FpEnvironment(FpRounding.TowardPositive, FlushToZero: true);
        FpExceptions ex = 0;
        double x = Math.ScaleB(1 - Math.ScaleB(1, -25), -126);
        Assert.AreEqual(0UL, FpConversions.FromDouble(x, FpFormat.Single, ftz, ref ex));
        Assert.AreEqual(0x80000000UL, FpConversions.FromDouble(-x, FpFormat.Single, ftz, ref ex));
        Assert.AreEqual(FpExceptions.None, ex, "no flag when the ISA says so");
        FpConversions.FromDouble(x, FpFormat.Single, ftz with { FlushRaisesUnderflow = true }, ref ex);
        Assert.AreEqual(FpExceptions.Underflow, ex);
    }
}
