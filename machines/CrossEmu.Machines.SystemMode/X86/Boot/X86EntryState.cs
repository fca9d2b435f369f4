namespace CrossEmu.Machines.SystemMode.X86.Boot;

public enum X86CpuMode { Real16, Protected32, Long64 }

/// <summary>
/// What the boot CPU looks like when the guest starts: the registers a boot protocol defines,
/// control registers, descriptor-table registers and every segment register. Pure data; the
/// integrator maps it 1:1 onto KVM's kvm_regs / kvm_sregs. Registers not listed are zero.
/// </summary>
public sealed record X86EntryState
{
    public const ulong Cr0Pe = 1, Cr0Et = 1 << 4, Cr0Nw = 1 << 29, Cr0Cd = 1 << 30, Cr0Pg = 1UL << 31;
    public const ulong Cr4Pae = 1 << 5;
    public const ulong EferLme = 1 << 8, EferLma = 1 << 10;
    /// <summary>RFLAGS bit 1 is always set; IF (bit 9) is clear at every entry here.</summary>
    public const ulong RflagsReserved = 2;

    public required X86CpuMode Mode { get; init; }
    public ulong Rip { get; init; }
    public ulong Rsi { get; init; }
    public ulong Rsp { get; init; }
    public ulong Rax { get; init; }
    public ulong Rbx { get; init; }
    public ulong Rflags { get; init; } = RflagsReserved;
    public ulong Cr0 { get; init; }
    public ulong Cr3 { get; init; }
    public ulong Cr4 { get; init; }
    public ulong Efer { get; init; }
    public ulong GdtBase { get; init; }
    public ushort GdtLimit { get; init; }
    public ulong IdtBase { get; init; }
    public ushort IdtLimit { get; init; }
    public required X86Segment Cs { get; init; }
    public required X86Segment Ds { get; init; }
    public required X86Segment Es { get; init; }
    public required X86Segment Fs { get; init; }
    public required X86Segment Gs { get; init; }
    public required X86Segment Ss { get; init; }
    public X86Segment Tr { get; init; } = X86Segment.ResetTaskRegister;
    public X86Segment Ldt { get; init; } = X86Segment.ResetLdt;

    /// <summary>
    /// The x86 power-on state: real mode, CS selector 0xF000 with base 0xFFFF0000, IP 0xFFF0
    /// (so the first fetch is at 0xFFFFFFF0, the top of the firmware), CR0 = CD|NW|ET, IDT at 0
    /// with the real-mode limit 0xFFFF.
    /// </summary>
    public static X86EntryState ResetVector()
    {
        var data = X86Segment.RealMode(0, X86Segment.TypeData);
        return new X86EntryState
        {
            Mode = X86CpuMode.Real16,
            Rip = 0xFFF0,
            Cr0 = Cr0Cd | Cr0Nw | Cr0Et,
            GdtLimit = 0xFFFF,
            IdtLimit = 0xFFFF,
            Cs = X86Segment.RealMode(0xF000, X86Segment.TypeCode, 0xFFFF0000),
            Ds = data, Es = data, Fs = data, Gs = data, Ss = data,
        };
    }

    /// <summary>
    /// Flat 32-bit protected mode without paging, interrupts off, as multiboot v1 requires:
    /// CS = <see cref="BootGdt.Code32Selector"/>, the data segments <see cref="BootGdt.DataSelector"/>,
    /// both 4 GiB flat, taken from the descriptors <see cref="BootGdt"/> writes (which the caller
    /// must have written at <paramref name="gdtBase"/>).
    /// </summary>
    public static X86EntryState Protected32Flat(uint entry, uint eax, uint ebx,
        ulong gdtBase = BootGdt.Address, ushort gdtLimit = BootGdt.Limit)
    {
        var data = BootGdt.Segment(BootGdt.DataSelector);
        return new X86EntryState
        {
            Mode = X86CpuMode.Protected32,
            Rip = entry, Rax = eax, Rbx = ebx,
            Cr0 = Cr0Pe | Cr0Et,
            GdtBase = gdtBase, GdtLimit = gdtLimit,
            IdtBase = BootGdt.IdtAddress, IdtLimit = 0,
            Cs = BootGdt.Segment(BootGdt.Code32Selector),
            Ds = data, Es = data, Fs = data, Gs = data, Ss = data,
        };
    }

    /// <summary>
    /// 64-bit long mode with paging on (CR3 = <paramref name="cr3"/>, PAE, EFER.LME|LMA), interrupts
    /// off, CS = __BOOT_CS (0x10), DS/ES/SS (and FS/GS) = __BOOT_DS (0x18), RSI = the zero page:
    /// the Linux 64-bit boot protocol's entry state.
    /// </summary>
    public static X86EntryState Long64(ulong entry, ulong rsi, ulong cr3, ulong gdtBase, ushort gdtLimit)
    {
        var data = BootGdt.Segment(BootGdt.DataSelector);
        return new X86EntryState
        {
            Mode = X86CpuMode.Long64,
            Rip = entry, Rsi = rsi,
            Cr0 = Cr0Pg | Cr0Pe | Cr0Et,
            Cr3 = cr3,
            Cr4 = Cr4Pae,
            Efer = EferLme | EferLma,
            GdtBase = gdtBase, GdtLimit = gdtLimit,
            IdtBase = BootGdt.IdtAddress, IdtLimit = 0,
            Cs = BootGdt.Segment(BootGdt.Code64Selector),
            Ds = data, Es = data, Fs = data, Gs = data, Ss = data,
        };
    }
}
