using CrossEmu.Machines.Linux.Signals;
using static CrossEmu.Isa.Host.Errno;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>setitimer, getitimer and alarm on the process's IntervalTimers. struct itimerval is two
/// of the ABI's struct timeval: it_interval, then it_value.</summary>
static class TimerSyscalls
{
    const long NsPerSecond = 1_000_000_000, NsPerMicrosecond = 1000;

    public static void Register(SyscallCatalog c)
    {
        c.Add("setitimer", SetTimer, "which:itimer_which, new_value:itimerval, old_value:out_itimerval");
        c.Add("getitimer", GetTimer, "which:itimer_which, curr_value:out_itimerval");
        c.Add("alarm", Alarm, "seconds:uint");
    }

    static long SetTimer(SyscallContext c)
    {
        int which = c.Int(0);
        if (!IntervalTimers.IsValid(which)) return -EINVAL;
        long value = 0, interval = 0;
        // A null new_value disarms the timer (a Linux misfeature kept for old programs).
        if (c[1] != 0)
        {
            if (!TryReadTimeval(c, c[1], out interval) || !TryReadTimeval(c, c[1] + (uint)c.Abi.Structs.Timeval.Size, out value))
                return -EFAULT;
            if (value < 0 || interval < 0) return -EINVAL;
        }
        var old = c.Process.Timers.Set(which, value, interval);
        return c[2] == 0 || WriteItimerval(c, c[2], old) ? 0 : -EFAULT;
    }

    static long GetTimer(SyscallContext c)
    {
        int which = c.Int(0);
        if (!IntervalTimers.IsValid(which)) return -EINVAL;
        return WriteItimerval(c, c[1], c.Process.Timers.Get(which)) ? 0 : -EFAULT;
    }

    // alarm(s) is setitimer(ITIMER_REAL, {s, 0}); it returns the seconds that were left, never 0 for a
    // pending alarm and rounded to the nearest second otherwise.
    static long Alarm(SyscallContext c)
    {
        long seconds = Math.Min(c[0], int.MaxValue);
        var (old, _) = c.Process.Timers.Set(IntervalTimers.Real, seconds * NsPerSecond, 0);
        long oldSeconds = old / NsPerSecond, oldMicros = old % NsPerSecond / NsPerMicrosecond;
        if ((oldSeconds == 0 && oldMicros != 0) || oldMicros >= 500_000) oldSeconds++;
        return oldSeconds;
    }

    /// <summary>Reads a struct timeval as nanoseconds (-1 when tv_usec is out of range or tv_sec negative);
    /// false when unreadable.</summary>
    static bool TryReadTimeval(SyscallContext c, uint address, out long ns)
    {
        var l = c.Abi.Structs.Timeval;
        Span<byte> buf = stackalloc byte[l.Size];
        ns = 0;
        if (!c.Read(address, buf)) return false;
        var s = c.Struct(buf);
        long seconds = s.GetSigned(l.Seconds), micros = s.GetSigned(l.Microseconds);
        ns = seconds < 0 || micros is < 0 or >= 1_000_000 ? -1 : seconds * NsPerSecond + micros * NsPerMicrosecond;
        return true;
    }

    static bool WriteItimerval(SyscallContext c, uint address, (long Value, long Interval) timer)
    {
        var l = c.Abi.Structs.Timeval;
        var buf = new byte[2 * l.Size];
        var s = c.Struct(buf);
        foreach (var (ns, at) in new[] { (timer.Interval, 0), (timer.Value, l.Size) })
        {
            s.Put(l.Seconds with { Offset = l.Seconds.Offset + at }, ns / NsPerSecond);
            s.Put(l.Microseconds with { Offset = l.Microseconds.Offset + at }, ns % NsPerSecond / NsPerMicrosecond);
        }
        return c.Write(address, buf);
    }
}
