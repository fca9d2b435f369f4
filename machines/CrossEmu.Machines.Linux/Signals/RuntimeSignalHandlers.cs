using System.Runtime.InteropServices;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>
/// The .NET runtime's System.Native installs its signal handlers lazily, the first time Console, Process or
/// PosixSignalRegistration needs them (SIGINT, SIGQUIT and SIGCONT first; SIGCHLD and SIGWINCH with Process or an
/// interactive Console; SIGTTOU while Console changes terminal settings). One installed after ours sits on top of
/// it: for SIGINT and SIGQUIT it puts ours back and re-raises the signal from its own thread, losing the sender.
/// So the forwarder makes it install the first group before installing its own; it installs each handler once.
/// The others still come late where Process or an interactive Console is first used while forwarding (measured:
/// a first Console write on a terminal takes SIGCHLD and SIGWINCH); System.Native calls the handler it displaced
/// for those with the same siginfo, so events still arrive, and Dispose leaves its handler in place.
/// </summary>
static class RuntimeSignalHandlers
{
    static bool installed;

    public static void InstallNow()
    {
        if (installed) return;
        // Registering any signal initialises System.Native's signal handling; removing the registration puts
        // SIGHUP's previous handler back, so nothing else changes.
        PosixSignalRegistration.Create(PosixSignal.SIGHUP, static _ => { }).Dispose();
        installed = true;
    }
}
