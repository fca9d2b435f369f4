using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Files;

/// <summary>
/// What the runtime adds to a host file behind guest descriptors, where the host's own behaviour is not
/// the guest's: a signalfd whose signals are the runtime's (its host file is an eventfd that only shows
/// readiness), a big-endian guest's eventfd and timerfd counters (the host reads and writes them in its
/// own byte order). Shared by every guest descriptor of the file (dup, F_DUPFD) like an open file
/// description; told when the last of them is closed. A fork child gets a new one of the same kind
/// (ForFork) around its copy of the host file.
/// </summary>
public abstract class EmulatedFile
{
    /// <summary>What a fork child needs to make its own (ForkChildImage); null: the plain host file serves.</summary>
    public abstract ForkedEmulation? ForFork { get; }

    int references;

    /// <summary>read(2) on it; hostFd is the host descriptor the guest's stands for.</summary>
    public abstract long Read(SyscallContext c, int hostFd, uint address, uint count);

    /// <summary>write(2) on it; by default the host's.</summary>
    public virtual unsafe long Write(SyscallContext c, int hostFd, uint address, uint count)
    {
        byte* p = c.Readable(address, count);
        return p == null ? -Isa.Host.Errno.EFAULT : Sys(write(hostFd, p, count));
    }

    /// <summary>Called once no guest descriptor refers to it any more.</summary>
    protected virtual void LastClosed() { }

    internal void Retain() => Interlocked.Increment(ref references);

    internal void Release()
    {
        if (Interlocked.Decrement(ref references) == 0) LastClosed();
    }
}
