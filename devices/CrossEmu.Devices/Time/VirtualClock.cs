using System.Diagnostics;

namespace CrossEmu.Devices.Time;

/// <summary>How a <see cref="VirtualClock"/> advances.</summary>
public enum ClockMode
{
    /// <summary>Follows the host's monotonic clock; timers fire on one background thread.</summary>
    Host,

    /// <summary>Moves only when <see cref="VirtualClock.Advance"/> is called (by a test, or by the
    /// machine from instruction counts); timers fire inside Advance, in due order. Repeatable.</summary>
    Deterministic,
}

/// <summary>
/// The machine's time as devices see it: <see cref="Now"/> since machine start, timers that call
/// back when due, and a wall-clock base for real-time clocks. One clock per machine, injected into
/// devices by type.
/// </summary>
public sealed class VirtualClock : IDisposable
{
    readonly object gate = new();
    readonly PriorityQueue<(ClockTimer Timer, long Generation), long> queue = new();
    readonly Stopwatch stopwatch = new();
    readonly Thread? worker;
    long deterministicTicks;
    bool disposed;

    public VirtualClock(ClockMode mode = ClockMode.Host, DateTimeOffset? wallClockBase = null)
    {
        Mode = mode;
        WallClockBase = wallClockBase ?? DateTimeOffset.UtcNow;
        stopwatch.Start();
        if (mode == ClockMode.Host)
        {
            worker = new Thread(RunHostTimers) { IsBackground = true, Name = "CrossEmu virtual clock" };
            worker.Start();
        }
    }

    public ClockMode Mode { get; }

    public bool IsDeterministic => Mode == ClockMode.Deterministic;

    /// <summary>Time since the machine started.</summary>
    public TimeSpan Now => new(NowTicks);

    long NowTicks => Mode == ClockMode.Host ? stopwatch.Elapsed.Ticks : Volatile.Read(ref deterministicTicks);

    /// <summary>The wall-clock time at machine start (settable: a machine property, or a test's fixed date).</summary>
    public DateTimeOffset WallClockBase { get; set; }

    /// <summary>The current wall-clock time of the guest: the base plus <see cref="Now"/>.</summary>
    public DateTimeOffset WallClock => WallClockBase + Now;

    /// <summary>A timer that calls <paramref name="callback"/> when due (on the clock's thread in
    /// host mode, inside <see cref="Advance"/> in deterministic mode). Callbacks must not block.</summary>
    public ClockTimer CreateTimer(string name, Action callback) => new(this, name, callback);

    /// <summary>Moves a deterministic clock forward, firing every timer that falls due on the way
    /// (each sees <see cref="Now"/> equal to its due time).</summary>
    public void Advance(TimeSpan delta)
    {
        if (Mode != ClockMode.Deterministic) throw new InvalidOperationException("only a deterministic clock is advanced by hand");
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        long target = Volatile.Read(ref deterministicTicks) + delta.Ticks;
        while (true)
        {
            ClockTimer timer;
            lock (gate)
            {
                if (!TryTakeDue(target, out timer, out long due)) break;
                Volatile.Write(ref deterministicTicks, Math.Max(due, Volatile.Read(ref deterministicTicks)));
            }
            timer.Fire();
        }
        Volatile.Write(ref deterministicTicks, target);
    }

    /// <summary>Takes the earliest live entry due at or before <paramref name="limit"/> (under the gate).</summary>
    bool TryTakeDue(long limit, out ClockTimer timer, out long due)
    {
        while (queue.TryPeek(out var entry, out due))
        {
            if (entry.Generation != entry.Timer.Generation)
            {
                queue.Dequeue();
                continue;
            }
            if (due > limit) break;
            queue.Dequeue();
            timer = entry.Timer;
            timer.OnDequeued(due);
            return true;
        }
        timer = null!;
        due = 0;
        return false;
    }

    internal void Schedule(ClockTimer timer, long dueTicks, long generation)
    {
        lock (gate)
        {
            queue.Enqueue((timer, generation), dueTicks);
            if (Mode == ClockMode.Host) Monitor.PulseAll(gate);
        }
    }

    internal long CurrentTicks => NowTicks;

    internal object Gate => gate;

    void RunHostTimers()
    {
        while (true)
        {
            ClockTimer? timer = null;
            lock (gate)
            {
                while (!disposed)
                {
                    long now = NowTicks;
                    if (TryTakeDue(now, out var t, out _))
                    {
                        timer = t;
                        break;
                    }
                    int waitMs = -1;
                    while (queue.TryPeek(out var entry, out long due))
                    {
                        if (entry.Generation != entry.Timer.Generation)
                        {
                            queue.Dequeue();
                            continue;
                        }
                        waitMs = (int)Math.Clamp((due - now + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond, 1, 1000);
                        break;
                    }
                    Monitor.Wait(gate, waitMs);
                }
                if (disposed) return;
            }
            try
            {
                timer!.Fire();
            }
            catch (Exception e)
            {
                Trace.WriteLine($"virtual clock: timer {timer!.Name} threw {e}");
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            Monitor.PulseAll(gate);
        }
        // A timer callback may dispose the clock: its own thread cannot wait for itself.
        if (worker != null && worker != Thread.CurrentThread) worker.Join();
    }
}

/// <summary>A one-shot or periodic timer on a <see cref="VirtualClock"/>.</summary>
public sealed class ClockTimer
{
    readonly VirtualClock clock;
    readonly Action callback;
    long generation;
    long periodTicks;
    long dueTicks;

    internal ClockTimer(VirtualClock clock, string name, Action callback)
    {
        this.clock = clock;
        Name = name;
        this.callback = callback;
    }

    public string Name { get; }

    internal long Generation => Volatile.Read(ref generation);

    /// <summary>Armed (a one-shot not yet fired, or a periodic timer).</summary>
    public bool IsRunning { get; private set; }

    /// <summary>When the timer fires next (clock time), while running.</summary>
    public TimeSpan DueAt => new(Volatile.Read(ref dueTicks));

    /// <summary>Fires once, <paramref name="dueIn"/> from now (re-arming cancels the previous arming).</summary>
    public void Start(TimeSpan dueIn) => Arm(dueIn, 0);

    /// <summary>Fires every <paramref name="period"/>, the first time <paramref name="firstIn"/> from now (default one period).</summary>
    public void StartPeriodic(TimeSpan period, TimeSpan? firstIn = null)
    {
        if (period <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(period), "a period is positive");
        Arm(firstIn ?? period, period.Ticks);
    }

    void Arm(TimeSpan dueIn, long period)
    {
        lock (clock.Gate)
        {
            long g = Interlocked.Increment(ref generation);
            periodTicks = period;
            long due = clock.CurrentTicks + Math.Max(0, dueIn.Ticks);
            Volatile.Write(ref dueTicks, due);
            IsRunning = true;
            clock.Schedule(this, due, g);
        }
    }

    public void Cancel()
    {
        lock (clock.Gate)
        {
            Interlocked.Increment(ref generation);
            IsRunning = false;
        }
    }

    /// <summary>Under the clock's gate: the entry due at <paramref name="due"/> is being fired; periodic timers re-arm.</summary>
    internal void OnDequeued(long due)
    {
        if (periodTicks > 0)
        {
            long next = due + periodTicks;
            Volatile.Write(ref dueTicks, next);
            clock.Schedule(this, next, Generation);
        }
        else IsRunning = false;
    }

    internal void Fire() => callback();
}
