using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

/// <summary>Memory mapping (sys/mman.h).</summary>
public static unsafe partial class Libc
{
    public const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;

    /// <summary>MAP_TYPE masks the sharing type (SHARED, PRIVATE, SHARED_VALIDATE) out of the flags.</summary>
    public const int MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_SHARED_VALIDATE = 3, MAP_TYPE = 0xf, MAP_FIXED = 0x10,
        MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000, MAP_FIXED_NOREPLACE = 0x100000;

    /// <summary>What mmap returns on failure ((void*)-1).</summary>
    public const nint MAP_FAILED = -1;

    public const int MADV_DONTNEED = 4, MADV_FREE = 8, MADV_DONTNEED_LOCKED = 24;
    public const int MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4;
    public const int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2;

    [LibraryImport(L, SetLastError = true)] public static partial nint mmap(nint address, nuint length, int prot, int flags, int fd, nint offset);
    [LibraryImport(L, SetLastError = true)] public static partial int munmap(nint address, nuint length);
    [LibraryImport(L, SetLastError = true)] public static partial int mprotect(nint address, nuint length, int prot);
    [LibraryImport(L, SetLastError = true)] public static partial int madvise(nint address, nuint length, int advice);
    [LibraryImport(L, SetLastError = true)] public static partial int msync(void* address, nuint length, int flags);
}
