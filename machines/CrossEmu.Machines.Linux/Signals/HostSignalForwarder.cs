using System.Runtime.InteropServices;
using CrossEmu.Isa.Host;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>
/// Catches host signals sent to CrossEmu from outside (kill, sigqueue, a terminal's Ctrl-C, a child's exit) so the
/// guest's handlers can run instead of the host's default action. Start installs a handler for each signal
/// (SA_SIGINFO | SA_RESTART | SA_ONSTACK, empty mask) and keeps the previous sigaction; Dispose puts it back.
///
/// The handler is a few instructions of machine code (<see cref="HostSignalHandlerCode"/>) that copy the siginfo
/// into a native queue and write a wake-up byte to a pipe; one managed thread waits on the pipe and calls onSignal
/// for each arrival, in the order the handlers ran. Every handler run is one event: Linux merges a standard signal
/// sent again while pending, but each one that reaches the handler is passed on; the consumer decides what it
/// means (including stopping on SIGTSTP/SIGTTIN/SIGTTOU: the forwarder never stops the process). A queue of
/// <see cref="QueueCapacity"/> arrivals absorbs floods; when the consumer falls that far behind, arrivals are
/// counted in <see cref="Dropped"/> and not queued, so no flood blocks a handler or grows memory.
///
/// Why not the alternatives: signalfd needs the signal blocked in every thread, and the runtime's own threads
/// do not block it, so the kernel would run the default action on one of them; PosixSignalRegistration gives no
/// siginfo (no sender pid, uid, code or status), runs handlers on the thread pool in no set order, and its
/// native handler writes to a blocking pipe, so a flood the managed side cannot keep up with blocks the threads
/// the signals interrupted.
///
/// Host signal handlers belong to the process, so one forwarder runs at a time.
/// </summary>
public sealed unsafe partial class HostSignalForwarder : IDisposable
{
    /// <summary>How many arrivals wait for the consumer before further ones are dropped.</summary>
    public const int QueueCapacity = HostSignalHandlerCode.Capacity;

    static readonly object Gate = new();
    static HostSignalForwarder? running;

    readonly HostSignalQueue queue = HostSignalQueue.Shared;
    readonly Action<HostSignalEvent> onSignal;
    readonly List<(int Signal, HostSigaction Previous)> installed = [];
    readonly Thread dispatcher;
    readonly long droppedBefore;
    volatile bool stopping;
    bool disposed;

    /// <summary>The host signals forwarded.</summary>
    public IReadOnlyList<int> Signals { get; }

    /// <summary>Arrivals dropped because the queue was full.</summary>
    public long Dropped => queue.Dropped - droppedBefore;

    /// <summary>Forwards the given host signals (each one of <see cref="Forwardable"/>) to onSignal, which runs on
    /// one dedicated thread; an exception it throws is not caught (it ends the process, like any on a thread).</summary>
    public static HostSignalForwarder Start(IReadOnlyCollection<int> hostSignals, Action<HostSignalEvent> onSignal)
    {
        ArgumentNullException.ThrowIfNull(onSignal);
        int[] signals = [.. hostSignals.Distinct()];
        foreach (int signal in signals)
            if (!IsForwardable(signal)) throw new ArgumentException($"host signal {signal} is not forwardable", nameof(hostSignals));
        lock (Gate)
        {
            if (running != null) throw new InvalidOperationException("a HostSignalForwarder is running: host signal handlers are process-wide");
            RuntimeSignalHandlers.InstallNow();
            running = new HostSignalForwarder(signals, onSignal);
            return running;
        }
    }

    HostSignalForwarder(int[] signals, Action<HostSignalEvent> onSignal)
    {
        Signals = signals;
        this.onSignal = onSignal;
        // Arrivals a late handler queued after the previous forwarder stopped are nobody's.
        while (queue.TryTake(out _)) { }
        droppedBefore = queue.Dropped;
        dispatcher = new Thread(Dispatch) { IsBackground = true, Name = "crossemu host signals" };
        dispatcher.Start();
        try
        {
            foreach (int signal in signals) Install(signal);
        }
        catch
        {
            Stop();
            throw;
        }
    }

    void Install(int signal)
    {
        HostSigaction action = default, previous;
        action.Handler = queue.Handler;
        action.Flags = (int)(HostSignals.SA_SIGINFO | HostSignals.SA_RESTART | HostSignals.SA_ONSTACK);
        if (Libc.sigaction(signal, &action, &previous) != 0)
            throw new InvalidOperationException($"sigaction({signal}): {ErrnoNames.OfHost(Marshal.GetLastPInvokeError())}");
        installed.Add((signal, previous));
    }

    void Dispatch()
    {
        try
        {
            while (true)
            {
                bool last = stopping; // read before draining: Stop sets it after the handlers are restored
                while (queue.TryTake(out var arrival)) onSignal(arrival);
                if (last) return;
                queue.WaitForWake();
            }
        }
        finally
        {
            // Not under Gate: Start holds it while a failed constructor waits for this thread.
            Interlocked.CompareExchange(ref running, null, this);
        }
    }

    /// <summary>Restores the previous handlers, delivers what arrived before, and ends the dispatcher thread
    /// (waiting for it unless called from onSignal).</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (disposed) return;
            disposed = true;
        }
        Stop();
        // The runtime's SIGCHLD handler (System.Native, which reaps System.Diagnostics.Process children) missed the
        // exits of the time we held SIGCHLD; a spurious SIGCHLD makes it look at every child again.
        if (Signals.Contains(HostSignals.SIGCHLD)) Libc.kill(Environment.ProcessId, HostSignals.SIGCHLD);
    }

    void Stop()
    {
        for (int i = installed.Count - 1; i >= 0; i--) Restore(installed[i].Signal, installed[i].Previous);
        installed.Clear();
        stopping = true;
        queue.Wake();
        if (Thread.CurrentThread != dispatcher) dispatcher.Join();
    }

    /// <summary>Puts back the previous sigaction, unless someone installed a handler over ours meanwhile: theirs
    /// stays (it may call ours, which stays harmless: the code page is never freed).</summary>
    void Restore(int signal, HostSigaction previous)
    {
        HostSigaction current;
        if (Libc.sigaction(signal, null, &current) == 0 && current.Handler == queue.Handler)
            Libc.sigaction(signal, &previous, null);
    }
}
