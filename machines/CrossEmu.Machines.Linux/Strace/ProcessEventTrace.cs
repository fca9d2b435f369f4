using CrossEmu.Machines.Linux.Signals;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>
/// The -strace lines that are not system calls, in strace's form: a signal delivered
/// (`--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x4} ---`) and the end of the
/// process (`+++ exited with 1 +++`, `+++ killed by SIGSEGV +++`).
/// </summary>
public static class ProcessEventTrace
{
    public static void Signal(LinuxProcess p, SignalInfo info) =>
        p.LogWriter.WriteLine($"{p.Pid} --- {GuestNames.Of(p.Abi).Signal(info.Signal)} " +
            $"{SignalFormats.SiginfoText(p.Abi, info.Signal, info.Code, info.Address, info.Pid, info.Uid)} ---");

    public static void Exited(LinuxProcess p, int status) => p.LogWriter.WriteLine($"{p.Pid} +++ exited with {status} +++");

    public static void Killed(LinuxProcess p, int hostSignal) =>
        p.LogWriter.WriteLine($"{p.Pid} +++ killed by {SignalNames.OfHost(hostSignal)} +++");
}
