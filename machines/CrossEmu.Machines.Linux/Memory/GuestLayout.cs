namespace CrossEmu.Machines.Linux.Memory;

/// <summary>
/// Where a guest ABI puts things in its 32-bit address space. ARM uses the whole 4 GiB
/// (the kuser page sits at the top); MIPS o32 user space ends at 2 GiB, so it gets its own values.
/// </summary>
public sealed record GuestLayout(
    uint StackTop,
    uint StackSize,
    /// <summary>mmap hands out addresses top-down from here.</summary>
    uint MmapTop,
    /// <summary>Lowest address mmap may return (Linux's mmap_min_addr).</summary>
    uint MmapBottom,
    /// <summary>Load address of a position-independent main program (static-pie).</summary>
    uint PieBase,
    /// <summary>End of user space (Linux's TASK_SIZE): mmap never maps at or above it.</summary>
    ulong TaskSize = 1UL << 32)
{
    public uint StackBottom => StackTop - StackSize;
}
