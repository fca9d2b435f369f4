using CrossEmu.Isa.Memory;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Memory;

/// <summary>Protection bits of mmap/mprotect (the same numbers on every Linux ABI).</summary>
[Flags]
public enum Protection { None = 0, Read = 1, Write = 2, Exec = 4 }

/// <summary>The process's view of its address space: which pages belong to a mapping, brk, and the
/// mmap/munmap/mprotect/mremap rules. Contents and permissions live in GuestMemory; this class only
/// decides where things go. Results are addresses or -errno.</summary>
public sealed unsafe class AddressSpace
{
    const int Pages = 1 << (32 - GuestMemory.PageShift);
    const uint PageSize = GuestMemory.PageSize;

    readonly GuestMemory memory;
    readonly GuestLayout layout;
    // One bit per guest page: set when the page belongs to some mapping (even PROT_NONE ones).
    readonly ulong[] used = new ulong[Pages / 64];
    // One bit per page of a shared mapping of a file opened read-only: it may never become writable.
    readonly ulong[] writeDenied = new ulong[Pages / 64];
    // One bit per page of a file mapping that lies wholly past the end of the file: touching it is SIGBUS.
    readonly ulong[] pastEndOfFile = new ulong[Pages / 64];

    public AddressSpace(GuestMemory memory, GuestLayout layout) { this.memory = memory; this.layout = layout; }

    public GuestMemory Memory => memory;
    /// <summary>Which pages are MAP_SHARED mappings (a fork child maps them shared, not copied).</summary>
    public SharedMappings Shared { get; } = new();
    public GuestLayout Layout => layout;
    public uint BrkStart { get; private set; }
    public uint Brk { get; private set; }

    public static ulong PageAlignUp(ulong value) => (value + PageSize - 1) & ~(ulong)(PageSize - 1);
    static bool Aligned(uint address) => (address & GuestMemory.PageMask) == 0;
    static PagePermissions ToPermissions(Protection p) =>
        (p.HasFlag(Protection.Read) ? PagePermissions.Read : 0) | (p.HasFlag(Protection.Write) ? PagePermissions.Write : 0) |
        (p.HasFlag(Protection.Exec) ? PagePermissions.Execute : 0);

    // ---- page bookkeeping

    public bool IsUsed(uint page) => (used[page >> 6] & (1UL << (int)(page & 63))) != 0;

    void SetUsed(uint address, ulong length, bool value)
    {
        SetBits(used, address, length, value);
        if (!value) SetBits(writeDenied, address, length, false);
        SetBits(pastEndOfFile, address, length, false);
    }

    static void SetBits(ulong[] bits, uint address, ulong length, bool value)
    {
        ulong first = address >> GuestMemory.PageShift, end = Math.Min(PageAlignUp(address + length) >> GuestMemory.PageShift, Pages);
        for (ulong p = first; p < end; p++)
        {
            if (value) bits[p >> 6] |= 1UL << (int)(p & 63);
            else bits[p >> 6] &= ~(1UL << (int)(p & 63));
        }
    }

    static bool AnyBit(ulong[] bits, uint address, ulong length)
    {
        ulong first = address >> GuestMemory.PageShift, end = Math.Min(PageAlignUp(address + length) >> GuestMemory.PageShift, Pages);
        for (ulong p = first; p < end; p++)
            if ((bits[p >> 6] & (1UL << (int)(p & 63))) != 0) return true;
        return false;
    }

    /// <summary>True when no page of the range belongs to a mapping and the range fits in 4 GiB.</summary>
    public bool IsFree(uint address, ulong length)
    {
        if ((ulong)address + length > 1UL << 32) return false;
        ulong first = address >> GuestMemory.PageShift, end = PageAlignUp(address + length) >> GuestMemory.PageShift;
        for (ulong p = first; p < end; p++) if (IsUsed((uint)p)) return false;
        return true;
    }

    bool IsFullyUsed(uint address, ulong length)
    {
        ulong first = address >> GuestMemory.PageShift, end = PageAlignUp(address + length) >> GuestMemory.PageShift;
        if (end > Pages) return false;
        for (ulong p = first; p < end; p++) if (!IsUsed((uint)p)) return false;
        return true;
    }

    /// <summary>Highest free page-aligned range of the given length inside the mmap area; 0 when none.</summary>
    public uint FindFree(ulong length)
    {
        ulong pages = PageAlignUp(length) >> GuestMemory.PageShift;
        if (pages == 0) return 0;
        ulong bottom = layout.MmapBottom >> GuestMemory.PageShift;
        ulong run = 0;
        for (ulong p = layout.MmapTop >> GuestMemory.PageShift; p > bottom; p--)
        {
            ulong page = p - 1;
            // Whole words of used pages are skipped at once: the area below the stack fills up first.
            if ((page & 63) == 63 && used[page >> 6] == ulong.MaxValue && page - 63 >= bottom)
            {
                run = 0;
                p -= 63;
                continue;
            }
            run = IsUsed((uint)page) ? 0 : run + 1;
            if (run == pages) return (uint)(page << GuestMemory.PageShift);
        }
        return 0;
    }

