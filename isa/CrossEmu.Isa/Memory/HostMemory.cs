using System.Runtime.InteropServices;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Isa.Memory;

/// <summary>The host memory operations guest memory is made of.</summary>
internal static class HostMemory
{
    /// <summary>Reserves zero-filled read-write memory that the kernel commits only when touched.</summary>
    public static nint Reserve(ulong length)
    {
        var p = mmap(0, (nuint)length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) throw new OutOfMemoryException($"cannot reserve {length >> 20} MiB of address space (errno {Marshal.GetLastPInvokeError()})");
        return p;
    }

    public static void Release(nint p, ulong length) => munmap(p, (nuint)length);

    /// <summary>Maps a file read-write over [p, p+length) of a reservation; returns 0 or the errno.
    /// Shared mappings write through to the file; private ones copy on write.</summary>
    public static int MapFile(nint p, ulong length, int fd, long offset, bool shared)
    {
        var r = mmap(p, (nuint)length, PROT_READ | PROT_WRITE, MAP_FIXED | (shared ? MAP_SHARED : MAP_PRIVATE), fd, (nint)offset);
        return r == MAP_FAILED ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary>Puts fresh zero-filled anonymous memory over [p, p+length) of a reservation (replacing
    /// a file mapping there).</summary>
    public static void ResetToAnonymous(nint p, ulong length)
    {
        var r = mmap(p, (nuint)length, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (r == MAP_FAILED) throw new OutOfMemoryException($"cannot remap {length >> 10} KiB of guest memory (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>Drops the contents of pages: anonymous ones read as zero afterwards, private file
    /// pages as the file again, shared file pages keep what the file holds.</summary>
    public static void Discard(nint p, ulong length) => madvise(p, (nuint)length, MADV_DONTNEED);
}
