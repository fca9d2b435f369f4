using CrossEmu.Isa;
using CrossEmu.Isa.Host;
using static CrossEmu.Isa.Host.HostSignals;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>
/// Linux's signal rules for one single-threaded process: synchronous faults are forced (a blocked
/// or ignored fault signal kills), asynchronous ones wait while blocked, SIG_DFL applies the
/// default action (termination exits with 128+signal), handlers get an ABI signal frame.
/// </summary>
public static unsafe class SignalDelivery
{
    /// <summary>A synchronous signal caused by the instruction at the current pc (fault, trap).</summary>
    public static void Force(LinuxProcess p, void* state, SignalInfo info)
    {
        var action = p.Signals[info.Signal];
        if ((p.Signals.Blocked & SignalState.Bit(info.Signal)) != 0 || action.IsIgnored)
        {
            // Like the kernel's force_sig: a fault the guest cannot take is fatal.
            p.Signals[info.Signal] = action = default;
            p.Signals.Blocked &= ~SignalState.Bit(info.Signal);
        }
        Deliver(p, state, info, action);
    }

    /// <summary>An asynchronous signal to this process (kill, tgkill, a timer): delivered at the next
    /// exit, or at once when the guest is running code or waiting for a signal. Any thread.</summary>
    public static void Raise(LinuxProcess p, SignalInfo info)
    {
        int host = p.Abi.ToHostSignal(info.Signal);
        if (host == SIGKILL) { p.TerminateBySignal(host); return; }
        var target = p.SignalsFor(info.Signal);
        if (p.OwnsHostProcess && !p.IsGuestThread && ActsAtOnce(p, target, info.Signal, host)) return;
        target.Post(info, defaultIgnores: DefaultAction(host) is DefaultSignalAction.Ignore);
    }

    /// <summary>A signal to one thread (tgkill, tkill): pending on it alone.</summary>
    public static void RaiseOnThread(LinuxProcess p, Threads.GuestThread t, SignalInfo info)
    {
        int host = p.Abi.ToHostSignal(info.Signal);
        if (host == SIGKILL) { p.TerminateBySignal(host); return; }
        t.Signals.Post(info, defaultIgnores: DefaultAction(host) is DefaultSignalAction.Ignore);
    }

    /// <summary>
    /// A signal from another thread (the host forwarder, a timer) whose default action ends or stops
    /// the process, and that the guest neither handles nor blocks, acts at once, as the kernel's does:
    /// the guest may be blocked in a host call (read on a pipe, wait4) that would never let it look
    /// at its pending signals (`timeout 5 prog` or a parent's kill(child, SIGTERM) must end it).
    /// </summary>
    static bool ActsAtOnce(LinuxProcess p, SignalState target, int guestSignal, int host)
    {
        if (!target[guestSignal].IsDefault || (target.Blocked & SignalState.Bit(guestSignal)) != 0) return false;
        switch (DefaultAction(host))
        {
            case DefaultSignalAction.Terminate or DefaultSignalAction.CoreDump:
                p.TerminateBySignal(host);
                Processes.HostDeath.EndNow(p, host);
                return true;
            case DefaultSignalAction.Stop:
                Libc.kill(Environment.ProcessId, SIGSTOP);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Delivers what is pending and not blocked, on the way back to guest code. A mask that
    /// sigsuspend replaced comes back here when no handler frame took charge of restoring it.</summary>
    public static void DeliverPending(LinuxProcess p, void* state)
    {
        var signals = p.Signals;
        while (!p.HasExited && signals.TakeDeliverable() is { } info)
            Deliver(p, state, info, signals[info.Signal]);
        RestoreSavedMask(p);
    }

    /// <summary>Delivers one asynchronous signal already taken from the pending set (a debugger
    /// looked at it first), then restores a mask sigsuspend replaced, as DeliverPending does.</summary>
    public static void DeliverTaken(LinuxProcess p, void* state, SignalInfo info)
    {
        Deliver(p, state, info, p.Signals[info.Signal]);
        RestoreSavedMask(p);
    }

    /// <summary>Puts back the mask sigsuspend replaced when no handler frame took charge of it.</summary>
    public static void RestoreSavedMask(LinuxProcess p)
    {
        if (p.Signals.SavedMask is { } saved)
        {
            p.Signals.Blocked = saved;
            p.Signals.SavedMask = null;
        }
    }

    static void Deliver(LinuxProcess p, void* state, SignalInfo info, GuestSigaction action)
    {
        int host = p.Abi.ToHostSignal(info.Signal);
        if (p.Log.HasFlag(LogFlags.Int))
            p.LogWriter.WriteLine($"signal {Strace.GuestNames.Of(p.Abi).Signal(info.Signal)} ({info.Signal}, code {info.Code}, address 0x{info.Address:x8}): " +
                (action.IsIgnored ? "ignored" : action.IsDefault ? "default action" : $"handler 0x{action.Handler:x8}"));
        // strace shows every signal a traced process receives, ignored ones included.
        if (p.Strace) Strace.ProcessEventTrace.Signal(p, info);
        if (action.IsIgnored) return;
        var frames = p.Abi.SignalFrames;
        if (action.IsDefault || frames == null)
        {
            ApplyDefault(p, host);
            return;
        }
        // The frame saves the mask to restore (sigsuspend's original one); the handler runs with the
        // current mask plus its sa_mask and, unless SA_NODEFER, its own signal.
        ulong mask = p.Signals.Blocked;
        if (!frames.Setup(p, state, info, action))
        {
            p.TerminateBySignal(SIGSEGV);
            return;
        }
        p.Signals.SavedMask = null;
        mask |= action.Mask;
        if ((action.Flags & SA_NODEFER) == 0) mask |= SignalState.Bit(info.Signal);
        p.Signals.Blocked = mask & ~Unblockable(p);
        if ((action.Flags & SA_RESETHAND) != 0) p.Signals[info.Signal] = default;
    }

    static void ApplyDefault(LinuxProcess p, int hostSignal)
    {
        switch (DefaultAction(hostSignal))
        {
            case DefaultSignalAction.Terminate:
            case DefaultSignalAction.CoreDump:
                p.TerminateBySignal(hostSignal);
                break;
            case DefaultSignalAction.Stop:
                // The guest is this host process: stopping it is what a shell's job control waits for
                // (wait4 with WUNTRACED in the parent sees it stopped; SIGCONT from there resumes it).
                Libc.kill(Environment.ProcessId, SIGSTOP);
                break;
            default:
                break; // Ignore; Continue resumed the host process already.
        }
    }

    /// <summary>SIGKILL and SIGSTOP in guest numbering: never blocked.</summary>
    public static ulong Unblockable(LinuxProcess p) =>
        SignalState.Bit(p.Abi.ToGuestSignal(SIGKILL)) | SignalState.Bit(p.Abi.ToGuestSignal(SIGSTOP));
}
