using H = CrossEmu.Isa.Host.HostSignals;

namespace CrossEmu.Machines.Linux.Mips;

/// <summary>
/// MIPS signal numbers (asm/signal.h) against the host's. 1-6, 8, 9, 11, 13-15 and the real-time
/// signals from 32 agree; the rest is a permutation. SIGEMT (7) has no host counterpart and pairs with
/// the host's SIGSTKFLT, which MIPS lacks, so every guest signal has exactly one host number.
/// </summary>
static class MipsSignalNumbers
{
    public const int SIGEMT = 7, SIGBUS = 10, SIGSYS = 12, SIGUSR1 = 16, SIGUSR2 = 17, SIGCHLD = 18, SIGPWR = 19,
        SIGWINCH = 20, SIGURG = 21, SIGIO = 22, SIGSTOP = 23, SIGTSTP = 24, SIGCONT = 25, SIGTTIN = 26, SIGTTOU = 27,
        SIGVTALRM = 28, SIGPROF = 29, SIGXCPU = 30, SIGXFSZ = 31;

    /// <summary>Host number of guest signals 0..31.</summary>
    static readonly int[] HostOf = BuildHostOf();
    static readonly int[] GuestOf = Invert(HostOf);

    static int[] BuildHostOf()
    {
        var h = new int[32];
        for (int i = 0; i < 32; i++) h[i] = i;
        (int Guest, int HostNumber)[] moved =
        [
            (SIGEMT, H.SIGSTKFLT), (SIGBUS, H.SIGBUS), (SIGSYS, H.SIGSYS),
            (SIGUSR1, H.SIGUSR1), (SIGUSR2, H.SIGUSR2), (SIGCHLD, H.SIGCHLD),
            (SIGPWR, H.SIGPWR), (SIGWINCH, H.SIGWINCH), (SIGURG, H.SIGURG),
            (SIGIO, H.SIGIO), (SIGSTOP, H.SIGSTOP), (SIGTSTP, H.SIGTSTP),
            (SIGCONT, H.SIGCONT), (SIGTTIN, H.SIGTTIN), (SIGTTOU, H.SIGTTOU),
            (SIGVTALRM, H.SIGVTALRM), (SIGPROF, H.SIGPROF), (SIGXCPU, H.SIGXCPU),
            (SIGXFSZ, H.SIGXFSZ),
        ];
        foreach (var (g, host) in moved) h[g] = host;
        return h;
    }

    static int[] Invert(int[] map)
    {
        var inv = new int[map.Length];
        for (int i = 0; i < map.Length; i++) inv[map[i]] = i;
        return inv;
    }

    public static int ToHost(int guest) => guest is >= 0 and < 32 ? HostOf[guest] : guest;
    public static int ToGuest(int host) => host is >= 0 and < 32 ? GuestOf[host] : host;
}
