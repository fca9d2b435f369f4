namespace CrossEmu.Isa.Host;

/// <summary>
/// Linux errno numbers as the host (x86-64, asm-generic) uses them. Syscall handlers return -errno in
/// these numbers; each guest ABI maps them to its own (identity for ARM, a table for MIPS). Their names
/// and messages are in <see cref="ErrnoNames"/>.
/// </summary>
public static class Errno
{
    public const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7, ENOEXEC = 8, EBADF = 9, ECHILD = 10,
        EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, ENODEV = 19, ENOTDIR = 20, EISDIR = 21,
        EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25, ENOSPC = 28, ESPIPE = 29, EPIPE = 32, ERANGE = 34, ENAMETOOLONG = 36,
        ENOSYS = 38, ENOTEMPTY = 39, ELOOP = 40, EOVERFLOW = 75, ENOTSOCK = 88, EMSGSIZE = 90, ENOPROTOOPT = 92,
        EOPNOTSUPP = 95, EAFNOSUPPORT = 97, ENOBUFS = 105, ENOTCONN = 107, ETIMEDOUT = 110;

    /// <summary>Whether a raw syscall result is an error (-4095..-1).</summary>
    public static bool IsError(long result) => result < 0 && result >= -4095;
}
