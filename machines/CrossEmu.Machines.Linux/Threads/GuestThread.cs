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

    /// <summary>CLONE_CHILD_CLEARTID / set_tid_address: zeroed and futex-woken when the thread exits (pthread_join waits on it).</summary>
    public uint ClearChildTid { get; set; }

    /// <summary>set_robust_list's head: the futexes this thread holds, marked FUTEX_OWNER_DIED at its death.</summary>
    public uint RobustList { get; set; }

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
