using System.Buffers.Binary;
using System.Text;
using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Memory;

/// <summary>
/// User-mode guest memory: the whole 32-bit guest space is one reserved host range, so a guest
/// address maps to Base + address, and a one-byte-per-page permission table guards every access.
/// The host range is always readable and writable (pages are committed lazily), so only the
/// table decides what the guest may touch and a bad guest pointer can never crash the host.
/// Pages that hold translated code carry CodeWatch: stores to them go through StoreSlowPath,
/// which tells the translation cache so self-modifying code works.
/// </summary>
public sealed unsafe class GuestMemory : IGuestMemory, IDisposable
{
    public const int PageShift = 12;
    public const uint PageSize = 1u << PageShift;
    public const uint PageMask = PageSize - 1;
    const ulong SpaceSize = 1UL << 32;
    // Slack past 4 GiB so an access that starts just below the top never leaves the reservation.
    const ulong Guard = 1UL << 16;

    readonly nint reservation;
    readonly byte[] pinnedPerms;
    // One bit per page mapped from a host file (MapHostFile) rather than anonymous memory.
    readonly ulong[] fileBacked = new ulong[(SpaceSize >> PageShift) / 64];

    /// <summary>Host address of guest address 0.</summary>
    public byte* Base { get; }
    /// <summary>Permission byte of guest page n is Perms[n].</summary>
    public byte* Perms { get; }

    /// <summary>Raised (under no lock) when a store hits a CodeWatch page; receives the page number.</summary>
    public event Action<uint>? CodeWritten;

    public GuestMemory()
    {
        reservation = HostMemory.Reserve(SpaceSize + Guard);
        Base = (byte*)reservation;
        pinnedPerms = GC.AllocateArray<byte>((int)(SpaceSize >> PageShift), pinned: true);
        fixed (byte* p = pinnedPerms) Perms = p;
    }

    public void Dispose() => HostMemory.Release(reservation, SpaceSize + Guard);

    // ---- the engine's contract (IGuestMemory): the permission byte is the page-table entry

    /// <summary>
    /// One byte per page, indexed by the page number; loads need Read, stores Write without
    /// CodeWatch; the host address is Base + address. Loads check only their first page (the
    /// reservation is readable everywhere, so one that crosses into an unreadable page cannot hurt
    /// the host, and checking the second page would tax every load for an access compilers never
    /// emit); stores that cross a page take the slow path, which checks both.
    /// </summary>
    public PageTableLayout FastPath => new()
    {
        Table = Perms, PageShift = PageShift, IndexMask = (uint)(SpaceSize >> PageShift) - 1, EntryShift = 0,
        Read = new EntryTest(0, 1, (uint)PagePermissions.Read, (uint)PagePermissions.Read, ComparesPage: false),
        Write = new EntryTest(0, 1, (uint)(PagePermissions.Write | PagePermissions.CodeWatch), (uint)PagePermissions.Write, ComparesPage: false),
        HostBase = Base, Contiguous = true, RefusedLoadsFault = true,
    };

    public byte* LoadAddress(CpuHeader* cpu, uint address, int size, uint pc)
    {
        if (((PagePermissions)Perms[address >> PageShift] & PagePermissions.Read) != 0) return Base + address;
        GuestFault.Record(cpu, pc, address);
        return null;
    }

    public bool Store(CpuHeader* cpu, uint address, int size, ulong value, uint pc)
    {
        if (!StoreSlowPath(address, size))
        {
            GuestFault.Record(cpu, pc, address);
            return false;
        }
        new ReadOnlySpan<byte>(&value, size).CopyTo(new Span<byte>(Base + address, size));
        return true;
    }

    public byte* AtomicAddress(CpuHeader* cpu, uint address, int size, bool write, uint pc)
    {
        bool allowed = write ? StoreSlowPath(address, size)
            : ((PagePermissions)Perms[address >> PageShift] & PagePermissions.Read) != 0;
        if (allowed) return Base + address;
        GuestFault.Record(cpu, pc, address);
        return null;
    }

    public int ReadCode(uint address, Span<byte> into)
    {
        // Up to the first page the guest may not execute, and never past the top of the space.
        ulong wanted = Math.Min((ulong)into.Length, SpaceSize - address), readable = 0;
        while (readable < wanted)
        {
            uint at = (uint)(address + readable);
            if ((Perms[at >> PageShift] & (byte)PagePermissions.Execute) == 0) break;
            readable = Math.Min(wanted, readable + PageSize - (at & PageMask));
        }
        new ReadOnlySpan<byte>(Base + address, (int)readable).CopyTo(into);
        return (int)readable;
    }

