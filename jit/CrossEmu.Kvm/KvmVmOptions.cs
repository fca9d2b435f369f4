namespace CrossEmu.Kvm;

/// <summary>How a VM is set up. The defaults are those of a PC: in-kernel PIC/IOAPIC/LAPIC and PIT.</summary>
public sealed record KvmVmOptions
{
    /// <summary>Number of vCPUs the machine will create (CPUID topology is derived from it).</summary>
    public int VcpuCount { get; init; } = 1;

    /// <summary>KVM_CREATE_IRQCHIP: in-kernel PIC, IOAPIC and local APICs. Without it HLT exits to userspace and
    /// <see cref="KvmVm.SetIrq"/> is unavailable.</summary>
    public bool InKernelIrqchip { get; init; } = true;

    /// <summary>KVM_CREATE_PIT2 (needs the irqchip), with the speaker port left to userspace's dummy.</summary>
    public bool InKernelPit { get; init; } = true;

    /// <summary>
    /// Three pages of guest-physical space for the VMX real-mode TSS (KVM_SET_TSS_ADDR); must not overlap RAM, ROM or
    /// MMIO. Where the CPU lacks unrestricted guest, KVM makes these pages (and the identity map's) a private memory
    /// slot, and a user slot over them fails with EEXIST. QEMU's place: just below the top 16 MiB, where firmware of
    /// up to 16 MiB ends at 4 GiB (the kernel's own default, 0xFFFBC000, lies inside any firmware over 272 KiB).
    /// </summary>
    public ulong TssAddress { get; init; } = 0xFEFF_D000;

    /// <summary>One page for the EPT identity map in real mode (KVM_SET_IDENTITY_MAP_ADDR), the page below the TSS (as QEMU).</summary>
    public ulong IdentityMapAddress { get; init; } = 0xFEFF_C000;
}
