using System.Diagnostics;
using CrossEmu.Isa.Host;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>A guest's sigaction. Handler 0 is SIG_DFL, 1 SIG_IGN; Flags are in host SA_* values
/// (the ABI translates at the syscall); Mask is in guest signal numbering (bit n-1 = signal n).</summary>
public readonly record struct GuestSigaction(uint Handler, uint Flags, uint Restorer, ulong Mask)
{
    public const uint SigDfl = 0, SigIgn = 1;
    public bool IsDefault => Handler == SigDfl;
    public bool IsIgnored => Handler == SigIgn;
}

/// <summary>What the kernel knows of a signal being delivered (becomes the guest's siginfo). Value is
/// si_value of sigqueue'd signals.</summary>
public readonly record struct SignalInfo(int Signal, int Code, uint Address = 0, int Pid = 0, uint Uid = 0, uint Value = 0)
{
    /// <summary>A SIGCHLD about a child (CLD_* code): Pid and Uid are the child's, Value its si_status.</summary>
    public bool AboutChild { get; init; }
}

/// <summary>
/// One guest thread's signal bookkeeping in guest numbering: its blocked and pending sets and
/// sigaltstack, and the process's handlers, which every thread's SignalState shares (ForNewThread).
/// Other threads (timers, the host forwarder, other guest threads) post signals, so the pending set
/// lives under a lock, and a thread blocked in sigsuspend, pause or nanosleep waits on that lock until
/// a signal it cares about is posted. The blocked mask belongs to the guest thread: only it changes it.
/// </summary>
public sealed class SignalState
{
    readonly object gate = new();
    /// <summary>The process's dispositions, shared by its threads (locked on itself).</summary>
    readonly GuestSigaction[] actions;
    readonly SignalInfo?[] pendingInfo = new SignalInfo?[HostSignals.Count + 1];
    ulong pending;
    ulong blocked;
    Action? interrupt;

    public SignalState() => actions = new GuestSigaction[HostSignals.Count + 1];

    SignalState(GuestSigaction[] shared) => actions = shared;

    /// <summary>A new thread's: the same handlers, the creator's mask, nothing pending, no alternate stack.</summary>
    public SignalState ForNewThread() => new(actions) { Blocked = Blocked, Aborted = Aborted, Shared = Shared };

    /// <summary>
    /// The process's shared pending set (Linux's signal->shared_pending): process-directed signals that
    /// every thread blocks wait there for the first thread that unblocks or sigwaits them. Null for the
    /// shared set itself, and for a process that has never had a second thread.
    /// </summary>
    public SignalState? Shared { get; set; }

    /// <summary>A shared pending set for this state's process (same handlers; its Interrupt wakes every thread).</summary>
    public SignalState NewSharedSet() => new(actions);

    /// <summary>True once the waits must give up (the process is ending).</summary>
    public Func<bool>? Aborted { get; set; }

    /// <summary>Wakes the waits of this thread so they look at Aborted (process exit).</summary>
    public void WakeWaiters()
    {
        lock (gate) Monitor.PulseAll(gate);
    }

    public static ulong Bit(int signal) => 1UL << (signal - 1);
    public static bool IsValid(int signal) => signal >= 1 && signal <= HostSignals.Count;

    public GuestSigaction this[int signal]
    {
        get { lock (actions) return actions[signal]; }
        set { lock (actions) actions[signal] = value; }
    }

    public ulong Blocked
    {
        get => Volatile.Read(ref blocked);
        set => Volatile.Write(ref blocked, value);
    }

    /// <summary>What sigpending reports: this thread's pending signals and the process's shared ones.</summary>
    public ulong Pending
    {
        get
        {
            ulong shared = Shared?.Pending ?? 0;
            lock (gate) return pending | shared;
        }
    }

    /// <summary>The mask sigsuspend replaced, to be restored when its signal has been handled (Linux's
    /// saved_sigmask): a handler frame saves this one instead of the temporary mask.</summary>
    public ulong? SavedMask { get; set; }

    /// <summary>The mask a signal frame saves and sigreturn restores (Linux's sigmask_to_save).</summary>
    public ulong MaskToSave => SavedMask ?? Blocked;

    /// <summary>sigaltstack as recorded.</summary>
    public (uint Pointer, uint Flags, uint Size) AltStack { get; set; } = (0, 2 /* SS_DISABLE */, 0);

    /// <summary>Called when a signal that is not blocked becomes pending, on the posting thread: the
    /// process makes its running CPU leave guest code so the signal is delivered promptly. It runs
    /// under the lock, so once it is replaced (by null when the CPU state goes away) it is not running.</summary>
    public Action? Interrupt
    {
        get { lock (gate) return interrupt; }
        set { lock (gate) interrupt = value; }
    }

    /// <summary>Told of each signal made pending, on the posting thread and under the state's lock, so a
    /// handler may only take locks that are never held while this state's is taken (a guest signalfd
    /// marks itself readable).</summary>
    public event Action<int>? Posted;

    /// <summary>Every signal's disposition, indexed by guest signal number (0 unused).</summary>
    public GuestSigaction[] Dispositions()
    {
        lock (actions) return (GuestSigaction[])actions.Clone();
    }