    public static uint PageOf(uint address) => address >> PageShift;

    public PagePermissions PermissionsAt(uint address) => (PagePermissions)Perms[address >> PageShift];

    /// <summary>Sets the permissions of every page overlapping [address, address+length), keeping CodeWatch.</summary>
    public void Protect(uint address, ulong length, PagePermissions perms)
    {
        ForEachPage(address, length, page =>
            Perms[page] = (byte)((perms & ~PagePermissions.CodeWatch) | ((PagePermissions)Perms[page] & PagePermissions.CodeWatch)));
    }

    /// <summary>Makes pages accessible; their previous contents stay (use Unmap first for fresh zero pages).</summary>
    public void Map(uint address, ulong length, PagePermissions perms) => Protect(address, length, perms);

    /// <summary>Removes pages: no access, contents discarded (they read as zero when mapped again).
    /// File-backed pages become anonymous memory again.</summary>
    public void Unmap(uint address, ulong length)
    {
        uint first = address >> PageShift;
        ulong end = Math.Min((address + length + PageMask) >> PageShift, SpaceSize >> PageShift);
        if (end <= first) return;
        InvalidateCode(first, end);
        bool hadFile = false;
        for (ulong p = first; p < end; p++)
        {
            Perms[p] = 0;
            hadFile |= (fileBacked[p >> 6] & (1UL << (int)(p & 63))) != 0;
            fileBacked[p >> 6] &= ~(1UL << (int)(p & 63));
        }
        nint host = (nint)(Base + ((ulong)first << PageShift));
        ulong bytes = (end - first) << PageShift;
        // Discarding a shared file page would keep the file's data: put anonymous memory back instead.
        if (hadFile) HostMemory.ResetToAnonymous(host, bytes);
        else HostMemory.Discard(host, bytes);
    }

    /// <summary>
    /// Maps length bytes of host file fd from offset (both page-aligned) at address, over whatever was
    /// there: shared mappings read and write the file itself, private ones copy on write. The host
    /// mapping stays readable and writable like the rest of the reservation; perms are the guest's.
    /// Returns 0 or the host errno (the range is then unmapped, holding fresh anonymous memory).
    /// </summary>
    public int MapHostFile(uint address, ulong length, int fd, long offset, bool shared, PagePermissions perms)
    {
        uint first = address >> PageShift;
        ulong end = Math.Min((address + length + PageMask) >> PageShift, SpaceSize >> PageShift);
        if (end <= first) return 0;
        InvalidateCode(first, end);
        nint host = (nint)(Base + ((ulong)first << PageShift));
        int error = HostMemory.MapFile(host, (end - first) << PageShift, fd, offset, shared);
        if (error != 0)
        {
            Unmap(address, length);
            HostMemory.ResetToAnonymous(host, (end - first) << PageShift);
            return error;
        }
        for (ulong p = first; p < end; p++) fileBacked[p >> 6] |= 1UL << (int)(p & 63);
        Protect(address, length, perms);
        return 0;
    }

    /// <summary>madvise(MADV_DONTNEED): drops the contents of pages, which keep their permissions.
    /// Anonymous pages read as zero afterwards, private file pages as the file, shared ones unchanged.</summary>
    public void Discard(uint address, ulong length)
    {
        uint first = address >> PageShift;
        ulong end = Math.Min((address + length + PageMask) >> PageShift, SpaceSize >> PageShift);
        if (end <= first) return;
        InvalidateCode(first, end);
        HostMemory.Discard((nint)(Base + ((ulong)first << PageShift)), (end - first) << PageShift);
    }

    // Contents of [first, end) pages change: translated code from them is stale.
    void InvalidateCode(uint first, ulong end)
    {
        for (ulong p = first; p < end; p++)
            if ((Perms[p] & (byte)PagePermissions.CodeWatch) != 0)
            {
                UnwatchCode((uint)p);
                CodeWritten?.Invoke((uint)p);
            }
    }

