using CrossEmu.Isa.Host;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>
/// One setitimer timer: a deadline and a reload interval on some clock (nanoseconds), watched by a
/// thread of its own (started when first armed). On expiry it calls its fire action and, when it has
/// an interval, rearms for the next multiple of the interval after now (missed periods are dropped,
/// like hrtimer_forward). The thread waits in wall time: right for wall clocks and, since a thread's
/// CPU time never runs ahead of wall time, never late for CPU clocks, which are rechecked on waking.
/// It waits on a monitor until PreciseWindow before the deadline (a re-arm wakes it) and sleeps the
/// rest with clock_nanosleep: the .NET timer it used before fired every 4 ms at best, so a 1 ms
/// ITIMER_REAL delivered 240 signals a second instead of 1,000.
/// </summary>
public sealed unsafe class IntervalTimer : IDisposable
{
    readonly object gate = new();
    readonly Action fire;
    Func<long> clock;
    long deadline; // on the clock; 0 = disarmed
    long interval;
    bool disposed;
    Thread? watcher;

    /// <summary>The last stretch before a deadline, slept precisely (a re-arm within it waits for it to end).</summary>
    const long PreciseWindow = 2_000_000;

    public IntervalTimer(Func<long> clock, Action fire)
    {
        this.clock = clock;
        this.fire = fire;
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
            }
            else
            {
                deadline = Math.Max(clock() + value, 1);
                interval = reload;
                if (watcher == null)
                {
                    watcher = new Thread(Watch) { IsBackground = true, Name = "crossemu itimer" };
                    watcher.Start();
                }
            }
            Monitor.PulseAll(gate);
            return old;
        }
    }

    (long, long) Current()
    {
        if (deadline == 0) return (0, interval);
        long left = deadline - clock();
        return (left <= 0 ? 1000 : left, interval);
    }

    void Watch()
    {
        while (true)
        {
            long left;
            lock (gate)
            {
                if (disposed) return;
                if (deadline == 0) { Monitor.Wait(gate); continue; }
                left = deadline - clock();
                if (left > PreciseWindow)
                {
                    Monitor.Wait(gate, TimeSpan.FromTicks((left - PreciseWindow) / 100));
                    continue;
                }
            }
            if (left > 0) SleepFor(left);
            Tick();
        }
    }

    static void SleepFor(long ns)
    {
        var t = new HostTimespec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
        Libc.clock_nanosleep(Libc.CLOCK_MONOTONIC, 0, &t, null);
    }

    void Tick()
    {
        lock (gate)
        {
            if (disposed || deadline == 0) return;
            long now = clock();
            if (now < deadline) return;   // early (a CPU clock behind wall time): the watcher waits again
            if (interval > 0) deadline += ((now - deadline) / interval + 1) * interval;
            else deadline = 0;
        }
        fire();
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            deadline = 0;
            Monitor.PulseAll(gate);
        }
    }
}
