using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

/// <summary>Paths, directories and file metadata (fcntl.h's *at calls, sys/stat.h, sys/statfs.h).</summary>
public static unsafe partial class Libc
{
    public const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;

    /// <summary>File types in st_mode (S_IFMT masks them out).</summary>
    public const uint S_IFMT = 0xf000, S_IFSOCK = 0xc000, S_IFREG = 0x8000, S_IFBLK = 0x6000, S_IFDIR = 0x4000,
        S_IFCHR = 0x2000, S_IFIFO = 0x1000;

    /// <summary>buf is a struct statx (<see cref="FileStatus"/> reads it).</summary>
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statx(int dirfd, string path, int flags, uint mask, byte* buf);
    [LibraryImport(L, SetLastError = true)] public static partial nint getdents64(int fd, byte* buf, nuint count);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint readlinkat(int dirfd, string path, byte* buf, nuint size);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int faccessat(int dirfd, string path, int mode, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial nint getcwd(byte* buf, nuint size);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chdir(string path);
    [LibraryImport(L, SetLastError = true)] public static partial int fchdir(int fd);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int unlinkat(int dirfd, string path, int flags);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkdirat(int dirfd, string path, uint mode);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int renameat2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int symlinkat(string target, int newdirfd, string linkpath);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int linkat(int olddirfd, string oldpath, int newdirfd, string newpath, int flags);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int fchmodat(int dirfd, string path, uint mode, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int fchmod(int fd, uint mode);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int fchownat(int dirfd, string path, uint uid, uint gid, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int fchown(int fd, uint uid, uint gid);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int utimensat(int dirfd, string path, HostTimespec* times, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int futimens(int fd, HostTimespec* times);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statfs(string path, long* buf);
    [LibraryImport(L, SetLastError = true)] public static partial int fstatfs(int fd, long* buf);
    [LibraryImport(L)] public static partial uint umask(uint mask);
}
