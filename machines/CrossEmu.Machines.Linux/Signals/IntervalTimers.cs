using System.Diagnostics;
using CrossEmu.Isa.Host;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>
/// A process's three setitimer timers. ITIMER_REAL counts monotonic wall time and sends SIGALRM;
/// ITIMER_VIRTUAL and ITIMER_PROF count the CPU time (user, and user + system) of the guest thread
/// that set them, emulator work included, and send SIGVTALRM and SIGPROF. Expiry signals are
/// SI_KERNEL, as Linux sends them.
/// </summary>
public sealed unsafe class IntervalTimers : IDisposable
{
    public const int Real = 0, Virtual = 1, Prof = 2;
    // Linux per-thread CPU clock ids: (~tid << 3) | CPUCLOCK_PERTHREAD_MASK (4) | CPUCLOCK_PROF (0) or _VIRT (1).
    const int CpuClockPerThread = 4, CpuClockProf = 0, CpuClockVirt = 1;

    readonly IntervalTimer[] timers;

    /// <param name="raise">Sends a signal (host number) to the process; called on a timer thread.</param>
    public IntervalTimers(Action<int> raise)
    {
        timers =
        [
            new IntervalTimer(MonotonicNs, () => raise(HostSignals.SIGALRM)),
            new IntervalTimer(() => 0, () => raise(HostSignals.SIGVTALRM)),
            new IntervalTimer(() => 0, () => raise(HostSignals.SIGPROF)),
        ];
    }

    public static bool IsValid(int which) => which is Real or Virtual or Prof;

    public (long Value, long Interval) Get(int which) => timers[which].Get();

    /// <summary>Sets a timer from the calling (guest) thread; returns the previous setting.</summary>
    public (long Value, long Interval) Set(int which, long value, long interval) =>
        timers[which].Set(value, interval, which == Real ? null : ThreadCpuClock(gettid(), which == Virtual ? CpuClockVirt : CpuClockProf));

    static long MonotonicNs() => (long)((decimal)Stopwatch.GetTimestamp() * 1_000_000_000m / Stopwatch.Frequency);

    static Func<long> ThreadCpuClock(int tid, int kind)
    {
        int id = (~tid << 3) | CpuClockPerThread | kind;
        return () =>
        {
            HostTimespec ts;
            return clock_gettime(id, &ts) == 0 ? ts.Seconds * 1_000_000_000 + ts.Nanoseconds : 0;
        };
    }

    public void Dispose()
    {
        foreach (var t in timers) t.Dispose();
    }
}
