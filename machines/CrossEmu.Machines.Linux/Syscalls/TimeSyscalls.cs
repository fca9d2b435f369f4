using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Isa.Host;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>Clocks and sleeps, with both the 32-bit time_t and the *_time64 struct variants.</summary>
static unsafe class TimeSyscalls
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("clock_gettime", c2 => ClockGet(c2, c2.Abi.Structs.Timespec32, resolution: false), "clockid:clockid, tp:out_timespec");
        c.Add("clock_gettime64", c2 => ClockGet(c2, c2.Abi.Structs.Timespec64, resolution: false), "clockid:clockid, tp:out_timespec64");
        c.Add("clock_getres", c2 => ClockGet(c2, c2.Abi.Structs.Timespec32, resolution: true), "clockid:clockid, res:out_timespec");
        c.Add("clock_getres_time64", c2 => ClockGet(c2, c2.Abi.Structs.Timespec64, resolution: true), "clockid:clockid, res:out_timespec64");
        c.Add("gettimeofday", GetTimeOfDay, "tv:out_timeval, tz:ptr");
        c.Add("time", Time, "tloc:ptr");
        c.Add("nanosleep", c2 => Sleep(c2, 0, 0, c2[0], c2[1], c2.Abi.Structs.Timespec32), "req:timespec, rem:rem_timespec");
        c.Add("clock_nanosleep", c2 => Sleep(c2, c2.Int(0), c2.Int(1), c2[2], c2[3], c2.Abi.Structs.Timespec32),
            "clockid:clockid, flags:timer_flags, req:timespec, rem:rem_timespec");
        c.Add("times", Times, "buf:out_tms");
        c.Add("getrusage", GetRusage, "who:rusage_who, usage:ptr");
        c.Add("clock_nanosleep_time64", c2 => Sleep(c2, c2.Int(0), c2.Int(1), c2[2], c2[3], c2.Abi.Structs.Timespec64),
            "clockid:clockid, flags:timer_flags, req:timespec64, rem:rem_timespec64");
    }

    public static bool TryReadTimespec(SyscallContext c, uint address, TimespecLayout layout, out HostTimespec ts)
    {
        Span<byte> buf = stackalloc byte[layout.Size];
        ts = default;
        if (!c.Read(address, buf)) return false;
        var s = c.Struct(buf);
        ts.Seconds = s.GetSigned(layout.Seconds);
        // The upper half of a 64-bit tv_nsec from a 32-bit guest is padding: the kernel ignores it.
        ts.Nanoseconds = (int)s.Get(layout.Nanoseconds);
        return true;
    }

    public static bool WriteTimespec(SyscallContext c, uint address, TimespecLayout layout, HostTimespec ts)
    {
        Span<byte> buf = stackalloc byte[layout.Size];
        var s = c.Struct(buf);
        s.Put(layout.Seconds, ts.Seconds);
        s.Put(layout.Nanoseconds, ts.Nanoseconds);
        return c.Write(address, buf);
    }

    static long ClockGet(SyscallContext c, TimespecLayout layout, bool resolution)
    {
        HostTimespec ts;
        long r = Sys(resolution ? clock_getres(c.Int(0), &ts) : clock_gettime(c.Int(0), &ts));
        if (r != 0 || c[1] == 0) return r;
        return WriteTimespec(c, c[1], layout, ts) ? 0 : -EFAULT;
    }

    static long GetTimeOfDay(SyscallContext c)
    {
        HostTimeval tv;
        long r = Sys(gettimeofday(&tv, null));
        if (r != 0) return r;
        if (c[0] != 0)
        {
            var l = c.Abi.Structs.Timeval;
            Span<byte> buf = stackalloc byte[l.Size];
            var s = c.Struct(buf);
            s.Put(l.Seconds, tv.Seconds);
            s.Put(l.Microseconds, tv.Microseconds);
            if (!c.Write(c[0], buf)) return -EFAULT;
        }
        // struct timezone is obsolete; Linux reports UTC with no DST.
        if (c[1] != 0 && !c.Write(c[1], stackalloc byte[8])) return -EFAULT;
        return 0;
    }

    static long Time(SyscallContext c)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (c[0] != 0 && !c.WriteU32(c[0], (uint)now)) return -EFAULT;
        return (uint)now;
    }

    const long NsPerSecond = 1_000_000_000;

    // Sleeps on the wall clocks wait on the signal state, so a signal that is not blocked (a timer's,
    // say) ends them with -EINTR and the time left, as in Linux; the handler runs on the way out.
    // Sleeps on CPU-time clocks are left to the host and are not interrupted.
    static long Sleep(SyscallContext c, int clock, int flags, uint request, uint remain, TimespecLayout layout)
    {
        if (!TryReadTimespec(c, request, layout, out var req)) return -EFAULT;
        if (req.Nanoseconds is < 0 or >= 1_000_000_000 || req.Seconds < 0) return -EINVAL;
        bool absolute = (flags & TIMER_ABSTIME) != 0;
        if (clock is not (CLOCK_REALTIME or CLOCK_MONOTONIC or CLOCK_BOOTTIME or CLOCK_TAI))
        {
            HostTimespec hostRem;
            int err = clock_nanosleep(clock, flags, &req, &hostRem);
            if (err == EINTR && !absolute && remain != 0 && !WriteTimespec(c, remain, layout, hostRem)) return -EFAULT;
            return -err;
        }
        long ns = Nanoseconds(req);
        if (absolute)
        {
            HostTimespec now;
            if (clock_gettime(clock, &now) != 0) return -EINVAL;
            ns -= Nanoseconds(now);
            if (ns <= 0) return 0;
        }
        var signals = c.Process.Signals;
        if (!signals.WaitFor(~signals.Blocked, ns, out long left)) return 0;
        var rem = new HostTimespec { Seconds = left / NsPerSecond, Nanoseconds = left % NsPerSecond };
        if (!absolute && remain != 0 && !WriteTimespec(c, remain, layout, rem)) return -EFAULT;
        return -EINTR;
    }

    static long Nanoseconds(HostTimespec ts) =>
        ts.Seconds >= long.MaxValue / NsPerSecond - 1 ? long.MaxValue : ts.Seconds * NsPerSecond + ts.Nanoseconds;

    // struct tms: four clock_t, the guest's long.
    static long Times(SyscallContext c)
    {
        long* tms = stackalloc long[4];
        long ticks = Sys(times(tms));
        if (IsError(ticks)) return ticks;
        if (c[0] != 0)
            for (int i = 0; i < 4; i++)
                if (!c.WriteU32(c[0] + (uint)(4 * i), (uint)tms[i])) return -EFAULT;
        return (uint)ticks;
    }

    // struct rusage: two timevals then 14 longs; the host's has 64-bit fields throughout.
    static long GetRusage(SyscallContext c)
    {
        long* host = stackalloc long[18];
        long r = Sys(getrusage(c.Int(0), host));
        return r != 0 ? r : WriteRusage(c, c[1], host) ? 0 : -EFAULT;
    }

    /// <summary>A host struct rusage (two timevals, 14 longs) in the guest's 32-bit layout at address.</summary>
    public static bool WriteRusage(SyscallContext c, uint address, long* host)
    {
        var tv = c.Abi.Structs.Timeval;
        var buf = new byte[2 * tv.Size + 14 * 4];
        var s = c.Struct(buf);
        for (int i = 0; i < 2; i++)
        {
            s.Put(tv.Seconds with { Offset = tv.Seconds.Offset + i * tv.Size }, host[2 * i]);
            s.Put(tv.Microseconds with { Offset = tv.Microseconds.Offset + i * tv.Size }, host[2 * i + 1]);
        }
        for (int i = 0; i < 14; i++) s.Put(Field.U32(2 * tv.Size + 4 * i), host[4 + i]);
        return c.Write(address, buf);
    }
}
