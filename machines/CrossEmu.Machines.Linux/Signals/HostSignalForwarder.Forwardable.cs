using CrossEmu.Isa.Host;
using static CrossEmu.Isa.Host.HostSignals;

namespace CrossEmu.Machines.Linux.Signals;

public sealed partial class HostSignalForwarder
{
    /// <summary>
    /// The host signals that may be forwarded: every signal Linux can deliver to a guest except
    /// - SIGKILL and SIGSTOP, which no process can catch (sigaction refuses them);
    /// - the fault signals SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGTRAP: the .NET runtime's handlers turn host faults
    ///   into NullReferenceException, DivideByZeroException, stack overflow reports and debugger breaks, and the
    ///   emulator raises these signals itself for guest faults (engine exits), so a handler of ours would break the
    ///   runtime and forward nothing the guest should see;
    /// - the real-time signals the runtime keeps: glibc's two below SIGRTMIN (32 and 33, thread cancellation and
    ///   set*id broadcast; sigaction refuses them) and SIGRTMIN itself, the CLR's activation signal (GC suspension,
    ///   thread injection). CrossEmu.Kvm's kick signal (SIGRTMIN+6) lives only in system-mode processes.
    /// Forwarding takes a signal away from the runtime's own handler for as long as it is forwarded:
    /// - SIGINT, SIGQUIT, SIGTERM: the runtime's shutdown (Console.CancelKeyPress, PosixSignalRegistration,
    ///   ProcessExit) does not run and the process is not ended; the guest decides;
    /// - SIGCHLD: System.Native reaps children started with System.Diagnostics.Process; their exits go unnoticed
    ///   (WaitForExit waits) until Dispose, which raises SIGCHLD for the runtime to look again. The user runtime does
    ///   not use Process;
    /// - SIGCONT, SIGWINCH, SIGTTOU: System.Console's terminal bookkeeping (settings re-applied after a stop, cached
    ///   window size) lapses; the guest owns the terminal then;
    /// - SIGPIPE and SIGXFSZ are sent by the kernel to CrossEmu's own failing writes too (SI_USER from its own pid):
    ///   SIGPIPE is otherwise ignored by the runtime; such writes still fail with EPIPE/EFBIG;
    /// - SIGABRT: the runtime's crash reporting; abort() still ends the process (glibc re-raises with SIG_DFL).
    /// SIGTSTP, SIGTTIN and SIGTTOU arrive as events like the others (the consumer stops the process when the guest's
    /// disposition is default). With SA_RESTART, a terminal call a background process makes is restarted and sends
    /// SIGTTIN/SIGTTOU again until the consumer stops the process or the guest's handler lets it go on.
    /// </summary>
    public static IReadOnlyList<int> Forwardable { get; } = ListForwardable();

    public static bool IsForwardable(int hostSignal) => Forwardable.Contains(hostSignal);

    /// <summary>Unblocks host signals on the calling thread (a fork child starts with the forwardable ones blocked,
    /// so that none meets the runtime's handlers before the forwarder and the guest are ready for it).</summary>
    public static unsafe void UnblockOnThisThread(IEnumerable<int> hostSignals)
    {
        ulong* mask = stackalloc ulong[SigsetWords];
        new Span<ulong>(mask, SigsetWords).Clear();
        foreach (int signal in hostSignals) AddToSet(mask, signal);
        Libc.pthread_sigmask(Libc.SIG_UNBLOCK, mask, null);
    }

    static int[] ListForwardable()
    {
        int[] notForwarded = [SIGKILL, SIGSTOP, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP];
        var standard = Enumerable.Range(1, 31).Except(notForwarded);
        int realTimeMin = Libc.__libc_current_sigrtmin(), realTimeMax = Libc.__libc_current_sigrtmax();
        // SIGRTMAX is the user runtime's own: it interrupts a guest thread's blocking host call (Threads.CallInterrupter).
        return [.. standard, .. Enumerable.Range(realTimeMin + 1, realTimeMax - realTimeMin - 1)];
    }
}
