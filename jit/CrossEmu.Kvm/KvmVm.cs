using CrossEmu.Devices.Interrupts;
using CrossEmu.Devices.Memory;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm;

/// <summary>
/// One KVM virtual machine: x86 set-up (TSS and identity-map pages, in-kernel irqchip and PIT), memory slots from
/// <see cref="GuestRam"/> blocks (ROM read-only when the kernel can, so guest writes exit as MMIO), interrupt lines
/// (KVM_IRQ_LINE by GSI) and vCPU creation.
/// </summary>
public sealed unsafe class KvmVm : IInterruptController, IDisposable
{
    readonly KvmFd fd;
    readonly object slotGate = new();
    readonly List<KvmMemorySlot> slots = [];
    readonly List<KvmVcpu> vcpus = [];

    public KvmVmOptions Options { get; }

    /// <summary>The host's supported CPUID (KVM_GET_SUPPORTED_CPUID), fixed up per vCPU at creation.</summary>
    public IReadOnlyList<KvmCpuidEntry2> SupportedCpuid { get; }

    public int VcpuMmapSize { get; }

    public bool HasReadonlyMemory { get; }

    public bool HasImmediateExit { get; }

    public int MaxVcpus { get; }

    public int MaxMemorySlots { get; }

    public bool HasIrqchip { get; }

    /// <summary>The in-kernel irqchip's GSIs: the I/O APIC's 24 inputs (KVM_IOAPIC_NUM_PINS), the first 16 shared with the PICs.</summary>
    public const int IrqchipInputs = 24;

    public IReadOnlyList<KvmMemorySlot> MemorySlots
    {
        get { lock (slotGate) return slots.ToArray(); }
    }

    public IReadOnlyList<KvmVcpu> Vcpus
    {
        get { lock (vcpus) return vcpus.ToArray(); }
    }

