using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

[StructLayout(LayoutKind.Sequential)]
public unsafe struct HostIovec { public void* Base; public nuint Length; }

/// <summary>Opening files and moving their bytes (fcntl.h, unistd.h, sys/uio.h, sys/sendfile.h, sys/mman.h's memfd).</summary>
public static unsafe partial class Libc
{
    /// <summary>open(2) flags the emulator itself passes or looks at (a guest's go through its ABI's OpenFlags).</summary>
    public const int O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_TRUNC = 0x200, O_APPEND = 0x400,
        O_CLOEXEC = 0x80000;

    public const uint MFD_CLOEXEC = 1;

    /// <summary>mode is read only with O_CREAT (open is variadic in C; a fixed third argument is passed the same way on x86-64).</summary>
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags, uint mode);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int openat(int dirfd, string path, int flags, uint mode);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int memfd_create(string name, uint flags);
    [LibraryImport(L, SetLastError = true)] public static partial int close(int fd);
    [LibraryImport(L, SetLastError = true)] public static partial nint read(int fd, byte* buf, nuint count);
    [LibraryImport(L, SetLastError = true)] public static partial nint write(int fd, byte* buf, nuint count);
    [LibraryImport(L, SetLastError = true)] public static partial nint pread64(int fd, byte* buf, nuint count, long offset);
    [LibraryImport(L, SetLastError = true)] public static partial nint pwrite64(int fd, byte* buf, nuint count, long offset);
    [LibraryImport(L, SetLastError = true)] public static partial nint readv(int fd, HostIovec* iov, int count);
    [LibraryImport(L, SetLastError = true)] public static partial nint writev(int fd, HostIovec* iov, int count);
    [LibraryImport(L, SetLastError = true)] public static partial long lseek64(int fd, long offset, int whence);
    [LibraryImport(L, SetLastError = true)] public static partial nint sendfile(int outFd, int inFd, long* offset, nuint count);
    [LibraryImport(L, SetLastError = true)] public static partial int ftruncate64(int fd, long length);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int truncate64(string path, long length);
    [LibraryImport(L, SetLastError = true)] public static partial int fsync(int fd);
    [LibraryImport(L, SetLastError = true)] public static partial int fdatasync(int fd);
}
