using System.Runtime.InteropServices;

namespace CrossEmu.Machines.Linux.Host;

[StructLayout(LayoutKind.Sequential)]
public struct HostTimespec { public long Seconds, Nanoseconds; }

[StructLayout(LayoutKind.Sequential)]
public struct HostTimeval { public long Seconds, Microseconds; }

[StructLayout(LayoutKind.Sequential)]
public unsafe struct HostIovec { public void* Base; public nuint Length; }

[StructLayout(LayoutKind.Sequential)]
public struct HostRlimit { public ulong Current, Max; }

[StructLayout(LayoutKind.Sequential)]
public struct HostPollFd { public int Fd; public short Events, Revents; }

/// <summary>
/// The host libc calls that back guest syscalls (glibc, x86-64). Guest file descriptors are host
/// ones, so most calls pass straight through. Every call returns -1 and sets errno on failure;
/// wrap results with Sys() to get the kernel's -errno convention.
/// </summary>
static unsafe partial class Libc
{
    const string L = "libc";

    /// <summary>Result or -errno, like a raw syscall.</summary>
    public static long Sys(long result) => result == -1 ? -Marshal.GetLastPInvokeError() : result;

    public const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int openat(int dirfd, string path, int flags, uint mode);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int memfd_create(string name, uint flags);
    public const uint MFD_CLOEXEC = 1;
    /// <summary>Host open(2) flag values the runtime itself looks at (guest values go through the ABI's OpenFlags).</summary>
    public const int O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_APPEND = 0x400, O_CLOEXEC = 0x80000;
    [LibraryImport(L, SetLastError = true)] public static partial nint read(int fd, byte* buf, nuint count);
    [LibraryImport(L, SetLastError = true)] public static partial nint write(int fd, byte* buf, nuint count);
    [LibraryImport(L, SetLastError = true)] public static partial nint pread64(int fd, byte* buf, nuint count, long offset);
    [LibraryImport(L, SetLastError = true)] public static partial nint pwrite64(int fd, byte* buf, nuint count, long offset);
    [LibraryImport(L, SetLastError = true)] public static partial nint readv(int fd, HostIovec* iov, int count);
    [LibraryImport(L, SetLastError = true)] public static partial nint writev(int fd, HostIovec* iov, int count);
    [LibraryImport(L, SetLastError = true)] public static partial int close(int fd);
    [LibraryImport(L, SetLastError = true)] public static partial long lseek64(int fd, long offset, int whence);
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
    [LibraryImport(L, SetLastError = true)] public static partial int dup(int fd);
    [LibraryImport(L, SetLastError = true)] public static partial int dup2(int fd, int fd2);
    [LibraryImport(L, SetLastError = true)] public static partial int dup3(int fd, int fd2, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int pipe2(int* fds, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int fcntl(int fd, int cmd, nint arg);
    [LibraryImport(L, SetLastError = true)] public static partial int ioctl(int fd, nuint request, void* arg);
    [LibraryImport(L, SetLastError = true)] public static partial int ftruncate64(int fd, long length);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int truncate64(string path, long length);
    [LibraryImport(L, SetLastError = true)] public static partial int fsync(int fd);
    [LibraryImport(L, SetLastError = true)] public static partial int fdatasync(int fd);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int utimensat(int dirfd, string path, HostTimespec* times, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int futimens(int fd, HostTimespec* times);
    [LibraryImport(L, SetLastError = true)] public static partial int clock_gettime(int clock, HostTimespec* ts);
    [LibraryImport(L, SetLastError = true)] public static partial int clock_getres(int clock, HostTimespec* ts);
    /// <summary>Returns 0 or an errno value (not -1/errno).</summary>
    [LibraryImport(L)] public static partial int clock_nanosleep(int clock, int flags, HostTimespec* request, HostTimespec* remain);
    [LibraryImport(L, SetLastError = true)] public static partial int gettimeofday(HostTimeval* tv, void* tz);
    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statfs(string path, long* buf);
    [LibraryImport(L, SetLastError = true)] public static partial int fstatfs(int fd, long* buf);
    [LibraryImport(L, SetLastError = true)] public static partial nint sendfile(int outFd, int inFd, long* offset, nuint count);
    [LibraryImport(L, SetLastError = true)] public static partial long times(long* buf);
    [LibraryImport(L, SetLastError = true)] public static partial int getrusage(int who, long* usage);
    [LibraryImport(L, SetLastError = true)] public static partial nint getrandom(byte* buf, nuint length, uint flags);
    [LibraryImport(L, SetLastError = true)] public static partial int sysinfo(byte* info);
    [LibraryImport(L, SetLastError = true)] public static partial int uname(byte* buf);
    [LibraryImport(L)] public static partial int getppid();
    [LibraryImport(L)] public static partial int gettid();
    [LibraryImport(L)] public static partial uint getuid();
    [LibraryImport(L)] public static partial uint geteuid();
    [LibraryImport(L)] public static partial uint getgid();
    [LibraryImport(L)] public static partial uint getegid();
    [LibraryImport(L)] public static partial int getpgrp();
    [LibraryImport(L, SetLastError = true)] public static partial int getpgid(int pid);
    [LibraryImport(L, SetLastError = true)] public static partial int getsid(int pid);
    [LibraryImport(L, SetLastError = true)] public static partial int setpgid(int pid, int pgid);
    [LibraryImport(L, SetLastError = true)] public static partial int setsid();
    [LibraryImport(L, SetLastError = true)] public static partial int kill(int pid, int signal);
    /// <summary>value is union sigval (int or pointer), passed like a pointer.</summary>
    [LibraryImport(L, SetLastError = true)] public static partial int sigqueue(int pid, int signal, nint value);
    [LibraryImport(L, SetLastError = true)] public static partial int msync(void* address, nuint length, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int prlimit(int pid, int resource, HostRlimit* newLimit, HostRlimit* oldLimit);
    [LibraryImport(L)] public static partial int sched_yield();
    [LibraryImport(L)] public static partial uint umask(uint mask);
    [LibraryImport(L, SetLastError = true)] public static partial int poll(HostPollFd* fds, nuint count, int timeout);
    [LibraryImport(L, SetLastError = true)] public static partial int wait4(int pid, int* status, int options, void* usage);
    [LibraryImport(L, SetLastError = true)] public static partial int isatty(int fd);
}
