using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Memory;

/// <summary>The few libc memory calls guest memory needs.</summary>
internal static partial class HostMemory
{
    public const int ProtNone = 0, ProtRead = 1, ProtWrite = 2;
    const int MapShared = 0x01, MapPrivate = 0x02, MapFixed = 0x10, MapAnonymous = 0x20, MapNoReserve = 0x4000;
    const int MadvDontNeed = 4;

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(nint addr, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint addr, nuint length, int advice);

    /// <summary>Reserves zero-filled read-write memory that the kernel commits only when touched.</summary>
    public static nint Reserve(ulong length)
    {
        var p = mmap(0, (nuint)length, ProtRead | ProtWrite, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
        if (p == -1) throw new OutOfMemoryException($"cannot reserve {length >> 20} MiB of address space (errno {Marshal.GetLastPInvokeError()})");
        return p;
    }

    public static void Release(nint p, ulong length) => munmap(p, (nuint)length);

    /// <summary>Maps a file read-write over [p, p+length) of a reservation; returns 0 or the errno.
    /// Shared mappings write through to the file; private ones copy on write.</summary>
    public static int MapFile(nint p, ulong length, int fd, long offset, bool shared)
    {
        var r = mmap(p, (nuint)length, ProtRead | ProtWrite, MapFixed | (shared ? MapShared : MapPrivate), fd, (nint)offset);
        return r == -1 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary>Puts fresh zero-filled anonymous memory over [p, p+length) of a reservation (replacing
    /// a file mapping there).</summary>
    public static void ResetToAnonymous(nint p, ulong length)
    {
        var r = mmap(p, (nuint)length, ProtRead | ProtWrite, MapFixed | MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
        if (r == -1) throw new OutOfMemoryException($"cannot remap {length >> 10} KiB of guest memory (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>Drops the contents of pages: anonymous ones read as zero afterwards, private file
    /// pages as the file again, shared file pages keep what the file holds.</summary>
    public static void Discard(nint p, ulong length) => madvise(p, (nuint)length, MadvDontNeed);
}
