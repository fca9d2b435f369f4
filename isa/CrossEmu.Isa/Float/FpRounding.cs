namespace CrossEmu.Isa.Float;

/// <summary>
/// The IEEE 754 rounding-direction attributes. The order matches the MIPS FCSR.RM encoding
/// (RN, RZ, RP, RM); other ISAs map their own encodings.
/// </summary>
public enum FpRounding
{
    NearestEven = 0,
    TowardZero = 1,
    TowardPositive = 2,
    TowardNegative = 3,
}
