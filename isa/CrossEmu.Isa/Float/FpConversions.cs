namespace CrossEmu.Isa.Float;

/// <summary>
/// Conversions between the formats and to and from integers, in any rounding direction with
/// exact flags. NaN operands are the caller's business, as in FpArithmetic.
/// </summary>
public static class FpConversions
{
    /// <summary>Rounds a double to format (binary64 to binary32 narrows; binary64 to itself is exact).</summary>
    public static ulong FromDouble(double x, FpFormat format, in FpEnvironment env, ref FpExceptions ex)
    {
        var f = FpFormatInfo.Of(format);
        if (double.IsNaN(x)) return f.QuietNaN;
        if (x == 0) return double.IsNegative(x) ? f.SignBit : 0;
        return FpRounder.Round(x, 0.0, 0, format, env, ref ex);
    }

    /// <summary>A signed integer to format (inexact only for magnitudes beyond the precision).</summary>
    public static ulong FromInt64(long v, FpFormat format, in FpEnvironment env, ref FpExceptions ex) =>
        FpRounder.Round(v < 0, v < 0 ? 0UL - (ulong)v : (ulong)v, 0, false, format, env, ref ex);

    /// <summary>An unsigned integer to format.</summary>
    public static ulong FromUInt64(ulong v, FpFormat format, in FpEnvironment env, ref FpExceptions ex) =>
        FpRounder.Round(false, v, 0, false, format, env, ref ex);

    /// <summary>x rounded to an integral value in the given direction (infinities stay).</summary>
    public static double RoundToIntegral(double x, FpRounding rounding) => rounding switch
    {
        FpRounding.NearestEven => Math.Round(x, MidpointRounding.ToEven),
        FpRounding.TowardZero => Math.Truncate(x),
        FpRounding.TowardPositive => Math.Ceiling(x),
        _ => Math.Floor(x),
    };

    /// <summary>
    /// x to a 32-bit signed integer. False (and Invalid) for NaN and for results out of range;
    /// value is then the saturated result (0 for NaN), which ISAs that do not saturate replace.
    /// </summary>
    public static bool TryToInt32(double x, FpRounding rounding, out int value, ref FpExceptions ex)
    {
        var own = FpExceptions.None;
        if (TryToInt64(x, rounding, out long wide, ref own) && wide == (int)wide)
        {
            ex |= own;
            value = (int)wide;
            return true;
        }
        ex |= FpExceptions.Invalid;        // out of range is invalid, not inexact
        value = double.IsNaN(x) ? 0 : x < 0 ? int.MinValue : int.MaxValue;
        return false;
    }

    /// <summary>x to a 64-bit signed integer, as TryToInt32.</summary>
    public static bool TryToInt64(double x, FpRounding rounding, out long value, ref FpExceptions ex)
    {
        double t = RoundToIntegral(x, rounding);
        if (double.IsNaN(t) || t < -9223372036854775808.0 || t >= 9223372036854775808.0)
        {
            ex |= FpExceptions.Invalid;
            value = double.IsNaN(x) ? 0 : x < 0 ? long.MinValue : long.MaxValue;
            return false;
        }
        if (t != x) ex |= FpExceptions.Inexact;
        value = (long)t;
        return true;
    }
}
