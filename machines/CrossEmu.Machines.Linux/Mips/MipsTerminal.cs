using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Mips;

/// <summary>
/// MIPS terminal ioctls (asm/ioctls.h, with _IOC_READ = 2 and _IOC_WRITE = 4 in the top three bits) and
/// struct termios (asm/termbits.h: NCCS 23, its own c_cc order, three c_lflag bits moved).
/// </summary>
static class MipsTerminal
{
    // (MIPS request, host request) for the requests the runtime serves.
    static readonly Dictionary<uint, uint> HostRequest = new()
    {
        [0x540d] = 0x5401,     // TCGETS
        [0x540e] = 0x5402,     // TCSETS
        [0x540f] = 0x5403,     // TCSETSW
        [0x5410] = 0x5404,     // TCSETSF
        [0x40087468] = 0x5413, // TIOCGWINSZ = _IOR('t', 104, struct winsize)
        [0x80087467] = 0x5414, // TIOCSWINSZ = _IOW('t', 103, struct winsize)
        [0x40047477] = 0x540f, // TIOCGPGRP = _IOR('t', 119, int)
        [0x80047476] = 0x5410, // TIOCSPGRP = _IOW('t', 118, int)
        [0x467f] = 0x541b,     // FIONREAD
        [0x667e] = 0x5421,     // FIONBIO
        [0x6601] = 0x5451,     // FIOCLEX
        [0x6602] = 0x5450,     // FIONCLEX
    };

    /// <summary>The host request, or 0 (served by nobody: ENOTTY) for one the runtime does not know; MIPS
    /// numbers must never pass through, since they mean other things on the host (0x5410 is TIOCSPGRP there).</summary>
    public static uint ToHostIoctl(uint request) => HostRequest.GetValueOrDefault(request);

    // MIPS c_cc index of each host (generic) one: VINTR, VQUIT, VERASE, VKILL, VEOF, VTIME, VMIN, VSWTC,
    // VSTART, VSTOP, VSUSP, VEOL, VREPRINT, VDISCARD, VWERASE, VLNEXT, VEOL2; host slots 17, 18 are unused.
    static readonly int[] GuestCcIndex = [0, 1, 2, 3, 16, 5, 4, 7, 8, 9, 10, 17, 12, 13, 14, 15, 6, -1, -1];

    public static readonly TermiosConverter Termios = new(guestNccs: 23, GuestCcIndex, new FlagMap(
        (Guest: 0x100 /* IEXTEN */, Host: 0x8000),
        (Guest: 0x2000 /* FLUSHO */, Host: 0x1000),
        (Guest: 0x8000 /* TOSTOP */, Host: 0x100)));
}
