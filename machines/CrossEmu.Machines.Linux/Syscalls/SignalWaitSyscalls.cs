using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Signals;
using static CrossEmu.Isa.Host.Errno;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// Waiting for signals: sigsuspend, pause and sigtimedwait. The caller sleeps on the pending set
/// (SignalState.WaitFor) until a signal that may end the wait is posted, from a timer thread or
/// anywhere; the signal itself is delivered by the run loop on the way back to guest code.
/// </summary>
static class SignalWaitSyscalls
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("rt_sigsuspend", Suspend, "mask:sigset, sigsetsize:size");
        c.Add("pause", Pause, "");
        c.Add("rt_sigtimedwait", c2 => TimedWait(c2, c2.Abi.Structs.Timespec32), "set:sigset, info:out_siginfo, timeout:timespec, sigsetsize:size");
        c.Add("rt_sigtimedwait_time64", c2 => TimedWait(c2, c2.Abi.Structs.Timespec64), "set:sigset, info:out_siginfo, timeout:timespec64, sigsetsize:size");
    }

    // Like Linux: the temporary mask replaces the blocked one until a signal is pending that it does
    // not block; the handler then runs with the temporary mask and its frame saves the original, so
    // sigreturn restores it (SignalDelivery.DeliverPending restores it when no handler runs).
    static long Suspend(SyscallContext c)
    {
        var signals = c.Process.Signals;
        if (c[1] != c.Abi.Structs.SigsetSize) return -EINVAL;
        if (!SignalSyscalls.TryReadSet(c, c[0], out ulong mask)) return -EFAULT;
        signals.SavedMask = signals.Blocked;
        signals.Blocked = mask & ~SignalDelivery.Unblockable(c.Process);
        signals.WaitFor(~signals.Blocked, -1, out _);
        return -EINTR;
    }

    static long Pause(SyscallContext c)
    {
        var signals = c.Process.Signals;
        signals.WaitFor(~signals.Blocked, -1, out _);
        return -EINTR;
    }

    // Dequeues a signal of the set (normally blocked ones) without running its handler. While waiting,
    // signals outside the set that are not blocked also end the wait: then -EINTR and they are
    // delivered; when the timeout passes, -EAGAIN.
    static long TimedWait(SyscallContext c, TimespecLayout layout)
    {
        var p = c.Process;
        if (c[3] != c.Abi.Structs.SigsetSize) return -EINVAL;
        if (!SignalSyscalls.TryReadSet(c, c[0], out ulong set)) return -EFAULT;
        set &= ~SignalDelivery.Unblockable(p);
        long timeoutNs = -1;
        if (c[2] != 0)
        {
            if (!TimeSyscalls.TryReadTimespec(c, c[2], layout, out var ts)) return -EFAULT;
            if (ts.Seconds < 0 || ts.Nanoseconds is < 0 or >= 1_000_000_000) return -EINVAL;
            timeoutNs = ts.Seconds > long.MaxValue / 1_000_000_000 - 1 ? long.MaxValue : ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
        }
        var signals = p.Signals;
        var info = signals.Take(set);
        if (info == null && timeoutNs != 0)
        {
            // As Linux: while it waits, the thread does not block the set (real_blocked), so a process-directed
            // signal of the set that every thread blocks comes to the waiting one.
            ulong mask = signals.Blocked;
            signals.Blocked = mask & ~set;
            try
            {
                bool woken = signals.WaitFor(set | ~mask, timeoutNs, out _);
                info = signals.Take(set);
                if (info == null) return woken ? -EINTR : -EAGAIN;
            }
            finally { signals.Blocked = mask; }
        }
        if (info is not { } taken) return -EAGAIN;
        if (c[1] != 0 && !c.Write(c[1], Siginfo.ToGuest(c.Abi, taken))) return -EFAULT;
        return taken.Signal;
    }
}
