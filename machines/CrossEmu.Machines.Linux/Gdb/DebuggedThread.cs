using CrossEmu.Machines.Debugging.Gdb;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Threads;

namespace CrossEmu.Machines.Linux.Gdb;

/// <summary>What the all-stop gate keeps per guest thread under gdb. Fields are guarded by the gate's
/// lock, except those the thread itself uses while it runs (StopSignal, InSyscall).</summary>
sealed class DebuggedThread(GuestThread guest)
{
    public GuestThread Guest { get; } = guest;
    public int Tid => Guest.Tid;

    /// <summary>What the thread does at the next run (set by a resume); null: it stays stopped.</summary>
    public GdbResumeAction? Grant;

    /// <summary>The thread reported the last stop: it runs the instruction at its pc even when that holds a
    /// breakpoint (gdb resumes it from there); any other thread stops at a breakpoint before running it.</summary>
    public bool StepOverBreakpoint;

    /// <summary>Waiting at the gate: it runs no guest code until released.</summary>
    public bool AtGate;

    /// <summary>In a system call (which may block: a futex wait, a read): it counts as stopped, and goes to the
    /// gate before running guest code again. The kernel too stops a task in a syscall without ending the call.</summary>
    public volatile bool InSyscall;

    /// <summary>The signal of the thread's last stop, delivered or dropped as gdb resumes it; Fault when the
    /// instruction at pc raised it (then delivery is forced, as for any fault).</summary>
    public (SignalInfo Info, bool Fault)? StopSignal;

    /// <summary>A stop with a signal that came while another thread's stop was being reported: it is reported
    /// when this thread is next resumed, before anything runs (a breakpoint is not kept: it is met again).</summary>
    public GdbStop? Pending;
}
