using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Isa.Host.Errno;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>
/// The signal mask of ppoll, pselect6 and epoll_pwait: the call waits with it in place of the thread's, as
/// sigsuspend does, so that a signal the program keeps blocked except while it waits (the pselect pattern)
/// interrupts the wait. When the call ends with EINTR for a signal the temporary mask lets through, the
/// handler runs with that mask and its frame saves the original (sigreturn restores it); otherwise the
/// original comes back at once.
/// </summary>
static class CallMask
{
    /// <summary>Runs call under the guest sigset at maskAddress (0: no change); -EINVAL for a wrong size.</summary>
    public static long Run(SyscallContext c, uint maskAddress, uint size, Func<long> call)
    {
        if (maskAddress == 0) return call();
        if (size != c.Abi.Structs.SigsetSize) return -EINVAL;
        if (!SignalSyscalls.TryReadSet(c, maskAddress, out ulong mask)) return -EFAULT;
        var signals = c.Process.Signals;
        ulong original = signals.SavedMask ?? signals.Blocked;
        signals.SavedMask = original;
        signals.Blocked = mask & ~SignalDelivery.Unblockable(c.Process);
        long r = signals.PeekDeliverable() != 0 ? -EINTR : call();
        if (r != -EINTR || signals.PeekDeliverable() == 0)
        {
            signals.Blocked = original;
            signals.SavedMask = null;
        }
        return r;
    }
}
