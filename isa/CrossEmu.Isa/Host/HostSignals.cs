namespace CrossEmu.Isa.Host;

/// <summary>What a signal does when its disposition is SIG_DFL.</summary>
public enum DefaultSignalAction { Terminate, CoreDump, Ignore, Stop, Continue }

/// <summary>
/// Signal numbers as the host (x86-64, asm-generic) uses them, and their default actions.
/// Guest ABIs map their own numbers onto these (identity for ARM; MIPS differs).
/// </summary>
public static class HostSignals
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8,
        SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16,
        SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24,
        SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31;

    public const int Count = 64;

    public static DefaultSignalAction DefaultAction(int hostSignal) => hostSignal switch
    {
        SIGQUIT or SIGILL or SIGTRAP or SIGABRT or SIGBUS or SIGFPE or SIGSEGV or SIGXCPU or SIGXFSZ or SIGSYS => DefaultSignalAction.CoreDump,
        SIGCHLD or SIGURG or SIGWINCH => DefaultSignalAction.Ignore,
        SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU => DefaultSignalAction.Stop,
        SIGCONT => DefaultSignalAction.Continue,
        _ => DefaultSignalAction.Terminate,
    };

    /// <summary>SA_* flag values of the host (generic) sigaction.</summary>
    public const uint SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4, SA_RESTORER = 0x04000000, SA_ONSTACK = 0x08000000,
        SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000;

    /// <summary>si_code values.</summary>
    public const int SI_USER = 0, SI_KERNEL = 0x80, SI_TKILL = -6, SEGV_MAPERR = 1, SEGV_ACCERR = 2, ILL_ILLOPC = 1, TRAP_BRKPT = 1, BUS_ADRALN = 1;

    /// <summary>si_code of a sigqueue'd signal, and SIGCHLD's codes for a child that exited or was killed.</summary>
    public const int SI_QUEUE = -1, CLD_EXITED = 1, CLD_KILLED = 2;

    /// <summary>SIGFPE si_code values (the same on every Linux ABI).</summary>
    public const int FPE_INTDIV = 1, FPE_INTOVF = 2, FPE_FLTDIV = 3, FPE_FLTOVF = 4, FPE_FLTUND = 5, FPE_FLTRES = 6,
        FPE_FLTINV = 7, FPE_FLTSUB = 8, FPE_FLTUNK = 14;

    /// <summary>64-bit words in glibc's sigset_t (1,024 bits), for sigprocmask and posix_spawnattr_setsigmask.</summary>
    public const int SigsetWords = 16;

    /// <summary>Adds a host signal to a sigset_t of SigsetWords words.</summary>
    public static unsafe void AddToSet(ulong* set, int signal) => set[(signal - 1) / 64] |= 1UL << ((signal - 1) % 64);
}
