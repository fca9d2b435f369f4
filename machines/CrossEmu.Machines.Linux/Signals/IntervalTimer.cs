namespace CrossEmu.Machines.Linux.Signals;

/// <summary>
/// One setitimer timer: a deadline and a reload interval on some clock (nanoseconds), checked on a
/// host timer thread. On expiry it calls its fire action and, when it has an interval, rearms for the
/// next multiple of the interval after now (missed periods are dropped, like hrtimer_forward). The
/// host timer sleeps the remaining time in wall time: right for wall clocks and, since a thread's CPU
/// time never runs ahead of wall time, never late for CPU clocks, which are rechecked on waking.
/// </summary>
public sealed class IntervalTimer : IDisposable
{
    readonly object gate = new();
    readonly Timer timer;
    readonly Action fire;
    Func<long> clock;
    long deadline; // on the clock; 0 = disarmed
    long interval;
    bool disposed;

    public IntervalTimer(Func<long> clock, Action fire)
    {
        this.clock = clock;
        this.fire = fire;
        timer = new Timer(_ => Tick(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Time left (0 when disarmed; 1 µs once due but not yet fired, as Linux reports) and interval.</summary>
    public (long Value, long Interval) Get()
    {
        lock (gate) return Current();
    }

    /// <summary>Arms (value &gt; 0) or disarms (value 0, which also clears the interval) the timer and
    /// returns the previous setting. A new clock may be given (CPU timers follow the calling thread).</summary>
    public (long Value, long Interval) Set(long value, long reload, Func<long>? newClock = null)
    {
        lock (gate)
        {
            var old = Current();
            if (newClock != null) clock = newClock;
            if (disposed || value <= 0)
            {
                deadline = 0;
                interval = 0;
                timer.Change(Timeout.Infinite, Timeout.Infinite);
            }
            else
            {
                deadline = Math.Max(clock() + value, 1);
                interval = reload;
                Schedule(value);
            }
            return old;
        }
    }

    (long, long) Current()
    {
        if (deadline == 0) return (0, interval);
        long left = deadline - clock();
        return (left <= 0 ? 1000 : left, interval);
    }

    void Tick()
    {
        lock (gate)
        {
            if (disposed || deadline == 0) return;
            long now = clock();
            if (now < deadline)
            {
                Schedule(deadline - now); // early (a stale wake-up, or a CPU clock behind wall time)
                return;
            }
            if (interval > 0)
            {
                deadline += ((now - deadline) / interval + 1) * interval;
                Schedule(deadline - now);
            }
            else deadline = 0;
        }
        fire();
    }

    // The host timer counts whole milliseconds: round up, and Tick checks the clock again.
    void Schedule(long ns) => timer.Change(Math.Min((ns + 999_999) / 1_000_000, uint.MaxValue - 1), Timeout.Infinite);

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            deadline = 0;
        }
        timer.Dispose();
    }
}
