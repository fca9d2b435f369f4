using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

[StructLayout(LayoutKind.Sequential)]
public struct HostPollFd { public int Fd; public short Events, Revents; }

/// <summary>File descriptor plumbing: duplicating, pipes, fcntl, ioctl, poll (unistd.h, fcntl.h, sys/ioctl.h, poll.h).</summary>
public static unsafe partial class Libc
{
    public const int F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_DUPFD_CLOEXEC = 1030, FD_CLOEXEC = 1;

    public const short POLLIN = 1, POLLPRI = 2, POLLOUT = 4, POLLERR = 8, POLLHUP = 0x10, POLLNVAL = 0x20;

    [LibraryImport(L, SetLastError = true)] public static partial int dup(int fd);
    [LibraryImport(L, SetLastError = true)] public static partial int dup2(int fd, int fd2);
    [LibraryImport(L, SetLastError = true)] public static partial int dup3(int fd, int fd2, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int pipe2(int* fds, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int fcntl(int fd, int cmd, nint arg);
    // ioctl is variadic in C; on x86-64 System V a variadic callee reads integer/pointer arguments from the
    // same registers as a fixed one, so one pointer-sized third argument is the usual, correct binding.
    [LibraryImport(L, SetLastError = true)] public static partial int ioctl(int fd, nuint request, void* arg);
    [LibraryImport(L, SetLastError = true)] public static partial int poll(HostPollFd* fds, nuint count, int timeout);
}
