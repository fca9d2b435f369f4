using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Memory;

/// <summary>The few libc memory calls guest memory needs.</summary>
internal static partial class HostMemory
{
    public const int ProtNone = 0, ProtRead = 1, ProtWrite = 2;
    const int MapPrivate = 0x02, MapAnonymous = 0x20, MapNoReserve = 0x4000;
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

    /// <summary>Gives pages back to the kernel; they read as zero afterwards.</summary>
    public static void Discard(nint p, ulong length) => madvise(p, (nuint)length, MadvDontNeed);
}
