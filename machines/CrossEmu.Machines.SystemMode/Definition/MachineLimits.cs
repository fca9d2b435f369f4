namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>
/// The ranges a machine file's numbers must fall in: what real machines have. Within them every sum
/// the loader, the address map and the bus make (address + size, repeat × size, irq + repeat) fits
/// in 64 bits, so a file is refused at its own line before anything could wrap.
/// </summary>
public static class MachineLimits
{
    /// <summary>Guest-physical addresses have at most 52 bits (the architectural maximum of x86-64 and
    /// AArch64): RAM and MMIO end at or below 4 PiB.</summary>
    public const int PhysicalAddressBits = 52;
    public const ulong PhysicalAddressEnd = 1UL << PhysicalAddressBits;

    /// <summary>I/O ports are 16-bit: 0 to 0xffff.</summary>
    public const ulong PortEnd = 0x10000;

    /// <summary>Interrupt inputs are numbered 0 to 1023.</summary>
    public const ulong MaxIrq = 1023;

    public const ulong MaxRepeat = 256;

    /// <summary>KVM's limit on x86 (KVM_MAX_VCPUS with CONFIG_KVM_MAX_NR_VCPUS at its maximum).</summary>
    public const ulong MaxCpus = 4096;

    /// <summary>The first address past the space.</summary>
    static ulong End(AddressSpace space) => space == AddressSpace.Port ? PortEnd : PhysicalAddressEnd;

    /// <summary>The space and its bounds, as a message says it.</summary>
    static string Describe(AddressSpace space) => space == AddressSpace.Port
        ? "0xffff (I/O ports are 16-bit)"
        : $"0x{PhysicalAddressEnd - 1:x} (guest-physical addresses have {PhysicalAddressBits} bits)";

    /// <summary>
    /// Why <paramref name="count"/> regions of <paramref name="size"/> bytes from <paramref name="start"/>
    /// do not fit in the space, or null when they do; every comparison is made without wrapping.
    /// </summary>
    public static string? RegionProblem(AddressSpace space, ulong start, ulong size, ulong count = 1)
    {
        ulong end = End(space);
        var (one, many) = space == AddressSpace.Port ? ("port", "ports") : ("address", "addresses");
        if (start >= end) return $"{one} 0x{start:x} is past {Describe(space)}";
        if (size > end - start) return $"{many} 0x{start:x}+0x{size:x} go past {Describe(space)}";
        if (count > 1 && size > (end - start) / count) return $"{count} regions of 0x{size:x} from 0x{start:x} go past {Describe(space)}";
        return null;
    }
}