    /// <summary>A fork child's signal state: the parent's dispositions and mask, nothing pending (as Linux).</summary>
    public static SignalState Inherit(IReadOnlyList<GuestSigaction> dispositions, ulong blocked)
    {
        var state = new SignalState { Blocked = blocked };
        for (int i = 0; i < Math.Min(dispositions.Count, state.actions.Length); i++) state.actions[i] = dispositions[i];
        return state;
    }

    /// <summary>
    /// What execve does to the signals: handled signals go back to SIG_DFL (the handlers are gone with
    /// the old image), ignored ones stay ignored, the mask and pending set stay, the alternate stack goes.
    /// </summary>
    public void ResetForExec()
    {
        lock (actions)
            for (int i = 1; i < actions.Length; i++)
                if (!actions[i].IsIgnored) actions[i] = default;
        AltStack = (0, 2 /* SS_DISABLE */, 0);
        SavedMask = null;
    }

    /// <summary>Makes a signal pending unless its disposition discards it (SIG_IGN, or SIG_DFL when
    /// the default action is to ignore). Wakes waiters; false when discarded. Any thread.</summary>
    public bool Post(SignalInfo info, bool defaultIgnores)
    {
        lock (gate)
        {
            var action = this[info.Signal];
            if (action.IsIgnored || (action.IsDefault && defaultIgnores)) return false;
            // Standard and real-time signals alike are kept once (no queue of real-time ones yet).
            if ((pending & Bit(info.Signal)) == 0) pendingInfo[info.Signal] = info;
            pending |= Bit(info.Signal);
            Posted?.Invoke(info.Signal);
            if ((Blocked & Bit(info.Signal)) == 0) interrupt?.Invoke();
            Monitor.PulseAll(gate);
        }
        return true;
    }

    /// <summary>Forgets a pending signal (its disposition became SIG_IGN).</summary>
    public void Discard(int signal)
    {
        lock (gate)
        {
            pending &= ~Bit(signal);
            pendingInfo[signal] = null;
        }
    }

    /// <summary>Pending without taking a lock (a futex waiter asks under the futex table's lock, which a post takes under this one's).</summary>
    public ulong PendingNow => Volatile.Read(ref pending) | (Shared is { } shared ? Volatile.Read(ref shared.pending) : 0);

    /// <summary>The lowest pending signal (this thread's or the shared set's) that is not blocked, left pending; 0 if none.</summary>
    public int PeekDeliverable()
    {
        ulong ready = Pending & ~Blocked;
        return ready == 0 ? 0 : System.Numerics.BitOperations.TrailingZeroCount(ready) + 1;
    }

    /// <summary>Takes the lowest pending signal that is not blocked, if any.</summary>
    public SignalInfo? TakeDeliverable() => Take(~Blocked);

    /// <summary>Takes the lowest pending signal of the set, if any (sigtimedwait's dequeue).</summary>
    public SignalInfo? Take(ulong set) => TakeOwn(set) ?? Shared?.TakeOwn(set);

    // Never under this lock into the shared set's: a post to the shared set wakes the threads under its lock.
    SignalInfo? TakeOwn(ulong set)
    {
        if (Volatile.Read(ref pending) == 0) return null;
        lock (gate)
        {
            ulong ready = pending & set;
            if (ready == 0) return null;
            int signal = System.Numerics.BitOperations.TrailingZeroCount(ready) + 1;
            pending &= ~Bit(signal);
            var info = pendingInfo[signal] ?? new SignalInfo(signal, HostSignals.SI_USER);
            pendingInfo[signal] = null;
            return info;
        }
    }

    /// <summary>
    /// Blocks the calling thread until one of the signals in wake is pending (true) or timeoutNs
    /// nanoseconds have passed (false; a negative timeout waits forever). remainingNs is the time
    /// left when a signal ended the wait.
    /// </summary>
    public bool WaitFor(ulong wake, long timeoutNs, out long remainingNs)
    {
        remainingNs = 0;
        long deadline = timeoutNs < 0 ? long.MaxValue : Stopwatch.GetTimestamp() + NsToTicks(timeoutNs);
        long left;
        lock (gate)
        {
            while (true)
            {
                left = deadline == long.MaxValue ? long.MaxValue : deadline - Stopwatch.GetTimestamp();
                if (((pending | (Shared is { } shared ? Volatile.Read(ref shared.pending) : 0)) & wake) != 0 || Aborted?.Invoke() == true)
                {
                    remainingNs = deadline == long.MaxValue ? 0 : TicksToNs(Math.Max(left, 0));
                    return true;
                }
                if (left == long.MaxValue) { Monitor.Wait(gate); continue; }
                if (left <= 0) return false;
                long ms = left * 1000 / Stopwatch.Frequency;
                if (ms == 0) break;
                Monitor.Wait(gate, (int)Math.Min(ms, int.MaxValue));
            }
        }
        // Less than a millisecond left (the monitor's resolution): sleep the rest on the host.
        var rest = new HostTimespec { Nanoseconds = TicksToNs(left) };
        unsafe { clock_nanosleep(CLOCK_MONOTONIC, 0, &rest, null); }
        return false;
    }

    static long NsToTicks(long ns) => (long)((decimal)ns * Stopwatch.Frequency / 1_000_000_000m);
    static long TicksToNs(long ticks) => (long)((decimal)ticks * 1_000_000_000m / Stopwatch.Frequency);
}