    /// <summary>Maps fresh zero pages with the given protection and records them (loader, stack, mmap).</summary>
    public void MapFresh(uint address, ulong length, Protection prot)
    {
        length = PageAlignUp(length);
        Shared.Remove(address, length);
        memory.Unmap(address, length);
        memory.Map(address, length, ToPermissions(prot));
        SetBits(writeDenied, address, length, false);
        SetUsed(address, length, true);
    }

    /// <summary>
    /// Backs the first fileLength bytes of a mapping Mmap just placed with host file fd from offset
    /// (the rest, past the end of the file, stays zero pages). Shared mappings share the file's pages;
    /// denyWrite marks a shared mapping of a read-only file, which mprotect may not make writable.
    /// Returns 0 or -errno.
    /// </summary>
    public long MapFile(uint address, ulong length, ulong fileLength, int fd, long offset, bool shared, bool denyWrite)
    {
        if (fileLength > 0)
        {
            var perms = memory.PermissionsAt(address) & ~PagePermissions.CodeWatch;
            ulong mapped = PageAlignUp(Math.Min(fileLength, length));
            int error = memory.MapHostFile(address, mapped, fd, offset, shared, perms);
            if (error != 0) return -error;
            if (shared) Shared.Add(address, mapped, fd, offset);
        }
        if (denyWrite) SetBits(writeDenied, address, PageAlignUp(length), true);
        return 0;
    }

    /// <summary>Pages of a file mapping past the end of its file: they stay mapped but no access is allowed,
    /// and a fault there is SIGBUS (BUS_ADRERR) instead of SIGSEGV.</summary>
    public void MarkPastEndOfFile(uint address, ulong length)
    {
        memory.Protect(address, length, PagePermissions.None);
        SetBits(pastEndOfFile, address, length, true);
    }

    /// <summary>Whether a page lies past the end of the file it maps (a fault there is SIGBUS).</summary>
    public bool IsPastEndOfFile(uint page) => (pastEndOfFile[page >> 6] & (1UL << (int)(page & 63))) != 0;

    /// <summary>Records pages another component mapped itself (kuser page, loader segments).</summary>
    public void MarkUsed(uint address, ulong length) => SetUsed(address, length, true);

    // ---- fork: the bookkeeping a child's copy starts from

    /// <summary>The page bitmaps and brk, for a fork child (the contents travel separately).</summary>
    public (ulong[] Used, ulong[] WriteDenied, uint BrkStart, uint Brk) Snapshot() =>
        ((ulong[])used.Clone(), (ulong[])writeDenied.Clone(), BrkStart, Brk);

    /// <summary>Takes over a parent's bookkeeping (the child's memory already holds the pages).</summary>
    public void Restore(ulong[] usedPages, ulong[] denied, uint brkStart, uint brk)
    {
        usedPages.AsSpan(0, Math.Min(usedPages.Length, used.Length)).CopyTo(used);
        denied.AsSpan(0, Math.Min(denied.Length, writeDenied.Length)).CopyTo(writeDenied);
        BrkStart = brkStart;
        Brk = brk;
    }

    // ---- brk

    public void InitBrk(uint start) { BrkStart = Brk = start; }

    /// <summary>The brk syscall: returns the new break, or the old one when the request cannot be met.</summary>
    public uint SetBrk(uint requested)
    {
        if (requested < BrkStart) return Brk;
        ulong oldTop = PageAlignUp(Brk), newTop = PageAlignUp(requested);
        if (newTop > oldTop)
        {
            if (newTop > layout.StackBottom || !IsFree((uint)oldTop, newTop - oldTop)) return Brk;
            MapFresh((uint)oldTop, newTop - oldTop, Protection.Read | Protection.Write);
        }
        else if (newTop < oldTop)
        {
            Shared.Remove((uint)newTop, oldTop - newTop);
            memory.Unmap((uint)newTop, oldTop - newTop);
            SetUsed((uint)newTop, oldTop - newTop, false);
        }
        Brk = requested;
        return Brk;
    }

    // ---- mmap family (address-space part; file contents are filled in by the caller)

    /// <summary>Picks and maps the pages of an mmap request. Returns the address or -errno.</summary>
    public long Mmap(uint hint, ulong length, Protection prot, bool isFixed, bool noReplace)
    {
        if (length == 0) return -EINVAL;
        length = PageAlignUp(length);
        if (length > 1UL << 32) return -ENOMEM;
        uint address;
        if (isFixed || noReplace)
        {
            if (!Aligned(hint)) return -EINVAL;
            if ((ulong)hint + length > layout.TaskSize) return -ENOMEM;
            if (noReplace && !IsFree(hint, length)) return -EEXIST;
            address = hint;
        }
        else if (hint != 0 && Aligned(hint) && hint >= layout.MmapBottom && (ulong)hint + length <= layout.TaskSize && IsFree(hint, length)) address = hint;
        else if ((address = FindFree(length)) == 0) return -ENOMEM;
        MapFresh(address, length, prot);
        return address;
    }

