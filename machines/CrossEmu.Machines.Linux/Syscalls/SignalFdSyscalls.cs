using CrossEmu.Machines.Linux.Signals;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>signalfd and signalfd4, carried out by the runtime (see SignalFile): the flags are the ABI's
/// O_NONBLOCK and O_CLOEXEC, the mask a guest sigset of the ABI's size.</summary>
static class SignalFdSyscalls
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("signalfd", c2 => SignalFd(c2, 0), "fd:guest_fd, mask:sigset, sizemask:size");
        c.Add("signalfd4", c2 => SignalFd(c2, c2[3]), "fd:guest_fd, mask:sigset, sizemask:size, flags:fd_flags");
    }

    static long SignalFd(SyscallContext c, uint guestFlags)
    {
        int flags = (int)c.Abi.OpenFlags.ToHost(guestFlags);
        if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) != 0 || c[2] != c.Abi.Structs.SigsetSize) return -EINVAL;
        if (!SignalSyscalls.TryReadSet(c, c[1], out ulong mask)) return -EFAULT;
        mask &= ~SignalDelivery.Unblockable(c.Process);
        if (c.Int(0) == -1) return SignalFile.Create(c.Process, mask, (flags & O_NONBLOCK) != 0, (flags & O_CLOEXEC) != 0);
        if (c.Process.Files[c.Int(0)] is not { } d) return -EBADF;
        if (d.Emulation is not SignalFile file) return -EINVAL;
        file.SetMask(mask);
        return c.Int(0);
    }
}
