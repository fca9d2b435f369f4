using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm;

/// <summary>The MSR values a vCPU starts with, as Firecracker and kvmtool set them for Linux guests.</summary>
public static class BootMsrs
{
    public const uint Ia32Tsc = 0x10, Ia32SysenterCs = 0x174, Ia32SysenterEsp = 0x175, Ia32SysenterEip = 0x176,
        Ia32MiscEnable = 0x1A0, MtrrDefType = 0x2FF, Star = 0xC000_0081, Lstar = 0xC000_0082, Cstar = 0xC000_0083,
        SyscallMask = 0xC000_0084, KernelGsBase = 0xC000_0102;

    /// <summary>IA32_MISC_ENABLE bit 0: fast-string operations (REP MOVS/STOS) enabled.</summary>
    public const ulong MiscEnableFastString = 1;

    /// <summary>MTRRs enabled (bit 11) with write-back (6) as the default memory type.</summary>
    public const ulong MtrrDefTypeEnabledWriteBack = (1 << 11) | 6;

    public static IReadOnlyList<KvmMsrEntry> Entries { get; } =
    [
        new(Ia32SysenterCs, 0), new(Ia32SysenterEsp, 0), new(Ia32SysenterEip, 0),
        new(Star, 0), new(Cstar, 0), new(KernelGsBase, 0), new(SyscallMask, 0), new(Lstar, 0),
        new(Ia32Tsc, 0),
        new(Ia32MiscEnable, MiscEnableFastString),
        new(MtrrDefType, MtrrDefTypeEnabledWriteBack),
    ];
}
