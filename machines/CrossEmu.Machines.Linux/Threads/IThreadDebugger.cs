namespace CrossEmu.Machines.Linux.Threads;

/// <summary>
/// What drives the guest threads while a debugger is attached (LinuxProcess.Debugger): each
/// thread's loop hands itself over instead of running guest code, so the debugger decides when it
/// runs, steps and stops. Called on the guest thread's own host thread.
/// </summary>
public interface IThreadDebugger
{
    /// <summary>A thread was registered (the main thread, or one clone just made), before it runs.</summary>
    void ThreadStarted(GuestThread t);

    /// <summary>Waits until the debugger lets t run, runs it until its next stop (or until all must stop),
    /// then returns; the thread's loop calls again while the thread, the process and the debugger last.</summary>
    void RunUntilStop(GuestThread t);

    /// <summary>t leaves its loop (exited, or the process ended): its CPU state is freed next.</summary>
    void ThreadLeaving(GuestThread t);
}
