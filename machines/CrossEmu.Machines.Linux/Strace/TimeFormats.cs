using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>Clock ids, timespec and timeval structs (32-bit and *_time64), itimervals, struct tms.</summary>
static class TimeFormats
{
    static readonly ValueTable Clocks = new(("CLOCK_REALTIME", 0), ("CLOCK_MONOTONIC", 1), ("CLOCK_PROCESS_CPUTIME_ID", 2),
        ("CLOCK_THREAD_CPUTIME_ID", 3), ("CLOCK_MONOTONIC_RAW", 4), ("CLOCK_REALTIME_COARSE", 5), ("CLOCK_MONOTONIC_COARSE", 6),
        ("CLOCK_BOOTTIME", 7), ("CLOCK_REALTIME_ALARM", 8), ("CLOCK_BOOTTIME_ALARM", 9), ("CLOCK_TAI", 11));
    static readonly FlagTable TimerFlags = new(("TIMER_ABSTIME", 1));
    static readonly ValueTable IntervalTimers = new(("ITIMER_REAL", 0), ("ITIMER_VIRTUAL", 1), ("ITIMER_PROF", 2));
    static readonly ValueTable RusageWho = new(("RUSAGE_SELF", 0), ("RUSAGE_CHILDREN", -1), ("RUSAGE_THREAD", 1));
    const long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("clockid", (_, v) => Clocks.Format((int)v)),
        ArgumentKind.Value("timer_flags", (_, v) => TimerFlags.Format(v)),
        ArgumentKind.Value("itimer_which", (_, v) => IntervalTimers.Format((int)v)),
        ArgumentKind.Value("rusage_who", (_, v) => RusageWho.Format((int)v)),
        ArgumentKind.Pointer("timespec", (call, slot) => Timespec(call, call[slot], call.Structs.Timespec32)),
        ArgumentKind.Pointer("timespec64", (call, slot) => Timespec(call, call[slot], call.Structs.Timespec64)),
        ArgumentKind.Out("out_timespec", (call, slot) => Timespec(call, call[slot], call.Structs.Timespec32)),
        ArgumentKind.Out("out_timespec64", (call, slot) => Timespec(call, call[slot], call.Structs.Timespec64)),
        // A sleep's remaining time, written only when a signal cut it short.
        new ArgumentKind("rem_timespec", (call, slot) => Remaining(call, slot, call.Structs.Timespec32), AfterCall: true),
        new ArgumentKind("rem_timespec64", (call, slot) => Remaining(call, slot, call.Structs.Timespec64), AfterCall: true),
        ArgumentKind.Pointer("timespec_pair", (call, slot) => TimespecPair(call, call[slot], call.Structs.Timespec32)),
        ArgumentKind.Pointer("timespec64_pair", (call, slot) => TimespecPair(call, call[slot], call.Structs.Timespec64)),
        ArgumentKind.Pointer("timeval", (call, slot) => Timeval(call, call[slot])),
        ArgumentKind.Out("out_timeval", (call, slot) => Timeval(call, call[slot])),
        ArgumentKind.Pointer("itimerval", (call, slot) => Itimerval(call, call[slot])),
        ArgumentKind.Out("out_itimerval", (call, slot) => Itimerval(call, call[slot])),
        ArgumentKind.Out("out_tms", Tms),
    ];

    /// <summary>{tv_sec=1, tv_nsec=500000000}</summary>
    public static string Timespec(StraceCall call, uint address, TimespecLayout l)
    {
        if (call.ReadStruct(address, l.Size) is not { } bytes) return Quoting.Pointer(address);
        var s = call.Struct(bytes);
        // The upper half of a 64-bit tv_nsec from a 32-bit guest is padding the kernel ignores.
        return $"{{tv_sec={s.GetSigned(l.Seconds)}, tv_nsec={(int)s.Get(l.Nanoseconds)}}}";
    }

    static string Remaining(StraceCall call, int slot, TimespecLayout l) =>
        call.Returned && call.Result == -Errno.EINTR && call[slot] != 0 ? Timespec(call, call[slot], l) : Quoting.Pointer(call[slot]);

    // utimensat's times[2], whose tv_nsec may say UTIME_NOW or UTIME_OMIT.
    static string TimespecPair(StraceCall call, uint address, TimespecLayout l)
    {
        if (call.ReadStruct(address, 2 * l.Size) is not { } bytes) return Quoting.Pointer(address);
        return $"[{UtimeSpec(call, bytes, 0, l)}, {UtimeSpec(call, bytes, l.Size, l)}]";
    }

    static string UtimeSpec(StraceCall call, byte[] bytes, int at, TimespecLayout l)
    {
        var s = call.Struct(bytes);
        long sec = s.GetSigned(l.Seconds with { Offset = l.Seconds.Offset + at });
        long nsec = (int)s.Get(l.Nanoseconds with { Offset = l.Nanoseconds.Offset + at });
        return nsec switch
        {
            UTIME_NOW => "UTIME_NOW",
            UTIME_OMIT => "UTIME_OMIT",
            _ => $"{{tv_sec={sec}, tv_nsec={nsec}}}",
        };
    }

    static string Timeval(StraceCall call, uint address, int at = 0)
    {
        TimevalLayout l = call.Structs.Timeval;
        if (call.ReadStruct(address + (uint)at, l.Size) is not { } bytes) return Quoting.Pointer(address);
        var s = call.Struct(bytes);
        return $"{{tv_sec={s.GetSigned(l.Seconds)}, tv_usec={s.GetSigned(l.Microseconds)}}}";
    }

    static string Itimerval(StraceCall call, uint address) =>
        $"{{it_interval={Timeval(call, address)}, it_value={Timeval(call, address, call.Structs.Timeval.Size)}}}";

    // struct tms: four clock_t (the guest's long).
    static string? Tms(StraceCall call, int slot)
    {
        if (call.ReadStruct(call[slot], 16) is not { } bytes) return Quoting.Pointer(call[slot]);
        var s = call.Struct(bytes);
        return $"{{tms_utime={s.GetSigned(Field.U32(0))}, tms_stime={s.GetSigned(Field.U32(4))}, " +
            $"tms_cutime={s.GetSigned(Field.U32(8))}, tms_cstime={s.GetSigned(Field.U32(12))}}}";
    }
}
