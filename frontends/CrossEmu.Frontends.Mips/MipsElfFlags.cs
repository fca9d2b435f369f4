namespace CrossEmu.Frontends.Mips;

/// <summary>
/// The e_flags of a MIPS ELF file (the gABI MIPS supplement, binutils' include/elf/mips.h), and which
/// objects this frontend and the o32 runtime run: 32-bit o32 code with legacy NaNs and 32-bit FPU registers (FR = 0),
/// the pre-Release 6 encodings.
/// </summary>
public static class MipsElfFlags
{
    public const uint EF_MIPS_NOREORDER = 1, EF_MIPS_PIC = 2, EF_MIPS_CPIC = 4, EF_MIPS_ABI2 = 0x20,
        EF_MIPS_FP64 = 0x200, EF_MIPS_NAN2008 = 0x400;
    public const uint EF_MIPS_ABI = 0x0000f000, E_MIPS_ABI_O32 = 0x1000, E_MIPS_ABI_O64 = 0x2000,
        E_MIPS_ABI_EABI32 = 0x3000, E_MIPS_ABI_EABI64 = 0x4000;
    public const uint EF_MIPS_ARCH = 0xf0000000, E_MIPS_ARCH_32R2 = 0x70000000, E_MIPS_ARCH_32R6 = 0x90000000,
        E_MIPS_ARCH_64R6 = 0xa0000000;

    /// <summary>Null for an object CrossEmu runs; else one line saying why not.</summary>
    public static string? Refusal(uint flags)
    {
        if ((flags & EF_MIPS_ABI2) != 0) return "MIPS n32 objects are not supported, only o32";
        switch (flags & EF_MIPS_ABI)
        {
            case 0 or E_MIPS_ABI_O32: break; // old o32 objects leave the ABI field zero
            case E_MIPS_ABI_O64: return "MIPS o64 objects are not supported, only o32";
            case E_MIPS_ABI_EABI32 or E_MIPS_ABI_EABI64: return "MIPS EABI objects are not supported, only o32";
            default: return $"unknown MIPS ABI 0x{flags & EF_MIPS_ABI:x} in e_flags, only o32 is supported";
        }
        if ((flags & EF_MIPS_NAN2008) != 0)
            return "MIPS NaN2008 objects (EF_MIPS_NAN2008) are not supported, only the legacy NaN encoding";
        if ((flags & EF_MIPS_FP64) != 0)
            return "MIPS o32 FP64 objects (EF_MIPS_FP64, FR = 1) are not supported, only 32-bit FPU registers";
        if ((flags & EF_MIPS_ARCH) is E_MIPS_ARCH_32R6 or E_MIPS_ARCH_64R6)
            return "MIPS Release 6 objects are not supported, only MIPS32 Release 2 and earlier";
        return null;
    }
}
