namespace CrossEmu.Frontends.Mips.Fpu;

/// <summary>
/// The legacy MIPS NaN encoding (FCSR.NAN2008 = 0, as on the 24Kf qemu-mipsel emulates): the
/// top fraction bit SET marks a signalling NaN, clear a quiet one, the opposite of IEEE
/// 754-2008 and x86. Every arithmetic result that is a NaN is the default NaN: QEMU runs the
/// legacy mode with default-NaN on, so NaN payloads never propagate.
/// </summary>
internal static class MipsNaN
{
    public const uint Default32 = 0x7FBF_FFFF;
    public const ulong Default64 = 0x7FF7_FFFF_FFFF_FFFF;

    public static bool IsNaN32(uint x) => (x & 0x7FFF_FFFF) > 0x7F80_0000;

    public static bool IsSignaling32(uint x) => IsNaN32(x) && (x & 0x0040_0000) != 0;

    public static bool IsNaN64(ulong x) => (x & 0x7FFF_FFFF_FFFF_FFFF) > 0x7FF0_0000_0000_0000;

    public static bool IsSignaling64(ulong x) => IsNaN64(x) && (x & 0x0008_0000_0000_0000) != 0;
}
