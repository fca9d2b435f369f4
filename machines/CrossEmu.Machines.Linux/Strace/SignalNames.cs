namespace CrossEmu.Machines.Linux.Strace;

/// <summary>Signal names in the host's (asm-generic) numbering; real-time signals by their offset.</summary>
public static class SignalNames
{
    static readonly string[] ByHostNumber =
    [
        "0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",
        "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",
        "SIGPWR", "SIGSYS",
    ];

    /// <summary>The first real-time signal: numbers from here up mean the same on every Linux ABI.</summary>
    public const int RealTimeFirst = 32;

    public static string OfHost(int hostSignal) => hostSignal switch
    {
        > 0 and < RealTimeFirst => ByHostNumber[hostSignal],
        RealTimeFirst => "SIGRTMIN",
        > RealTimeFirst and <= 128 => $"SIGRT_{hostSignal - RealTimeFirst}",
        _ => hostSignal.ToString(),
    };
}
