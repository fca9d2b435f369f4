using System.Runtime.InteropServices;
using CrossEmu.Isa.Host;
using CrossEmu.Isa.State;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Threads;

namespace CrossEmu.Machines.Linux;

/// <summary>The process's threads: each guest thread runs on a host thread of its own, on the shared engine.</summary>
public sealed unsafe partial class LinuxProcess
{
    GuestExecutor? executor;

    /// <summary>Set while a debugger (gdb) drives the threads: their loops run guest code through it.</summary>
    public IThreadDebugger? Debugger
    {
        get => Volatile.Read(ref debugger);
        set => Volatile.Write(ref debugger, value);
    }
    IThreadDebugger? debugger;

    readonly Dictionary<int, GuestThread> threads = new();
    readonly ManualResetEventSlim allThreadsGone = new(false);

    /// <summary>The process's futexes (host futexes on guest memory; the table holds no state of its own).</summary>
    public FutexTable Futexes => futexes ??= new FutexTable(Memory, AddressSpace.Shared);
    FutexTable? futexes;

    /// <summary>Called once when the guest starts its second thread (the engine then locks its translation state).</summary>
    public Action? ThreadsStarting { get; set; }
    bool threadsStarted;

    /// <summary>The comm of the guest thread the caller runs (the process's, from another thread): a new thread or
    /// a fork child starts with it.</summary>
    public byte[] CurrentThreadName() => (GuestThread.Current is { } t && t.Process == this ? t.Name : ThreadName).ToArray();

    public GuestThread? FindThread(int tid)
    {
        lock (threads) return threads.GetValueOrDefault(tid);
    }

    public int ThreadCount
    {
        get { lock (threads) return threads.Count; }
    }

    void AddThread(GuestThread t)
    {
        if (mainSignals.Shared == null) CreateSharedPending();
        lock (threads) threads[t.Tid] = t;
        var header = (CpuHeader*)t.State;
        // A signal posted from another thread makes this one leave guest code at the next block
        // boundary, or interrupts its blocking host call (a futex wait too); it is then delivered like any other.
        t.Signals.Interrupt = () =>
        {
            CpuHeader.RequestRuntime(header);
            t.InterruptBlockingCall();
        };
        t.Signals.Aborted = () => HasExited || PendingExec != null || t.Exited;
        Debugger?.ThreadStarted(t);
    }

    /// <summary>Runs one guest thread until it exits or the process ends (on the calling host thread).</summary>
    void RunThread(GuestThread t)
    {
        GuestThread.Current = t;
        t.NameHostThread();
        t.HostThread = Libc.pthread_self();
        void* state = (void*)t.State;
        try
        {
            while (!HasExited && PendingExec == null && !t.Exited)
            {
                if (Debugger is { } d)
                {
                    d.RunUntilStop(t);
                    continue;
                }
                var reason = executor!(state);
                HandleExit(state, reason);
                if (!HasExited && PendingExec == null && !t.Exited) SignalDelivery.DeliverPending(this, state);
            }
        }
        finally
        {
            Debugger?.ThreadLeaving(t);
            t.Signals.Interrupt = null;
            GuestThread.Current = null;
            bool last;
            lock (threads)
            {
                threads.Remove(t.Tid);
                last = threads.Count == 0;
            }
            if (last) allThreadsGone.Set();
        }
    }

