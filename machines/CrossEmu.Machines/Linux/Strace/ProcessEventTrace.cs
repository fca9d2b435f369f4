using CrossEmu.Machines.Linux.Signals;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>
/// The -strace lines that are not system calls, in strace's form: a signal delivered
/// (`--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x4} ---`) and the end of the
/// process (`+++ exited with 1 +++`, `+++ killed by SIGSEGV +++`).
/// </summary>
public static class ProcessEventTrace
{
    public static void Signal(LinuxProcess p, SignalInfo info)
    {
        var names = GuestNames.Of(p.Abi);
        string name = names.Signal(info.Signal);
        int host = p.Abi.ToHostSignal(info.Signal);
        string details = info.Code > 0 && info.Code != HostSignals.SI_KERNEL && IsFault(host)
            ? $"si_addr={(info.Address == 0 ? "NULL" : $"0x{info.Address:x}")}"
            : $"si_pid={info.Pid}, si_uid={info.Uid}";
        p.LogWriter.WriteLine($"{p.Pid} --- {name} {{si_signo={name}, si_code={CodeName(host, info.Code)}, {details}}} ---");
    }

    public static void Exited(LinuxProcess p, int status) => p.LogWriter.WriteLine($"{p.Pid} +++ exited with {status} +++");

    public static void Killed(LinuxProcess p, int hostSignal) =>
        p.LogWriter.WriteLine($"{p.Pid} +++ killed by {SignalNames.OfHost(hostSignal)} +++");

    static bool IsFault(int host) =>
        host is HostSignals.SIGSEGV or HostSignals.SIGBUS or HostSignals.SIGILL or HostSignals.SIGFPE or HostSignals.SIGTRAP;

    /// <summary>si_code by name: the generic sources, then each fault signal's own codes (asm-generic/siginfo.h).</summary>
    static string CodeName(int host, int code) => code switch
    {
        0 => "SI_USER",
        0x80 => "SI_KERNEL",
        -1 => "SI_QUEUE",
        -2 => "SI_TIMER",
        -6 => "SI_TKILL",
        _ when code > 0 && FaultCodes.GetValueOrDefault(host) is { } codes && code <= codes.Length => codes[code - 1],
        _ => code.ToString(),
    };

    static readonly Dictionary<int, string[]> FaultCodes = new()
    {
        [HostSignals.SIGSEGV] = ["SEGV_MAPERR", "SEGV_ACCERR"],
        [HostSignals.SIGBUS] = ["BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR"],
        [HostSignals.SIGILL] = ["ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK"],
        [HostSignals.SIGFPE] = ["FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB"],
        [HostSignals.SIGTRAP] = ["TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT"],
    };
}