    void ForEachPage(uint address, ulong length, Action<uint> action)
    {
        if (length == 0) return;
        ulong first = address >> PageShift;
        ulong end = Math.Min((address + length + PageMask) >> PageShift, SpaceSize >> PageShift);
        for (ulong p = first; p < end; p++) action((uint)p);
    }

    /// <summary>True when every byte of the range has all the given permissions.</summary>
    public bool IsAccessible(uint address, ulong length, PagePermissions need)
    {
        if (length == 0) return true;
        if (address + length > SpaceSize) return false;
        ulong first = address >> PageShift, last = (address + length - 1) >> PageShift;
        for (ulong p = first; p <= last; p++)
            if (((PagePermissions)Perms[p] & need) != need) return false;
        return true;
    }

    /// <summary>How many bytes from address on have all the given permissions (up to length).</summary>
    public ulong AccessiblePrefix(uint address, ulong length, PagePermissions need)
    {
        if (length == 0) return 0;
        ulong end = Math.Min(address + length, SpaceSize);
        for (ulong p = address >> PageShift; p << PageShift < end; p++)
            if (((PagePermissions)Perms[p] & need) != need) return Math.Max(p << PageShift, address) - address;
        return end - address;
    }

    /// <summary>Marks a page as holding translated code.</summary>
    public void WatchCode(uint page) => Perms[page] |= (byte)PagePermissions.CodeWatch;

    public void UnwatchCode(uint page) => Perms[page] &= unchecked((byte)~PagePermissions.CodeWatch);

    /// <summary>
    /// Called by generated code when the fast check for a store failed. Returns false when the
    /// store is not permitted (a guest fault); otherwise invalidates watched code and returns true.
    /// </summary>
    public bool StoreSlowPath(uint address, int size)
    {
        uint first = address >> PageShift;
        ulong end = Math.Min((address + (ulong)size - 1 >> PageShift) + 1, SpaceSize >> PageShift);
        for (ulong p = first; p < end; p++)
            if ((Perms[p] & (byte)PagePermissions.Write) == 0) return false;
        InvalidateCode(first, end);
        return true;
    }

    // ---- checked accesses for the runtime (syscalls, loaders). They fail instead of faulting.

    public Span<byte> Span(uint address, int length) => new(Base + address, length);

    public bool TryRead(uint address, Span<byte> into)
    {
        if (!IsAccessible(address, (ulong)into.Length, PagePermissions.Read)) return false;
        new ReadOnlySpan<byte>(Base + address, into.Length).CopyTo(into);
        return true;
    }

    public bool TryWrite(uint address, ReadOnlySpan<byte> data)
    {
        if (!IsAccessible(address, (ulong)data.Length, PagePermissions.Write)) return false;
        if (!StoreSlowPath(address, Math.Max(data.Length, 1))) return false;
        data.CopyTo(new Span<byte>(Base + address, data.Length));
        return true;
    }

    /// <summary>Writes regardless of guest permissions (loaders filling read-only segments).</summary>
    public void WriteUnchecked(uint address, ReadOnlySpan<byte> data)
    {
        if (data.Length > 0) StoreSlowPathIgnoringPermissions(address, data.Length);
        data.CopyTo(new Span<byte>(Base + address, data.Length));
    }

    void StoreSlowPathIgnoringPermissions(uint address, int size) =>
        InvalidateCode(address >> PageShift, Math.Min((address + (ulong)size - 1 >> PageShift) + 1, SpaceSize >> PageShift));

    public bool TryReadU32(uint address, bool bigEndian, out uint value)
    {
        Span<byte> b = stackalloc byte[4];
        value = 0;
        if (!TryRead(address, b)) return false;
        value = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
        return true;
    }

    public bool TryWriteU32(uint address, uint value, bool bigEndian)
    {
        Span<byte> b = stackalloc byte[4];
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, value); else BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return TryWrite(address, b);
    }

    /// <summary>Reads a NUL-terminated string of at most maxLength bytes; null when unreadable or unterminated.</summary>
    public string? TryReadCString(uint address, int maxLength = 4096)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < maxLength; i++)
        {
            uint a = address + (uint)i;
            if (((PagePermissions)Perms[a >> PageShift] & PagePermissions.Read) == 0) return null;
            byte c = Base[a];
            if (c == 0) return Encoding.UTF8.GetString(bytes.ToArray());
            bytes.Add(c);
        }
        return null;
    }
}
