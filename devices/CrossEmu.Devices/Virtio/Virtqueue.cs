using System.Buffers.Binary;
using CrossEmu.Devices.Memory;

namespace CrossEmu.Devices.Virtio;

/// <summary>One buffer of a descriptor chain: guest-physical address and length, checked to be in RAM.</summary>
public readonly record struct VirtqBuffer(ulong Address, uint Length);

/// <summary>
/// A validated descriptor chain: its readable (driver-to-device) buffers, then its writable
/// (device-to-driver) ones. Every buffer was checked to lie wholly in RAM before the chain was
/// handed out, so the gather/scatter helpers never reach outside guest RAM.
/// </summary>
public sealed class DescriptorChain
{
    readonly IDmaMemory memory;

    internal DescriptorChain(IDmaMemory memory, ushort head, List<VirtqBuffer> readable, List<VirtqBuffer> writable)
    {
        this.memory = memory;
        Head = head;
        Readable = readable;
        Writable = writable;
        ReadableLength = readable.Sum(b => (long)b.Length);
        WritableLength = writable.Sum(b => (long)b.Length);
    }

    /// <summary>The head descriptor's index (what goes into the used ring).</summary>
    public ushort Head { get; }

    public IReadOnlyList<VirtqBuffer> Readable { get; }

    public IReadOnlyList<VirtqBuffer> Writable { get; }

    public long ReadableLength { get; }

    public long WritableLength { get; }

    /// <summary>Gathers readable bytes from <paramref name="offset"/> (across buffers); false if the chain is shorter.</summary>
    public bool TryRead(long offset, Span<byte> destination)
    {
        if (!Segments(Readable, offset, destination.Length, out var segments)) return false;
        foreach (var (address, at, n) in segments)
            if (!memory.TryRead(address, destination.Slice(at, n))) return false;
        return true;
    }

    /// <summary>Scatters bytes into the writable buffers from <paramref name="offset"/>; false if the chain is shorter.</summary>
    public bool TryWrite(long offset, ReadOnlySpan<byte> source)
    {
        if (!Segments(Writable, offset, source.Length, out var segments)) return false;
        foreach (var (address, at, n) in segments)
            if (!memory.TryWrite(address, source.Slice(at, n))) return false;
        return true;
    }

    /// <summary>The (guest address, offset in the caller's buffer, length) pieces of [offset, offset+length) of a buffer list.</summary>
    static bool Segments(IReadOnlyList<VirtqBuffer> buffers, long offset, int length, out List<(ulong Address, int At, int Count)> segments)
    {
        segments = [];
        if (offset < 0) return false;
        int done = 0;
        long skip = offset;
        foreach (var b in buffers)
        {
            if (done == length) break;
            if (skip >= b.Length)
            {
                skip -= b.Length;
                continue;
            }
            int n = (int)Math.Min(b.Length - skip, length - done);
            segments.Add((b.Address + (ulong)skip, done, n));
            done += n;
            skip = 0;
        }
        return done == length;
    }
}

/// <summary>
/// A split virtqueue (virtio 1.x section 2.7) in guest RAM, reached only through
/// <see cref="IDmaMemory"/>: descriptor table, available ring, used ring. <see cref="TryPop"/>
/// walks a chain (NEXT and INDIRECT), checking every index, address and length, and refuses
/// loops, nested indirect tables, and readable buffers after writable ones: a malformed chain
/// yields an error and nothing of it is followed.
/// </summary>
public sealed class Virtqueue
{
    const ushort DescNext = 1, DescWrite = 2, DescIndirect = 4;
    const ushort AvailNoInterrupt = 1;
    const int DescriptorSize = 16;

    readonly IDmaMemory memory;
    ushort lastAvail;
    ushort usedIdx;

