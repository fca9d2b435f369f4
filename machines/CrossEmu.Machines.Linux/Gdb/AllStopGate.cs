using CrossEmu.Isa.State;
using CrossEmu.Machines.Debugging.Gdb;
using CrossEmu.Machines.Linux.Threads;

namespace CrossEmu.Machines.Linux.Gdb;

/// <summary>
/// All-stop for gdb, as gdbserver does it with ptrace: every guest thread runs on its own host
/// thread and, between runs, waits at this gate. A resume hands each thread its action (or none:
/// it stays); the first stop in any thread (breakpoint, signal, fault, finished step) or gdb's
/// interrupt makes every other thread leave guest code at its next block, and the resume returns
/// once all wait here, or sit in a system call (they come here before running guest code again).
/// One lock guards it all; waits are timed so that the end of the process is noticed too.
/// </summary>
sealed unsafe class AllStopGate(LinuxProcess process, ThreadRunner runner) : IThreadDebugger
{
    const int PollMs = 50, StopPollMs = 5;
    readonly object gate = new();
    readonly List<DebuggedThread> threads = new();   // in start order: the main thread first
    volatile bool stopping = true;                    // the program starts stopped, before its first instruction
    volatile int generation;                          // one per resume: a thread runs for the one it was let go in
    GdbResumeAction? others;                          // the action of threads that start while the program runs
    GdbStop? stop;
    bool interrupted, released;
    int lastThread;

    bool Ended => process.HasExited || process.PendingExec != null;

    // ---- the guest threads' side ----

    public void ThreadStarted(GuestThread t)
    {
        lock (gate)
        {
            var d = new DebuggedThread(t);
            if (!stopping) d.Grant = others;
            threads.Add(d);
            if (threads.Count == 1) lastThread = t.Tid;
            Monitor.PulseAll(gate);
        }
    }

    public void ThreadLeaving(GuestThread t)
    {
        // Under the lock, so that no register access of the stub's is on its state when it is freed.
        lock (gate)
        {
            threads.RemoveAll(d => d.Guest == t);
            Monitor.PulseAll(gate);
        }
    }

    public void RunUntilStop(GuestThread t)
    {
        DebuggedThread d;
        GdbResumeAction action;
        int runFor;
        bool over;
        lock (gate)
        {
            d = threads.Find(x => x.Guest == t) ?? throw new InvalidOperationException($"thread {t.Tid} is not known to the debugger");
            d.AtGate = true;
            Monitor.PulseAll(gate);
            while (true)
            {
                if (released || Ended || t.Exited)
                {
                    d.AtGate = false;
                    return;
                }
                if (!stopping && d.Grant != null)
                {
                    if (d.Pending is not { } pending) break;
                    // A stop it had while another's was reported: reported now, and it stays here.
                    d.Pending = null;
                    d.Grant = null;
                    StopWith(pending);
                }
                Monitor.Wait(gate, PollMs);
            }
            d.AtGate = false;
            action = d.Grant!.Value;
            d.Grant = null;
            runFor = generation;
            over = d.StepOverBreakpoint;
        }
        var stopped = runner.Run(d, action, over, () => stopping || generation != runFor);
        if (stopped is { } s) Report(d, s, runFor);
    }

    void Report(DebuggedThread d, GdbStop s, int runFor)
    {
        lock (gate)
        {
            if (!stopping && runFor == generation) StopWith(s);
            else if (d.StopSignal != null) d.Pending = s;
        }
    }

    /// <summary>Under the lock: s is the stop gdb hears of; every thread is asked to stop.</summary>
    void StopWith(GdbStop s)
    {
        stop ??= s;
        stopping = true;
        Monitor.PulseAll(gate);
    }

    // ---- the stub's side ----

    /// <summary>The live threads, the main thread first.</summary>
    public IReadOnlyList<int> ThreadIds()
    {
        lock (gate) return threads.Where(d => !d.Guest.Exited).Select(d => d.Tid).ToList();
    }

    /// <summary>Calls use on the thread's CPU state while it cannot go away; false when the thread is gone.</summary>
    public bool WithState(int tid, Action<nint> use)
    {
        lock (gate)
        {
            var d = threads.Find(x => x.Tid == tid && !x.Guest.Exited);
            if (d == null) return false;
            use(d.Guest.State);
            return true;
        }
    }

    /// <summary>Waits until the main thread registered and waits at the gate (the program's first stop).</summary>
    public void WaitForFirstStop()
    {
        lock (gate)
            while (!Ended && (threads.Count == 0 || !AllStopped())) Monitor.Wait(gate, PollMs);
    }

    public GdbStop Resume(GdbResumePlan plan)
    {
        lock (gate)
        {
            if (Ended) return EndStop();
            // A stop already there for a thread gdb resumes is reported at once, and nothing runs.
            if (threads.Find(d => d.Pending != null && plan.For(d.Tid) != null) is { } early)
            {
                var pending = early.Pending!.Value;
                early.Pending = null;
                return Stopped(pending);
            }
            generation++;
            stop = null;
            interrupted = false;
            others = plan.Others;
            foreach (var d in threads)
            {
                d.Grant = plan.For(d.Tid);
                d.StepOverBreakpoint = d.Tid == lastThread;
            }
            stopping = false;
            Monitor.PulseAll(gate);
            while (stop == null && !interrupted && !Ended) Monitor.Wait(gate, PollMs);
            stopping = true;
            WaitUntilAllStopped();
            if (Ended) return EndStop();
            return Stopped(stop ?? GdbStop.Signal(GdbSignals.Int, InterruptedThread()));
        }
    }

    GdbStop Stopped(GdbStop s)
    {
        lastThread = s.Thread;
        return s;
    }

    public void RequestInterrupt()
    {
        lock (gate)
        {
            interrupted = true;
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>gdb went away: every thread runs on without it.</summary>
    public void Release()
    {
        lock (gate)
        {
            released = true;
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>The process ended (gdb's kill): the threads waiting here leave at once.</summary>
    public void Wake()
    {
        lock (gate) Monitor.PulseAll(gate);
    }

    /// <summary>Under the lock: asks every thread still in guest code to leave it (again, in case it entered the
    /// engine just after a request was taken) until all are at the gate or in a system call.</summary>
    void WaitUntilAllStopped()
    {
        while (!Ended && !AllStopped())
        {
            foreach (var d in threads)
                if (!d.AtGate && !d.InSyscall) CpuHeader.RequestRuntime((CpuHeader*)d.Guest.State);
            Monitor.Wait(gate, StopPollMs);
        }
    }

    bool AllStopped() => threads.TrueForAll(d => d.AtGate || d.InSyscall || d.Guest.Exited);

    /// <summary>The thread a Ctrl-C stop names: the main thread (where the kernel sends a process its SIGINT),
    /// else the last one that stopped, else any.</summary>
    int InterruptedThread()
    {
        var live = threads.Where(d => !d.Guest.Exited).Select(d => d.Tid).ToList();
        if (live.Contains(process.Pid)) return process.Pid;
        return live.Contains(lastThread) || live.Count == 0 ? lastThread : live[0];
    }

    GdbStop EndStop() => process.TerminatingSignal is { } host
        ? GdbStop.Killed(GdbSignals.FromHost(host))
        : GdbStop.Exited(process.ExitCode ?? 0);
}
