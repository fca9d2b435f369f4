using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>mmap protections and flags, mremap, madvise, msync and mlockall arguments.</summary>
static class MemoryFormats
{
    static readonly FlagTable Protections = new(("PROT_READ", 1), ("PROT_WRITE", 2), ("PROT_EXEC", 4),
        ("PROT_SEM", 8), ("PROT_GROWSDOWN", 0x01000000), ("PROT_GROWSUP", 0x02000000));

    /// <summary>MAP_* of the host above the map type (bits 0-3); named in guest values through the ABI's MmapFlags.</summary>
    public static readonly FlagTable HostMmapFlags = new(("MAP_FIXED", 0x10), ("MAP_ANONYMOUS", 0x20),
        ("MAP_GROWSDOWN", 0x100), ("MAP_DENYWRITE", 0x800), ("MAP_EXECUTABLE", 0x1000), ("MAP_LOCKED", 0x2000),
        ("MAP_NORESERVE", 0x4000), ("MAP_POPULATE", 0x8000), ("MAP_NONBLOCK", 0x10000), ("MAP_STACK", 0x20000),
        ("MAP_HUGETLB", 0x40000), ("MAP_SYNC", 0x80000), ("MAP_FIXED_NOREPLACE", 0x100000), ("MAP_UNINITIALIZED", 0x4000000));

    static readonly ValueTable MapTypes = new(("MAP_SHARED", 1), ("MAP_PRIVATE", 2), ("MAP_SHARED_VALIDATE", 3));
    static readonly FlagTable RemapFlags = new(("MREMAP_MAYMOVE", 1), ("MREMAP_FIXED", 2), ("MREMAP_DONTUNMAP", 4));
    static readonly ValueTable Advice = new(("MADV_NORMAL", 0), ("MADV_RANDOM", 1), ("MADV_SEQUENTIAL", 2),
        ("MADV_WILLNEED", 3), ("MADV_DONTNEED", 4), ("MADV_FREE", 8), ("MADV_REMOVE", 9), ("MADV_DONTFORK", 10),
        ("MADV_DOFORK", 11), ("MADV_MERGEABLE", 12), ("MADV_UNMERGEABLE", 13), ("MADV_HUGEPAGE", 14),
        ("MADV_NOHUGEPAGE", 15), ("MADV_DONTDUMP", 16), ("MADV_DODUMP", 17), ("MADV_WIPEONFORK", 18),
        ("MADV_KEEPONFORK", 19), ("MADV_COLD", 20), ("MADV_PAGEOUT", 21), ("MADV_POPULATE_READ", 22),
        ("MADV_POPULATE_WRITE", 23), ("MADV_DONTNEED_LOCKED", 24), ("MADV_COLLAPSE", 25), ("MADV_HWPOISON", 100));
    static readonly FlagTable SyncFlags = new(("MS_ASYNC", 1), ("MS_INVALIDATE", 2), ("MS_SYNC", 4));
    static readonly FlagTable LockAllFlags = new(("MCL_CURRENT", 1), ("MCL_FUTURE", 2), ("MCL_ONFAULT", 4));

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("mmap_prot", (_, v) => v == 0 ? "PROT_NONE" : Protections.Format(v)),
        ArgumentKind.Value("mmap_flags", MmapFlags),
        // mmap2's offset is in 4096-byte pages; strace shows it in bytes.
        ArgumentKind.Value("page_offset", (_, v) => ScalarFormats.Hex((ulong)v << 12)),
        ArgumentKind.Value("mremap_flags", (_, v) => RemapFlags.Format(v)),
        // mremap's new address is read only with MREMAP_FIXED (the flags just before it).
        new ArgumentKind("mremap_address", (call, slot) => (call[slot - 1] & MREMAP_FIXED) != 0 ? Quoting.Pointer(call[slot]) : null),
        ArgumentKind.Value("madvise_advice", (_, v) => Advice.Format((int)v)),
        ArgumentKind.Value("msync_flags", (_, v) => SyncFlags.Format(v)),
        ArgumentKind.Value("mlockall_flags", (_, v) => LockAllFlags.Format(v)),
    ];

    /// <summary>MAP_PRIVATE|MAP_ANONYMOUS, in the guest's values.</summary>
    public static string MmapFlags(StraceCall call, uint flags)
    {
        string type = MapTypes.Find(flags & MAP_TYPE) ?? ScalarFormats.Hex(flags & MAP_TYPE);
        return call.Names.MmapFlags.Format(flags & ~(uint)MAP_TYPE, type);
    }
}
