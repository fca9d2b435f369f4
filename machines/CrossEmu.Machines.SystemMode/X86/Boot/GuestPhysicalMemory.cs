using CrossEmu.Devices.Memory;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>
/// The guest's RAM blocks seen as one physical address space for the boot writers: each write
/// must fall inside one block. Writes outside RAM are the loader's bug (its checks come first),
/// so they throw <see cref="ArgumentOutOfRangeException"/>.
/// </summary>
public sealed class GuestPhysicalMemory(IReadOnlyList<GuestRam> blocks)
{
    public IReadOnlyList<GuestRam> Blocks { get; } = blocks.OrderBy(b => b.Base).ToArray();

    /// <summary>Total RAM in bytes.</summary>
    public ulong Size => Blocks.Aggregate(0UL, (s, b) => s + b.Size);

    /// <summary>End of the RAM that starts at guest-physical 0 (the memory below the MMIO hole); 0 when there is none.</summary>
    public ulong LowEnd => Blocks.FirstOrDefault(b => b.Base == 0)?.End ?? 0;

    public bool Contains(ulong address, ulong length) => Blocks.Any(b => b.Contains(address, length));

    public Span<byte> Span(ulong address, int length)
    {
        foreach (var b in Blocks)
            if (b.TryGetSpan(address, length, out var span)) return span;
        throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x}+{length} is not inside one block of guest RAM");
    }

    public void Write(ulong address, ReadOnlySpan<byte> bytes) => bytes.CopyTo(Span(address, bytes.Length));
}