    internal KvmVm(KvmDevice device, KvmVmOptions options)
    {
        Options = options;
        MaxVcpus = device.MaxVcpus;
        if (options.VcpuCount < 1 || options.VcpuCount > MaxVcpus)
            throw new ArgumentOutOfRangeException(nameof(options), options.VcpuCount, $"this host's KVM allows 1 to {MaxVcpus} vCPUs");
        if (options.InKernelPit && !options.InKernelIrqchip)
            throw new ArgumentException("the in-kernel PIT needs the in-kernel irqchip", nameof(options));
        VcpuMmapSize = device.VcpuMmapSize;
        SupportedCpuid = device.GetSupportedCpuid();
        HasReadonlyMemory = device.Has(KvmCap.ReadonlyMem);
        HasImmediateExit = device.Has(KvmCap.ImmediateExit);
        int memslots = device.CheckExtension(KvmCap.NrMemslots);
        MaxMemorySlots = memslots > 0 ? memslots : 32;
        if (!device.Has(KvmCap.UserMemory)) throw new KvmException("this KVM lacks KVM_CAP_USER_MEMORY");

        fd = new KvmFd(device.CreateVmFd());
        try
        {
            if (device.Has(KvmCap.SetIdentityMapAddr))
            {
                ulong identity = options.IdentityMapAddress;
                fd.Ioctl(KvmIoctl.SetIdentityMapAddr, ref identity);
            }
            if (device.Has(KvmCap.SetTssAddr))
                fd.Ioctl(KvmIoctl.SetTssAddr, (nint)options.TssAddress);
            if (options.InKernelIrqchip)
            {
                if (!device.Has(KvmCap.Irqchip)) throw new KvmException("this KVM has no in-kernel irqchip (KVM_CAP_IRQCHIP)");
                fd.Ioctl(KvmIoctl.CreateIrqchip);
                HasIrqchip = true;
            }
            if (options.InKernelPit)
            {
                if (!device.Has(KvmCap.Pit2)) throw new KvmException("this KVM has no in-kernel PIT (KVM_CAP_PIT2)");
                var pit = new KvmPitConfig { Flags = KvmConst.PitSpeakerDummy };
                fd.Ioctl(KvmIoctl.CreatePit2, ref pit);
            }
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    internal KvmFd Fd => fd;

    /// <summary>Maps a RAM block into the guest at its <see cref="GuestRam.Base"/>. The block must outlive the VM.</summary>
    public KvmMemorySlot AddRam(GuestRam ram) => Map(ram.Base, ram.Size, ram.HostAddress, readOnly: false);

    /// <summary>
    /// Maps a ROM image (a <see cref="GuestRam"/> block the caller has filled) read-only when the kernel supports
    /// KVM_MEM_READONLY: reads run at memory speed, writes exit as MMIO to the bus. Without that capability the ROM is
    /// mapped writable and <see cref="KvmMemorySlot.ReadOnly"/> says so.
    /// </summary>
    public KvmMemorySlot AddRom(GuestRam rom) => Map(rom.Base, rom.Size, rom.HostAddress, readOnly: HasReadonlyMemory);

    /// <summary>Maps host memory [host, host+size) at guest-physical <paramref name="guestPhysical"/> (page-aligned).</summary>
    public KvmMemorySlot Map(ulong guestPhysical, ulong size, nint host, bool readOnly)
    {
        if ((guestPhysical & 0xfff) != 0 || (size & 0xfff) != 0 || size == 0 || (host & 0xfff) != 0)
            throw new ArgumentException($"memory slot at 0x{guestPhysical:x} of 0x{size:x} bytes: addresses and size must be page-aligned and non-zero");
        if (readOnly && !HasReadonlyMemory) throw new KvmException("this KVM has no read-only memory slots (KVM_CAP_READONLY_MEM)");
        lock (slotGate)
        {
            foreach (var s in slots)
                if (guestPhysical < s.GuestPhysical + s.Size && s.GuestPhysical < guestPhysical + size)
                    throw new ArgumentException($"memory slot at 0x{guestPhysical:x} of 0x{size:x} bytes overlaps slot {s.Slot} at 0x{s.GuestPhysical:x}");
            if (slots.Count >= MaxMemorySlots) throw new KvmException($"this KVM allows {MaxMemorySlots} memory slots");
            var region = new KvmUserspaceMemoryRegion
            {
                Slot = (uint)slots.Count,
                Flags = readOnly ? KvmConst.MemReadonly : 0,
                GuestPhysAddr = guestPhysical,
                MemorySize = size,
                UserspaceAddr = (ulong)host,
            };
            fd.Ioctl(KvmIoctl.SetUserMemoryRegion, ref region);
            var slot = new KvmMemorySlot((int)region.Slot, guestPhysical, size, host, readOnly);
            slots.Add(slot);
            return slot;
        }
    }

    /// <summary>Raises or lowers a GSI of the in-kernel irqchip (0-15: PIC and IOAPIC, 16-23: IOAPIC). Any thread.</summary>
    public void SetIrq(int line, bool asserted)
    {
        if (!HasIrqchip) throw new InvalidOperationException("this VM has no in-kernel irqchip: interrupts cannot be injected");
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        var level = new KvmIrqLevel { Irq = (uint)line, Level = asserted ? 1u : 0u };
        fd.Ioctl(KvmIoctl.IrqLine, ref level);
    }

    /// <summary>
    /// Creates vCPU <paramref name="id"/> (its APIC ID) with the host CPUID fixed up for it
    /// (<see cref="CpuidFixup"/>) and the boot MSRs Linux expects. Its registers are the x86 reset state until set.
    /// </summary>
    public KvmVcpu CreateVcpu(int id)
    {
        if (id < 0 || id >= Options.VcpuCount)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"this VM was set up for {Options.VcpuCount} vCPUs");
        var vcpu = new KvmVcpu(this, id);
        lock (vcpus) vcpus.Add(vcpu);
        return vcpu;
    }

    internal int CreateVcpuFd(int id) => fd.Ioctl(KvmIoctl.CreateVcpu, id);

    public void Dispose()
    {
        KvmVcpu[] all;
        lock (vcpus)
        {
            all = vcpus.ToArray();
            vcpus.Clear();
        }
        foreach (var v in all) v.Dispose();
        fd.Dispose();
    }
}

/// <summary>One KVM memory slot.</summary>
public sealed record KvmMemorySlot(int Slot, ulong GuestPhysical, ulong Size, nint HostAddress, bool ReadOnly);