    public long Munmap(uint address, ulong length)
    {
        if (!Aligned(address) || length == 0 || (ulong)address + length > 1UL << 32) return -EINVAL;
        length = PageAlignUp(length);
        Shared.Remove(address, length);
        memory.Unmap(address, length);
        SetUsed(address, length, false);
        return 0;
    }

    public long Mprotect(uint address, ulong length, Protection prot)
    {
        if (!Aligned(address)) return -EINVAL;
        length = PageAlignUp(length);
        if (length == 0) return 0;
        if (!IsFullyUsed(address, length)) return -ENOMEM;
        if (prot.HasFlag(Protection.Write) && AnyBit(writeDenied, address, length)) return -EACCES;
        memory.Protect(address, length, ToPermissions(prot));
        return 0;
    }

    /// <summary>Checks a madvise/msync range: 0 when every page is mapped, -ENOMEM when some are not,
    /// -EINVAL for an unaligned start or a range past 4 GiB. An empty range is fine.</summary>
    public long CheckMapped(uint address, ulong length)
    {
        if (!Aligned(address)) return -EINVAL;
        length = PageAlignUp(length);
        if ((ulong)address + length > 1UL << 32) return -ENOMEM;
        return length == 0 || IsFullyUsed(address, length) ? 0 : -ENOMEM;
    }

    /// <summary>madvise(MADV_DONTNEED): private pages read as zero (or as their file) afterwards.</summary>
    public long Discard(uint address, ulong length)
    {
        long r = CheckMapped(address, length);
        if (r == -EINVAL) return r;
        // Linux discards the mapped parts and still reports the holes with ENOMEM.
        memory.Discard(address, PageAlignUp(length));
        return r;
    }

    /// <summary>Grows, shrinks or moves a mapping. Returns the (possibly new) address or -errno.</summary>
    public long Mremap(uint oldAddress, ulong oldLength, ulong newLength, int flags, uint newAddress)
    {
        bool mayMove = (flags & MREMAP_MAYMOVE) != 0, isFixed = (flags & MREMAP_FIXED) != 0;
        if (!Aligned(oldAddress) || newLength == 0 || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) != 0) return -EINVAL;
        if (isFixed && (!mayMove || !Aligned(newAddress))) return -EINVAL;
        oldLength = PageAlignUp(oldLength);
        newLength = PageAlignUp(newLength);
        if (oldLength == 0 || !IsFullyUsed(oldAddress, oldLength)) return -EFAULT;
        if (newLength > 1UL << 32) return -ENOMEM;

        if (isFixed)
        {
            if ((ulong)newAddress + newLength > 1UL << 32) return -EINVAL;
            if (newAddress < oldAddress + oldLength && oldAddress < newAddress + newLength) return -EINVAL;
            Munmap(newAddress, newLength);
            return MoveTo(oldAddress, oldLength, newLength, newAddress);
        }
        if (newLength <= oldLength)
        {
            if (newLength < oldLength) Munmap(oldAddress + (uint)newLength, oldLength - newLength);
            return oldAddress;
        }
        uint tail = oldAddress + (uint)oldLength;
        if ((ulong)oldAddress + newLength <= 1UL << 32 && IsFree(tail, newLength - oldLength))
        {
            GrowInPlace(tail, newLength - oldLength, oldAddress + (uint)oldLength - PageSize);
            return oldAddress;
        }
        if (!mayMove) return -ENOMEM;
        uint destination = FindFree(newLength);
        return destination == 0 ? -ENOMEM : MoveTo(oldAddress, oldLength, newLength, destination);
    }

    void GrowInPlace(uint tail, ulong extra, uint lastOldPage)
    {
        var perms = memory.PermissionsAt(lastOldPage) & ~PagePermissions.CodeWatch;
        memory.Unmap(tail, extra);
        memory.Map(tail, extra, perms);
        SetUsed(tail, extra, true);
    }

    long MoveTo(uint oldAddress, ulong oldLength, ulong newLength, uint destination)
    {
        ulong kept = Math.Min(oldLength, newLength);
        memory.Unmap(destination, newLength);
        for (ulong off = 0; off < kept; off += PageSize)
            memory.Map(destination + (uint)off, PageSize, memory.PermissionsAt(oldAddress + (uint)off) & ~PagePermissions.CodeWatch);
        Buffer.MemoryCopy(memory.Base + oldAddress, memory.Base + destination, kept, kept);
        // A shared mapping moves as the file's pages, not as a copy of them: it stays shared.
        foreach (var r in Shared.Within(oldAddress, kept).ToList())
        {
            uint at = destination + (r.Start - oldAddress);
            if (memory.MapHostFile(at, r.Length, r.Fd, r.Offset, true, memory.PermissionsAt(r.Start) & ~PagePermissions.CodeWatch) == 0)
                Shared.Add(at, r.Length, r.Fd, r.Offset);
        }
        SetUsed(destination, newLength, true);
        if (newLength > kept) GrowInPlace(destination + (uint)kept, newLength - kept, oldAddress + (uint)oldLength - PageSize);
        Munmap(oldAddress, oldLength);
        return destination;
    }
}