    /// <summary>
    /// clone with CLONE_THREAD: a new guest thread on a copy of the caller's registers (clone returns 0
    /// in it), on its own stack and TLS. Returns its tid once it is registered (-EAGAIN when no host thread
    /// can be made); it starts running when the parent's settid writes are done.
    /// </summary>
    public int StartThread(void* parentState, uint newStack, uint? tls, Action<GuestThread> beforeRun)
    {
        int size = Launch?.StateSize ?? throw new InvalidOperationException("threads need a launched process");
        if (!threadsStarted)
        {
            threadsStarted = true;
            ThreadsStarting?.Invoke();
        }
        void* state = NativeMemory.AlignedAlloc((nuint)size, 64);
        new ReadOnlySpan<byte>(parentState, size).CopyTo(new Span<byte>(state, size));
        var header = (CpuHeader*)state;
        header->ExitRequest = 0;
        header->LinkValid = 0;   // the new thread holds no exclusive monitor
        header->InsnCount = 0;
        Abi.WriteSyscallResult(state, 0);
        if (newStack != 0) Abi.SetStackPointer(state, newStack);
        if (tls is { } pointer) Abi.SetThreadPointer(state, pointer);
        var t = new GuestThread(this, 0, state, Signals.ForNewThread()) { Name = CurrentThreadName() };
        // Not disposed: the new thread may reach registered.Wait() only after this method returned, and a
        // disposed event throws there. Nothing reads their WaitHandle, so they hold no kernel event to free.
        var started = new ManualResetEventSlim(false);
        var registered = new ManualResetEventSlim(false);
        var host = new Thread(() =>
        {
            t.Tid = Libc.gettid();
            started.Set();
            registered.Wait();
            try { RunThread(t); }
            finally { NativeMemory.AlignedFree(state); }
        }) { IsBackground = true, Name = "CrossEmu guest thread" };
        try { host.Start(); }
        catch (Exception e) when (e is OutOfMemoryException or ThreadStartException)
        {
            NativeMemory.AlignedFree(state);
            return -Errno.EAGAIN;   // clone's answer when the kernel cannot make the task (RLIMIT_NPROC, memory)
        }
        started.Wait();
        AddThread(t);
        beforeRun(t);
        registered.Set();
        return t.Tid;
    }

    /// <summary>
    /// The exit syscall: this thread ends (its clear_child_tid is zeroed and woken, its robust futexes
    /// marked), or the process when it was the last thread, with this status.
    /// </summary>
    public void ExitThread(GuestThread? t, int status)
    {
        bool last;
        lock (threads) last = t == null || threads.Count <= 1 || !threads.ContainsKey(t.Tid);
        if (last)
        {
            Exit(status);
            return;
        }
        ThreadDeath.Release(this, t!);
        t!.Exited = true;
    }

    /// <summary>After the main thread's loop: the process lives on while another thread runs (the main
    /// thread called exit, not exit_group). Then every thread is stopped and gone before memory goes.</summary>
    void WaitForOtherThreads()
    {
        while (ThreadCount > 0 && !HasExited && PendingExec == null) allThreadsGone.Wait(50);
        StopAllThreads();
        if (ThreadCount > 0 && !allThreadsGone.Wait(StopTimeoutMs) && OwnsHostProcess)
        {
            // A thread is blocked in a host call that nothing can interrupt: the process ends anyway.
            LogWriter.Flush();
            if (Launch?.ForkChild == true && TerminatingSignal is { } signal) Processes.HostDeath.DieBy(signal);
            Environment.Exit(ExitCode ?? 0);
        }
    }

    const int StopTimeoutMs = 2000;

    /// <summary>Makes every thread leave guest code and every wait end (exit_group, a fatal signal, execve).</summary>
    void StopAllThreads()
    {
        foreach (var t in AllThreads())
        {
            CpuHeader.RequestRuntime((CpuHeader*)t.State);
            t.Signals.WakeWaiters();
            t.InterruptBlockingCall();
        }
    }

    /// <summary>Where a process-directed signal goes: the main thread unless it blocks the signal, else the
    /// first thread that does not (Linux's complete_signal); the shared pending set when all block it.</summary>
    public SignalState SignalsFor(int guestSignal)
    {
        lock (threads)
        {
            if (threads.Count == 0 || (mainSignals.Blocked & SignalState.Bit(guestSignal)) == 0) return mainSignals;
            foreach (var t in threads.Values)
                if (!t.Exited && (t.Signals.Blocked & SignalState.Bit(guestSignal)) == 0) return t.Signals;
            return mainSignals.Shared ?? mainSignals;
        }
    }

    /// <summary>The shared pending set, made with the main thread's state: a signal posted there wakes every thread.</summary>
    void CreateSharedPending()
    {
        var shared = mainSignals.NewSharedSet();
        shared.Interrupt = () =>
        {
            foreach (var t in AllThreads())
            {
                CpuHeader.RequestRuntime((CpuHeader*)t.State);
                t.Signals.WakeWaiters();
                t.InterruptBlockingCall();
            }
        };
        mainSignals.Shared = shared;
    }

    List<GuestThread> AllThreads()
    {
        lock (threads) return threads.Values.ToList();
    }
}
