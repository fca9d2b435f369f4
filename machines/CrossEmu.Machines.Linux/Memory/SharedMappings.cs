using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Memory;

/// <summary>
/// The MAP_SHARED mappings of an address space: guest pages that are a host file's (a memfd behind an anonymous
/// one), each range holding its own host descriptor of the file. A fork child maps the same files shared at the
/// same places instead of receiving a copy of the pages, so parent and child see each other's stores, as on Linux.
/// </summary>
public sealed class SharedMappings : IDisposable
{
    /// <summary>Guest pages [Start, Start + Length) are the file Fd from Offset.</summary>
    public readonly record struct Range(uint Start, ulong Length, int Fd, long Offset)
    {
        public ulong End => Start + Length;
    }

    readonly List<Range> ranges = [];
    /// <summary>A copy for lookups from other threads (futex calls), replaced at every change.</summary>
    volatile Range[] snapshot = [];

    public IReadOnlyList<Range> All => ranges;

    /// <summary>Whether a guest address lies in a shared mapping (any thread).</summary>
    public bool Contains(uint address)
    {
        foreach (var r in snapshot)
            if (address >= r.Start && address < r.End) return true;
        return false;
    }

    /// <summary>Records pages as a shared mapping of host file fd (a copy of the descriptor is kept).</summary>
    public void Add(uint start, ulong length, int fd, long offset)
    {
        Remove(start, length);
        int own = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (own >= 0) ranges.Add(new Range(start, length, own, offset));
        snapshot = [.. ranges];
    }

    /// <summary>Pages that stop being shared mappings (unmapped, or mapped over): what is left of a range on either
    /// side stays, with a descriptor of its own.</summary>
    public void Remove(uint start, ulong length)
    {
        ulong end = start + length;
        for (int i = ranges.Count - 1; i >= 0; i--)
        {
            var r = ranges[i];
            if (r.End <= start || end <= r.Start) continue;
            ranges.RemoveAt(i);
            if (r.Start < start)
            {
                int left = fcntl(r.Fd, F_DUPFD_CLOEXEC, 3);
                if (left >= 0) ranges.Add(r with { Length = start - r.Start, Fd = left });
            }
            if (end < r.End)
            {
                int right = fcntl(r.Fd, F_DUPFD_CLOEXEC, 3);
                if (right >= 0) ranges.Add(new Range((uint)end, r.End - end, right, r.Offset + (long)(end - r.Start)));
            }
            close(r.Fd);
        }
        snapshot = [.. ranges];
    }

    /// <summary>The ranges that overlap [start, start + length), clipped to it.</summary>
    public IEnumerable<Range> Within(uint start, ulong length)
    {
        ulong end = start + length;
        foreach (var r in ranges)
        {
            if (r.End <= start || end <= r.Start) continue;
            ulong from = Math.Max(r.Start, start), to = Math.Min(r.End, end);
            yield return new Range((uint)from, to - from, r.Fd, r.Offset + (long)(from - r.Start));
        }
    }

    public void Dispose()
    {
        foreach (var r in ranges) close(r.Fd);
        ranges.Clear();
        snapshot = [];
    }
}
