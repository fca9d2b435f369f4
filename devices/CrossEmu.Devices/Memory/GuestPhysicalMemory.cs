namespace CrossEmu.Devices.Memory;

/// <summary>
/// A machine's RAM blocks seen as one guest-physical address space, in two ways: for DMA
/// (<see cref="IDmaMemory"/>: a range that is not wholly RAM is refused with false, never followed)
/// and for the emulator's own writers such as boot loaders (<see cref="Span"/>: a range outside RAM is
/// the writer's bug, since its checks come first, and throws <see cref="ArgumentOutOfRangeException"/>).
/// The block list is fixed; a bus that gains RAM makes a new one.
/// </summary>
public sealed class GuestPhysicalMemory(IReadOnlyList<GuestRam> blocks) : IDmaMemory
{
    public IReadOnlyList<GuestRam> Blocks { get; } = blocks.OrderBy(b => b.Base).ToArray();

    /// <summary>Total RAM in bytes.</summary>
    public ulong Size => Blocks.Aggregate(0UL, (s, b) => s + b.Size);

    /// <summary>End of the RAM that starts at guest-physical 0 (the memory below the MMIO hole); 0 when there is none.</summary>
    public ulong LowEnd => Blocks.FirstOrDefault(b => b.Base == 0)?.End ?? 0;

    /// <summary>Whether [address, address+length) lies inside one block.</summary>
    public bool Contains(ulong address, ulong length) => Blocks.Any(b => b.Contains(address, length));

    public Span<byte> Span(ulong address, int length) =>
        TryGetSpan(address, length, out var span) ? span
            : throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x}+{length} is not inside one block of guest RAM");

    public void Write(ulong address, ReadOnlySpan<byte> bytes) => bytes.CopyTo(Span(address, bytes.Length));

    GuestRam? BlockAt(ulong address)
    {
        foreach (var ram in Blocks)
            if (address >= ram.Base && address < ram.End) return ram;
        return null;
    }

    /// <summary>The bytes as one span when they lie inside one block.</summary>
    public bool TryGetSpan(ulong address, int length, out Span<byte> span)
    {
        span = default;
        if (length < 0) return false;
        var ram = BlockAt(address);
        return ram != null && ram.TryGetSpan(address, length, out span);
    }

    /// <summary>Reads RAM that may span adjacent blocks.</summary>
    public bool TryRead(ulong address, Span<byte> destination)
    {
        if (!IsRam(address, destination.Length)) return false;
        foreach (var (ram, at, done, length) in Pieces(address, destination.Length))
            ram.Span(at, length).CopyTo(destination.Slice(done, length));
        return true;
    }

    /// <summary>Writes RAM that may span adjacent blocks.</summary>
    public bool TryWrite(ulong address, ReadOnlySpan<byte> source)
    {
        if (!IsRam(address, source.Length)) return false;
        foreach (var (ram, at, done, length) in Pieces(address, source.Length))
            source.Slice(done, length).CopyTo(ram.Span(at, length));
        return true;
    }

    /// <summary>[address, address+length), which <see cref="IsRam"/> accepted, cut at block ends: each piece's block, address,
    /// offset into the range and length.</summary>
    IEnumerable<(GuestRam Ram, ulong At, int Done, int Length)> Pieces(ulong address, int length)
    {
        for (int done = 0; done < length;)
        {
            ulong at = address + (ulong)done;
            var ram = BlockAt(at)!;
            int piece = (int)Math.Min((ulong)(length - done), ram.End - at);
            yield return (ram, at, done, piece);
            done += piece;
        }
    }

    /// <summary>Whether [address, address+length) is wholly RAM (possibly several adjacent blocks).</summary>
    bool IsRam(ulong address, int length)
    {
        if (length < 0) return false;
        ulong remaining = (ulong)length, a = address;
        if (length == 0) return BlockAt(address) != null;
        while (remaining > 0)
        {
            var ram = BlockAt(a);
            if (ram == null) return false;
            ulong chunk = Math.Min(remaining, ram.End - a);
            remaining -= chunk;
            if (remaining == 0) break;
            if (ram.End == 0) return false;
            a = ram.End;
        }
        return true;
    }
}
