namespace CrossEmu.Frontends.X86.Boot;

public enum X86CpuMode { Real16, Protected32, Long64 }

/// <summary>
/// What a CPU looks like when the guest starts: the registers a boot protocol defines, control
/// registers, descriptor-table registers and every segment register. Pure data, made by the
/// factories below (the x86 reset state and the boot protocols' entry states); an accelerator maps
/// it 1:1 onto its own registers (KVM: kvm_regs / kvm_sregs). Registers not listed are zero.
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
    /// Real mode at <paramref name="cs"/>:<paramref name="ip"/> (segment base cs * 16), the other segments at
    /// <paramref name="dataSegment"/>, interrupts off; everything else as after reset: CR0 = CD|NW|ET, GDT and
    /// IDT at 0 with the real-mode limit 0xFFFF.
    /// </summary>
    public static X86EntryState RealMode(ushort cs, ushort ip, ushort dataSegment = 0)
    {
        var data = X86Segment.RealMode(dataSegment, X86Segment.TypeData);
        return new X86EntryState
        {
            Mode = X86CpuMode.Real16,
            Rip = ip,
            Cr0 = Cr0Cd | Cr0Nw | Cr0Et,
            GdtLimit = 0xFFFF,
            IdtLimit = 0xFFFF,
            Cs = X86Segment.RealMode(cs, X86Segment.TypeCode),
            Ds = data, Es = data, Fs = data, Gs = data, Ss = data,
        };
    }

    /// <summary>
    /// The x86 power-on state: real mode at F000:FFF0, but with CS's base at 0xFFFF0000, so the first
    /// fetch is at 0xFFFFFFF0, the top of the firmware.
    /// </summary>
    public static X86EntryState ResetVector() =>
        RealMode(0xF000, 0xFFF0) with { Cs = X86Segment.RealMode(0xF000, X86Segment.TypeCode, 0xFFFF0000) };

    /// <summary>
    /// Flat 32-bit protected mode without paging, interrupts off, as multiboot v1 requires:
    /// CS = <see cref="BootGdt.Code32Selector"/>, the data segments <see cref="BootGdt.DataSelector"/>,
    /// both 4 GiB flat, taken from the <see cref="BootGdt"/> the caller wrote at <paramref name="gdtBase"/>;
    /// an empty IDT (limit 0) at <paramref name="idtBase"/>, so any exception is a triple fault.
    /// </summary>
    public static X86EntryState Protected32Flat(uint entry, uint eax, uint ebx, ulong gdtBase, ulong idtBase)
    {
        var data = BootGdt.Segment(BootGdt.DataSelector);
        return new X86EntryState
        {
            Mode = X86CpuMode.Protected32,
            Rip = entry, Rax = eax, Rbx = ebx,
            Cr0 = Cr0Pe | Cr0Et,
            GdtBase = gdtBase, GdtLimit = BootGdt.Limit,
            IdtBase = idtBase, IdtLimit = 0,
            Cs = BootGdt.Segment(BootGdt.Code32Selector),
            Ds = data, Es = data, Fs = data, Gs = data, Ss = data,
        };
    }

    /// <summary>
    /// 64-bit long mode with paging on (CR3 = <paramref name="cr3"/>, e.g. <see cref="IdentityPageTables"/>, PAE,
    /// EFER.LME|LMA), interrupts off, CS = __BOOT_CS (0x10), DS/ES/SS (and FS/GS) = __BOOT_DS (0x18) of the
    /// <see cref="BootGdt"/> at <paramref name="gdtBase"/>, an empty IDT at <paramref name="idtBase"/>, RSI =
    /// <paramref name="rsi"/> (the zero page): the Linux 64-bit boot protocol's entry state.
    /// </summary>
    public static X86EntryState Long64(ulong entry, ulong rsi, ulong cr3, ulong gdtBase, ulong idtBase)
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
            GdtBase = gdtBase, GdtLimit = BootGdt.Limit,
            IdtBase = idtBase, IdtLimit = 0,
            Cs = BootGdt.Segment(BootGdt.Code64Selector),
            Ds = data, Es = data, Fs = data, Gs = data, Ss = data,
        };
    }
}
