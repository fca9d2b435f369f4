namespace CrossEmu.Isa.Float;

/// <summary>The binary interchange formats the FPUs use.</summary>
public enum FpFormat
{
    /// <summary>binary32: results are returned in the low 32 bits.</summary>
    Single,
    /// <summary>binary64.</summary>
    Double,
}

/// <summary>The parameters of a format: precision (significand bits with the hidden one) and exponent range.</summary>
internal readonly record struct FpFormatInfo(int Precision, int EMin, int EMax, int Bias, ulong SignBit)
{
    public static readonly FpFormatInfo Single = new(24, -126, 127, 127, 1UL << 31);
    public static readonly FpFormatInfo Double = new(53, -1022, 1023, 1023, 1UL << 63);

    public static FpFormatInfo Of(FpFormat f) => f == FpFormat.Single ? Single : Double;

    public ulong FractionMask => (1UL << (Precision - 1)) - 1;
    public ulong Infinity => (ulong)(EMax + Bias + 1) << (Precision - 1);
    public ulong MaxFinite => Infinity - 1;
    /// <summary>A quiet NaN in the IEEE 754-2008 encoding; callers substitute their ISA's default NaN.</summary>
    public ulong QuietNaN => Infinity | 1UL << (Precision - 2);
}
