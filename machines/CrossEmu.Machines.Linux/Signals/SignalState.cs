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
/// Per-process signal bookkeeping in guest numbering: handlers, blocked and pending sets, sigaltstack.
/// Other threads (interval timers) post signals, so dispositions and the pending set live under a lock,
/// and a thread blocked in sigsuspend, pause or nanosleep waits on that lock until a signal it cares
/// about is posted. The blocked mask belongs to the guest thread: only it changes the mask.
/// </summary>
public sealed class SignalState
{
    readonly object gate = new();
    readonly GuestSigaction[] actions = new GuestSigaction[HostSignals.Count + 1];
    readonly SignalInfo?[] pendingInfo = new SignalInfo?[HostSignals.Count + 1];
    ulong pending;
    ulong blocked;
    Action? interrupt;

    public static ulong Bit(int signal) => 1UL << (signal - 1);
    public static bool IsValid(int signal) => signal >= 1 && signal <= HostSignals.Count;

    public GuestSigaction this[int signal]
    {
        get { lock (gate) return actions[signal]; }
        set { lock (gate) actions[signal] = value; }
    }

    public ulong Blocked
    {
        get => Volatile.Read(ref blocked);
        set => Volatile.Write(ref blocked, value);
    }

    public ulong Pending { get { lock (gate) return pending; } }

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
        lock (gate) return (GuestSigaction[])actions.Clone();
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
        lock (gate)
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
            var action = actions[info.Signal];
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

    /// <summary>Takes the lowest pending signal that is not blocked, if any.</summary>
    public SignalInfo? TakeDeliverable() => Take(~Blocked);

    /// <summary>Takes the lowest pending signal of the set, if any (sigtimedwait's dequeue).</summary>
    public SignalInfo? Take(ulong set)
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
                if ((pending & wake) != 0)
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
