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

    /// <summary>
    /// The layout for a main stack of RLIMIT_STACK's soft limit, as Linux grows the stack up to it
    /// (qemu-user sizes its guest stack the same way): a limit above StackSize moves the stack's
    /// bottom and mmap's top down together, keeping the gap between them. Unlimited or smaller keeps
    /// this layout; the stack never takes more than a quarter of the space below it.
    /// </summary>
    public GuestLayout WithStackLimit(ulong limit)
    {
        if (limit <= StackSize || limit == ulong.MaxValue) return this;
        uint gap = StackBottom - MmapTop;
        ulong size = Math.Min(limit & ~0xfffUL, ((ulong)StackTop - MmapBottom) / 4 & ~0xfffUL);
        if (size <= StackSize) return this;
        return this with { StackSize = (uint)size, MmapTop = StackTop - (uint)size - gap };
    }
}
