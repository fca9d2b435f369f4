using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Syscalls;

namespace CrossEmu.Machines.Linux.Threads;

/// <summary>
/// One guest thread: its id, CPU state (unmanaged, never moves), signal mask and pending set, its
/// syscall context, and what Linux keeps per task for thread exit (clear_child_tid, the robust list).
/// Each runs on a host thread of its own; Current is the guest thread the calling host thread runs.
/// </summary>
public sealed unsafe class GuestThread
{
    public GuestThread(LinuxProcess process, int tid, void* state, SignalState signals)
    {
        Process = process;
        Tid = tid;
        State = (nint)state;
        Signals = signals;
        Syscall = new SyscallContext(process, this);
    }

    public LinuxProcess Process { get; }
    public int Tid { get; set; }
    public nint State { get; }
    public SignalState Signals { get; }
    public SyscallContext Syscall { get; }

    /// <summary>The thread's comm (prctl PR_SET_NAME), 16 bytes NUL-padded; a new thread starts with its creator's.</summary>
    public byte[] Name { get; set; } = new byte[16];

    /// <summary>Makes the host thread running this guest thread carry its name (/proc/PID/task/TID/comm, and
    /// /proc/PID/comm for the main thread: what ps, top and pkill see, and the guest's own /proc/self/comm).
    /// Only when the guest owns its host process: test processes keep their thread names.</summary>
    public unsafe void NameHostThread()
    {
        if (!Process.OwnsHostProcess) return;
        fixed (byte* name = Name) CrossEmu.Isa.Host.Libc.prctl(CrossEmu.Isa.Host.Libc.PR_SET_NAME, name, 0, 0, 0);
    }

    /// <summary>CLONE_CHILD_CLEARTID / set_tid_address: zeroed and futex-woken when the thread exits (pthread_join waits on it).</summary>
    public uint ClearChildTid { get; set; }

    /// <summary>set_robust_list's head: the futexes this thread holds, marked FUTEX_OWNER_DIED at its death.</summary>
    public uint RobustList { get; set; }

    /// <summary>The host thread (pthread_t) running this guest thread, for CallInterrupter.</summary>
    public nuint HostThread { get; set; }

    int blocking, generation;

    /// <summary>A blocking host call is about to be made for the guest (read on a pipe, wait4...). A full fence:
    /// the caller looks at the pending signals after it, and a poster looks at this after posting (Dekker).</summary>
    public void EnterBlockingCall() => Interlocked.Exchange(ref blocking, 1);

    public void LeaveBlockingCall()
    {
        Volatile.Write(ref blocking, 0);
        Interlocked.Increment(ref generation);
    }

    /// <summary>
    /// A signal was posted to this thread: if it is in a blocking host call, that call must return
    /// EINTR. The interrupt may land just before the call starts, so it is repeated every millisecond
    /// (on the thread pool) until the call is left, for at most 100 ms.
    /// </summary>
    public void InterruptBlockingCall()
    {
        Interlocked.MemoryBarrier();   // the signal just posted is visible before blocking is read
        if (Volatile.Read(ref blocking) == 0 || HostThread == 0) return;
        int seen = Volatile.Read(ref generation);
        CallInterrupter.Kick(HostThread);
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            for (int i = 0; i < 100 && Volatile.Read(ref blocking) != 0 && Volatile.Read(ref generation) == seen; i++)
            {
                Thread.Sleep(1);
                if (Volatile.Read(ref blocking) != 0 && Volatile.Read(ref generation) == seen) CallInterrupter.Kick(HostThread);
            }
        }, null);
    }

    /// <summary>Set when the thread called exit: its loop ends at the next exit from guest code.</summary>
    public volatile bool Exited;

    [ThreadStatic] static GuestThread? current;

    /// <summary>The guest thread the calling host thread runs, if any.</summary>
    public static GuestThread? Current
    {
        get => current;
        set => current = value;
    }
}