    public Virtqueue(IDmaMemory memory, int index, ushort maxSize)
    {
        if (maxSize == 0 || (maxSize & (maxSize - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, "a queue size is a power of 2");
        this.memory = memory;
        Index = index;
        MaxSize = maxSize;
        Reset();
    }

    public int Index { get; }

    public ushort MaxSize { get; }

    /// <summary>The size the driver chose (QueueNum).</summary>
    public ushort Size { get; set; }

    public bool Ready { get; set; }

    public ulong DescriptorTable { get; set; }

    /// <summary>The available ring ("driver area").</summary>
    public ulong AvailRing { get; set; }

    /// <summary>The used ring ("device area").</summary>
    public ulong UsedRing { get; set; }

    /// <summary>Longest chain accepted (descriptors, indirect ones included); the spec's bound is the queue size.</summary>
    public int MaxChainLength => Size;

    public void Reset()
    {
        Size = MaxSize;
        Ready = false;
        DescriptorTable = AvailRing = UsedRing = 0;
        lastAvail = 0;
        usedIdx = 0;
    }

    /// <summary>Whether the rings the driver configured lie in RAM and are aligned as the spec requires.</summary>
    public bool CheckLayout(out string? error)
    {
        error = null;
        if (Size == 0 || Size > MaxSize || (Size & (Size - 1)) != 0) error = $"queue {Index}: size {Size} is not a power of 2 up to {MaxSize}";
        else if ((DescriptorTable & 15) != 0 || (AvailRing & 1) != 0 || (UsedRing & 3) != 0) error = $"queue {Index}: misaligned rings";
        else if (!InRam(DescriptorTable, DescriptorSize * Size)) error = $"queue {Index}: descriptor table 0x{DescriptorTable:x} is not in RAM";
        else if (!InRam(AvailRing, 6 + 2 * Size)) error = $"queue {Index}: available ring 0x{AvailRing:x} is not in RAM";
        else if (!InRam(UsedRing, 6 + 8 * Size)) error = $"queue {Index}: used ring 0x{UsedRing:x} is not in RAM";
        return error == null;
    }

    bool InRam(ulong address, int length) => memory.TryGetSpan(address, length, out _);

    bool TryReadU16(ulong address, out ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        bool ok = memory.TryRead(address, b);
        value = ok ? BinaryPrimitives.ReadUInt16LittleEndian(b) : (ushort)0;
        return ok;
    }

    /// <summary>Whether the driver asked for no used-buffer interrupts (VIRTQ_AVAIL_F_NO_INTERRUPT).</summary>
    public bool InterruptSuppressed => TryReadU16(AvailRing, out ushort flags) && (flags & AvailNoInterrupt) != 0;

    /// <summary>
    /// Takes the next available chain. Returns false with <paramref name="error"/> null when there
    /// is none; false with an error when the ring or the chain is malformed (nothing was touched).
    /// </summary>
    public bool TryPop(out DescriptorChain? chain, out string? error)
    {
        chain = null;
        error = null;
        if (!Ready) return false;
        if (!TryReadU16(AvailRing + 2, out ushort availIdx))
        {
            error = $"queue {Index}: available ring 0x{AvailRing:x} is not in RAM";
            return false;
        }
        Interlocked.MemoryBarrier(); // read the index before the ring entries it covers
        ushort pending = (ushort)(availIdx - lastAvail);
        if (pending == 0) return false;
        if (pending > Size)
        {
            error = $"queue {Index}: available index {availIdx} is {pending} ahead of the device (queue size {Size})";
            return false;
        }
        if (!TryReadU16(AvailRing + 4 + 2UL * (ulong)(lastAvail % Size), out ushort head))
        {
            error = $"queue {Index}: available ring entry is not in RAM";
            return false;
        }
        if (!Walk(head, out var readable, out var writable, out error)) return false;
        lastAvail++;
        chain = new DescriptorChain(memory, head, readable, writable);
        return true;
    }

    bool Walk(ushort head, out List<VirtqBuffer> readable, out List<VirtqBuffer> writable, out string? error)
    {
        readable = [];
        writable = [];
        error = null;
        if (head >= Size)
        {
            error = $"queue {Index}: head descriptor {head} is beyond the queue size {Size}";
            return false;
        }
        ulong table = DescriptorTable;
        int tableSize = Size;
        bool indirect = false;
        int count = 0;
        ushort i = head;
        Span<byte> d = stackalloc byte[DescriptorSize];
        while (true)
        {
            if (++count > (indirect ? tableSize : MaxChainLength))
            {
                error = $"queue {Index}: descriptor chain from {head} is longer than {(indirect ? "its indirect table" : "the queue")} (a loop?)";
                return false;
            }
            if (!memory.TryRead(table + (ulong)i * DescriptorSize, d))
            {
                error = $"queue {Index}: descriptor {i} at 0x{table + (ulong)i * DescriptorSize:x} is not in RAM";
                return false;
            }
            ulong address = BinaryPrimitives.ReadUInt64LittleEndian(d);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(d[8..]);
            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(d[12..]);
            ushort next = BinaryPrimitives.ReadUInt16LittleEndian(d[14..]);
            if ((flags & DescIndirect) != 0)
            {
                if (indirect)
                {
                    error = $"queue {Index}: nested indirect descriptor {i}";
                    return false;
                }
                if ((flags & DescNext) != 0)
                {
                    error = $"queue {Index}: descriptor {i} has both INDIRECT and NEXT";
                    return false;
                }
                if (length == 0 || length % DescriptorSize != 0 || length / DescriptorSize > 0x10000 || !InRam(address, (int)Math.Min(length, int.MaxValue)))
                {
                    error = $"queue {Index}: indirect table 0x{address:x}+{length} is malformed or not in RAM";
                    return false;
                }
                table = address;
                tableSize = (int)(length / DescriptorSize);
                indirect = true;
                count = 0;
                i = 0;
                continue;
            }
            if (length > int.MaxValue || (length > 0 && !InRam(address, (int)length)))
            {
                error = $"queue {Index}: buffer 0x{address:x}+{length} of descriptor {i} is not in RAM";
                return false;
            }
            if ((flags & DescWrite) != 0) writable.Add(new VirtqBuffer(address, length));
            else if (writable.Count > 0)
            {
                error = $"queue {Index}: readable descriptor {i} follows a writable one";
                return false;
            }
            else readable.Add(new VirtqBuffer(address, length));
            if ((flags & DescNext) == 0) return true;
            if (next >= tableSize)
            {
                error = $"queue {Index}: next descriptor {next} is beyond the {(indirect ? "indirect table" : "queue")} size {tableSize}";
                return false;
            }
            i = next;
        }
    }

    /// <summary>Returns a chain to the driver with the number of bytes written into it.</summary>
    public bool TryPushUsed(ushort head, uint written, out string? error)
    {
        error = null;
        Span<byte> e = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(e, head);
        BinaryPrimitives.WriteUInt32LittleEndian(e[4..], written);
        if (!memory.TryWrite(UsedRing + 4 + 8UL * (ulong)(usedIdx % Size), e))
        {
            error = $"queue {Index}: used ring 0x{UsedRing:x} is not in RAM";
            return false;
        }
        usedIdx++;
        Interlocked.MemoryBarrier(); // the entry before the index that publishes it
        Span<byte> idx = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(idx, usedIdx);
        if (!memory.TryWrite(UsedRing + 2, idx))
        {
            error = $"queue {Index}: used ring 0x{UsedRing:x} is not in RAM";
            return false;
        }
        return true;
    }
}
