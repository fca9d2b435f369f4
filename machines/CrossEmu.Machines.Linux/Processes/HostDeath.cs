using CrossEmu.Isa.Host;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>How the host process ends when the guest is killed by a signal.</summary>
public static unsafe class HostDeath
{
    /// <summary>
    /// Ends this host process for a guest killed by hostSignal, from any thread: a fork child dies by the
    /// signal itself, so that its parent's wait4 sees WIFSIGNALED; the emulator started from the command
    /// line exits with 128+signal, as a shell reports it.
    /// </summary>
    public static void EndNow(LinuxProcess p, int hostSignal)
    {
        p.LogWriter.Flush();
        p.ErrorWriter.Flush();
        if (p.Launch?.ForkChild == true) DieBy(hostSignal);
        Environment.Exit(128 + hostSignal);
    }

    /// <summary>Ends this process by a host signal (no core file: the guest's would not be ours to
    /// write). Returns only if the signal does not end it.</summary>
    public static void DieBy(int hostSignal)
    {
        var noCore = new HostRlimit();
        Libc.prlimit(0, RLIMIT_CORE, &noCore, null);
        var dfl = new HostSigaction();
        Libc.sigaction(hostSignal, &dfl, null);
        ulong* empty = stackalloc ulong[HostSignals.SigsetWords];
        new Span<ulong>(empty, HostSignals.SigsetWords).Clear();
        Libc.pthread_sigmask(Libc.SIG_SETMASK, empty, null);
        Libc.kill(Environment.ProcessId, hostSignal);
        Thread.Sleep(100);
    }

    const int RLIMIT_CORE = 4;
}
