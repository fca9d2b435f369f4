using CrossEmu.Isa.Float;

namespace CrossEmu.Isa.Tests.Float;

[TestClass]
public sealed class FpConversionsTests
{
    [TestMethod]
    [DataRow(1.5, FpRounding.NearestEven, 2, false)]
    [DataRow(2.5, FpRounding.NearestEven, 2, false)]
    [DataRow(-2.5, FpRounding.NearestEven, -2, false)]
    [DataRow(1.5, FpRounding.TowardZero, 1, false)]
    [DataRow(-1.5, FpRounding.TowardZero, -1, false)]
    [DataRow(1.25, FpRounding.TowardPositive, 2, false)]
    [DataRow(-1.25, FpRounding.TowardPositive, -1, false)]
    [DataRow(-1.25, FpRounding.TowardNegative, -2, false)]
    [DataRow(3.0, FpRounding.TowardNegative, 3, true)]
    public void ToInt32Rounds(double x, FpRounding r, int expected, bool exact)
    {
        FpExceptions ex = 0;
        Assert.IsTrue(FpConversions.TryToInt32(x, r, out int v, ref ex));
        Assert.AreEqual(expected, v);
        Assert.AreEqual(exact ? FpExceptions.None : FpExceptions.Inexact, ex);
    }

    [TestMethod]
    [DataRow(2147483648.0, FpRounding.NearestEven, int.MaxValue)]
    [DataRow(2147483647.5, FpRounding.NearestEven, int.MaxValue)]
    [DataRow(2147483647.5, FpRounding.TowardPositive, int.MaxValue)]
    [DataRow(-2147483649.0, FpRounding.TowardZero, int.MinValue)]
    [DataRow(double.NegativeInfinity, FpRounding.TowardZero, int.MinValue)]
    [DataRow(double.NaN, FpRounding.TowardZero, 0)]
    public void ToInt32OutOfRangeIsInvalidOnly(double x, FpRounding r, int saturated)
    {
        FpExceptions ex = FpExceptions.Overflow;   // earlier flags survive
        Assert.IsFalse(FpConversions.TryToInt32(x, r, out int v, ref ex));
        Assert.AreEqual(saturated, v);
        Assert.AreEqual(FpExceptions.Invalid | FpExceptions.Overflow, ex);
    }

    [TestMethod]
    public void ToInt32EdgesInRange()
    {
        FpExceptions ex = 0;
        Assert.IsTrue(FpConversions.TryToInt32(-2147483648.9, FpRounding.TowardZero, out int v, ref ex));
        Assert.AreEqual(int.MinValue, v);
        Assert.AreEqual(FpExceptions.Inexact, ex);
        Assert.IsTrue(FpConversions.TryToInt32(-2147483648.5, FpRounding.NearestEven, out v, ref ex));
        Assert.AreEqual(int.MinValue, v);
    }

    [TestMethod]
    public void ToInt64Limits()
    {
        FpExceptions ex = 0;
        Assert.IsTrue(FpConversions.TryToInt64(-9223372036854775808.0, FpRounding.NearestEven, out long v, ref ex));
        Assert.AreEqual(long.MinValue, v);
        Assert.IsFalse(FpConversions.TryToInt64(9223372036854775808.0, FpRounding.NearestEven, out v, ref ex));
        Assert.AreEqual(long.MaxValue, v);
        Assert.AreEqual(FpExceptions.Invalid, ex);
    }

    [TestMethod]
    [DataRow(0x7FFFFFFFL, FpRounding.NearestEven, 0x4F000000u)]
    [DataRow(0x7FFFFFFFL, FpRounding.TowardZero, 0x4EFFFFFFu)]
    [DataRow(-0x7FFFFFFFL, FpRounding.TowardNegative, 0xCF000000u)]
    [DataRow(-0x7FFFFFFFL, FpRounding.TowardPositive, 0xCEFFFFFFu)]
    [DataRow(long.MinValue, FpRounding.TowardZero, 0xDF000000u)]
    [DataRow(16777217L, FpRounding.NearestEven, 0x4B800000u)]
    public void FromIntegerToSingleRounds(long v, FpRounding r, uint expected)
    {
        FpExceptions ex = 0;
        Assert.AreEqual(expected, (uint)FpConversions.FromInt64(v, FpFormat.Single, new FpEnvironment(r), ref ex));
        Assert.AreEqual(v == long.MinValue ? FpExceptions.None : FpExceptions.Inexact, ex);
    }

    [TestMethod]
    public void FromIntegerExactAndZero()
    {
        FpExceptions ex = 0;
        Assert.AreEqual(BitConverter.DoubleToUInt64Bits(-2147483648.0),
            FpConversions.FromInt64(int.MinValue, FpFormat.Double, FpEnvironment.NearestEven, ref ex));
        Assert.AreEqual(0UL, FpConversions.FromInt64(0, FpFormat.Double, FpEnvironment.NearestEven, ref ex));
        Assert.AreEqual(BitConverter.DoubleToUInt64Bits(18446744073709551615.0),
            FpConversions.FromUInt64(ulong.MaxValue, FpFormat.Double, FpEnvironment.NearestEven, ref ex));
        Assert.AreEqual(FpExceptions.Inexact, ex);
    }

    [TestMethod]
    public void NarrowingKeepsInfinitiesAndZeros()
    {
        FpExceptions ex = 0;
        Assert.AreEqual(0xFF800000UL, FpConversions.FromDouble(double.NegativeInfinity, FpFormat.Single, FpEnvironment.NearestEven, ref ex));
        Assert.AreEqual(0x80000000UL, FpConversions.FromDouble(-0.0, FpFormat.Single, FpEnvironment.NearestEven, ref ex));
        Assert.AreEqual(FpExceptions.None, ex);
        Assert.AreEqual(0x7F7FFFFFUL, FpConversions.FromDouble(1e300, FpFormat.Single, new FpEnvironment(FpRounding.TowardZero), ref ex));
        Assert.AreEqual(FpExceptions.Overflow | FpExceptions.Inexact, ex);
    }
}
