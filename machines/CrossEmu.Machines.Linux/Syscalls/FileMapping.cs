using CrossEmu.Machines.Linux.Memory;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// What mmap of a file descriptor will map, decided before any page is touched (so a refused
/// MAP_FIXED leaves the old mapping alone): the access checks of Linux's do_mmap, how much of the
/// range the file covers, and how the host maps it. Guest fds are host fds: the host file is mapped
/// into guest memory, shared when the guest asks for MAP_SHARED on a writable descriptor. A shared
/// mapping of a read-only descriptor can never be written by the guest, so a host private mapping,
/// which sees the file as long as nobody writes it, serves it.
/// </summary>
readonly record struct FileMapping(int Fd, long Offset, ulong FileBytes, bool HostShared, bool DenyWrite)
{
    /// <summary>Returns 0 and the mapping, or -errno (EBADF, EACCES, ENODEV).</summary>
    public static long Probe(int fd, long offset, ulong length, bool shared, Protection prot, out FileMapping mapping)
    {
        mapping = default;
        long flags = Sys(fcntl(fd, F_GETFL, 0));
        if (IsError(flags)) return flags;
        long r = FileStatusSyscalls.HostStat(fd, "", AT_EMPTY_PATH, out var status);
        if (r != 0) return r;
        uint type = status.Mode & S_IFMT;
        if (type is S_IFDIR or S_IFIFO or S_IFSOCK) return -ENODEV;
        int access = (int)flags & O_ACCMODE;
        if (access == O_WRONLY) return -EACCES;
        bool writable = access == O_RDWR;
        if (shared && prot.HasFlag(Protection.Write) && (!writable || (flags & O_APPEND) != 0)) return -EACCES;
        // Pages wholly past the end of a regular file stay anonymous: touching a host file mapping
        // there would raise SIGBUS in the emulator itself (Linux gives the guest SIGBUS).
        ulong fileBytes = type != S_IFREG ? length
            : status.Size <= offset ? 0 : Math.Min(length, (ulong)(status.Size - offset));
        mapping = new FileMapping(fd, offset, fileBytes, HostShared: shared && writable, DenyWrite: shared && !writable);
        return 0;
    }

    /// <summary>Backs the pages AddressSpace.Mmap placed at address with the file; 0 or -errno.</summary>
    public long MapAt(AddressSpace space, uint address, ulong length) =>
        space.MapFile(address, length, FileBytes, Fd, Offset, HostShared, DenyWrite);
}
