using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Mips;

/// <summary>
/// The MIPS flag words and small enumerations that differ from the host's, from the kernel's
/// arch/mips/include/uapi/asm headers (fcntl.h, mman.h, signal.h, resource.h, poll.h).
/// </summary>
static class MipsFlags
{
    /// <summary>O_* (asm/fcntl.h). O_TRUNC, O_DIRECTORY, O_NOFOLLOW, O_NOATIME, O_CLOEXEC, O_PATH agree.
    /// 0x40 means nothing on MIPS and must not pass through as the host's O_CREAT.</summary>
    public static readonly FlagMap Open = new(
        (Guest: 0x0040 /* unused */, Host: 0),
        (Guest: 0x0008 /* O_APPEND */, Host: 0x400),
        (Guest: 0x0010 /* O_DSYNC */, Host: 0x1000),
        (Guest: 0x0080 /* O_NONBLOCK */, Host: 0x800),
        (Guest: 0x0100 /* O_CREAT */, Host: 0x40),
        (Guest: 0x0400 /* O_EXCL */, Host: 0x80),
        (Guest: 0x0800 /* O_NOCTTY */, Host: 0x100),
        (Guest: 0x1000 /* FASYNC */, Host: 0x2000),
        (Guest: 0x2000 /* O_LARGEFILE */, Host: 0x8000),
        (Guest: 0x4000 /* __O_SYNC (O_SYNC = 0x4010) */, Host: 0x100000),
        (Guest: 0x8000 /* O_DIRECT */, Host: 0x4000));

    /// <summary>MAP_* (asm/mman.h). MAP_SHARED/PRIVATE, MAP_FIXED and MAP_FIXED_NOREPLACE agree; the IRIX
    /// bits 0x20-0x100 mean nothing to Linux and are dropped rather than passed on as host flags.</summary>
    public static readonly FlagMap Mmap = new(
        (Guest: 0x20 /* MAP_RENAME */, Host: 0),
        (Guest: 0x40 /* MAP_AUTOGROW */, Host: 0),
        (Guest: 0x80 /* MAP_LOCAL */, Host: 0),
        (Guest: 0x100 /* MAP_AUTORSRV */, Host: 0),
        (Guest: 0x400 /* MAP_NORESERVE */, Host: 0x4000),
        (Guest: 0x800 /* MAP_ANONYMOUS */, Host: 0x20),
        (Guest: 0x1000 /* MAP_GROWSDOWN */, Host: 0x100),
        (Guest: 0x2000 /* MAP_DENYWRITE */, Host: 0x800),
        (Guest: 0x4000 /* MAP_EXECUTABLE */, Host: 0x1000),
        (Guest: 0x8000 /* MAP_LOCKED */, Host: 0x2000),
        (Guest: 0x10000 /* MAP_POPULATE */, Host: 0x8000),
        (Guest: 0x20000 /* MAP_NONBLOCK */, Host: 0x10000),
        (Guest: 0x40000 /* MAP_STACK */, Host: 0x20000),
        (Guest: 0x80000 /* MAP_HUGETLB */, Host: 0x40000));

    /// <summary>SA_* (asm/signal.h). MIPS has no SA_RESTORER; bits 2 and 4 are unused there and must not
    /// turn into the host's SA_NOCLDWAIT and SA_SIGINFO.</summary>
    public static readonly FlagMap Sigaction = new(
        (Guest: 0x2, Host: 0),
        (Guest: 0x4, Host: 0),
        (Guest: 0x8 /* SA_SIGINFO */, Host: 0x4),
        (Guest: 0x10000 /* SA_NOCLDWAIT */, Host: 0x2));

    /// <summary>SIG_BLOCK = 1, SIG_UNBLOCK = 2, SIG_SETMASK = 3 to the generic 0, 1, 2 (others stay invalid).</summary>
    public static int ToHostSigprocmaskHow(int how) => how is >= 1 and <= 3 ? how - 1 : -1;

    // fcntl commands (asm/fcntl.h) that differ from the asm-generic 32-bit numbering.
    const int F_GETLK = 14, F_SETOWN = 24, F_GETOWN = 23, F_GETLK64 = 33, F_SETLK64 = 34, F_SETLKW64 = 35;

    /// <summary>fcntl command to the generic numbering. The generic numbers MIPS does not use for the same
    /// thing (5, 8, 9, 12, 13) become invalid.</summary>
    public static int ToGenericFcntl(int command) => command switch
    {
        F_GETLK => 5,
        F_SETOWN => 8,
        F_GETOWN => 9,
        F_GETLK64 => 12,
        F_SETLK64 => 13,
        F_SETLKW64 => 14,
        5 or 8 or 9 or 12 or 13 => -1,
        _ => command,
    };

    /// <summary>RLIMIT_* (asm/resource.h): NOFILE 5, AS 6, RSS 7, NPROC 8, MEMLOCK 9 against the host's 7, 9, 5, 6, 8.</summary>
    public static int ToHostRlimitResource(int resource) => resource switch
    {
        5 => 7,
        6 => 9,
        7 => 5,
        8 => 6,
        9 => 8,
        _ => resource,
    };

    // poll events (asm/poll.h): POLLWRNORM is POLLOUT (4) and POLLWRBAND 0x100; the host's are 0x100 and 0x200.
    const ushort POLLOUT = 4, MipsPollWrBand = 0x100, HostPollWrNorm = 0x100, HostPollWrBand = 0x200;

    public static ushort ToHostPollEvents(ushort events) =>
        (ushort)((events & ~MipsPollWrBand) | ((events & MipsPollWrBand) != 0 ? HostPollWrBand : 0));

    public static ushort ToGuestPollEvents(ushort events) =>
        (ushort)((events & ~(HostPollWrNorm | HostPollWrBand)) | ((events & HostPollWrNorm) != 0 ? POLLOUT : 0)
            | ((events & HostPollWrBand) != 0 ? MipsPollWrBand : 0));
}
