using System.Text;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>fcntl and ioctl commands and their arguments, descriptor pairs and sets, pollfd arrays,
/// and the single integers a call writes back.</summary>
static class DescriptorFormats
{
    // fcntl commands in the asm-generic 32-bit numbering, which every ABI's ToGenericFcntl reaches.
    const int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7,
        F_GETOWN = 9, F_GETSIG = 11, F_GETLK64 = 12, F_SETLK64 = 13, F_SETLKW64 = 14, F_GETLEASE = 1025,
        F_DUPFD_CLOEXEC = 1030, F_GETPIPE_SZ = 1032, F_GET_SEALS = 1034;

    static readonly ValueTable FcntlCommands = new(("F_DUPFD", F_DUPFD), ("F_GETFD", F_GETFD), ("F_SETFD", F_SETFD),
        ("F_GETFL", F_GETFL), ("F_SETFL", F_SETFL), ("F_GETLK", F_GETLK), ("F_SETLK", F_SETLK), ("F_SETLKW", F_SETLKW),
        ("F_SETOWN", 8), ("F_GETOWN", F_GETOWN), ("F_SETSIG", 10), ("F_GETSIG", F_GETSIG), ("F_GETLK64", F_GETLK64),
        ("F_SETLK64", F_SETLK64), ("F_SETLKW64", F_SETLKW64), ("F_SETOWN_EX", 15), ("F_GETOWN_EX", 16),
        ("F_OFD_GETLK", 36), ("F_OFD_SETLK", 37), ("F_OFD_SETLKW", 38), ("F_SETLEASE", 1024), ("F_GETLEASE", F_GETLEASE),
        ("F_NOTIFY", 1026), ("F_DUPFD_CLOEXEC", F_DUPFD_CLOEXEC), ("F_SETPIPE_SZ", 1031), ("F_GETPIPE_SZ", F_GETPIPE_SZ),
        ("F_ADD_SEALS", 1033), ("F_GET_SEALS", F_GET_SEALS));
    static readonly FlagTable DescriptorFlags = new(("FD_CLOEXEC", 1));
    static readonly ValueTable LockTypes = new(("F_RDLCK", 0), ("F_WRLCK", 1), ("F_UNLCK", 2));
    static readonly ValueTable Whence = new(("SEEK_SET", 0), ("SEEK_CUR", 1), ("SEEK_END", 2));

    /// <summary>ioctl requests of the host (asm-generic); a guest request is named after ToHostIoctl.</summary>
    static readonly ValueTable HostIoctls = new(("TCGETS", 0x5401), ("TCSETS", 0x5402), ("TCSETSW", 0x5403),
        ("TCSETSF", 0x5404), ("TCGETA", 0x5405), ("TCSETA", 0x5406), ("TCSETAW", 0x5407), ("TCSETAF", 0x5408),
        ("TCSBRK", 0x5409), ("TCXONC", 0x540a), ("TCFLSH", 0x540b), ("TIOCEXCL", 0x540c), ("TIOCNXCL", 0x540d),
        ("TIOCSCTTY", 0x540e), ("TIOCGPGRP", 0x540f), ("TIOCSPGRP", 0x5410), ("TIOCOUTQ", 0x5411), ("TIOCSTI", 0x5412),
        ("TIOCGWINSZ", 0x5413), ("TIOCSWINSZ", 0x5414), ("TIOCMGET", 0x5415), ("TIOCMBIS", 0x5416), ("TIOCMBIC", 0x5417),
        ("TIOCMSET", 0x5418), ("FIONREAD", 0x541b), ("TIOCLINUX", 0x541c), ("TIOCCONS", 0x541d), ("FIONBIO", 0x5421),
        ("TIOCNOTTY", 0x5422), ("TIOCSETD", 0x5423), ("TIOCGETD", 0x5424), ("TIOCGSID", 0x5429),
        ("TIOCGPTN", 0x80045430), ("TIOCSPTLCK", 0x40045431), ("FIONCLEX", 0x5450), ("FIOCLEX", 0x5451), ("FIOASYNC", 0x5452));
    const uint TCGETS = 0x5401, TCSETSF = 0x5404, TIOCGPGRP = 0x540f, TIOCSPGRP = 0x5410, TIOCGWINSZ = 0x5413,
        TIOCSWINSZ = 0x5414, FIONREAD = 0x541b, FIONBIO = 0x5421, FIONCLEX = 0x5450, FIOCLEX = 0x5451;

    const int MaxPollFdsShown = 8, PollFdSize = 8;

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("fcntl_cmd", (call, v) => FcntlCommands.Find(call.Abi.ToGenericFcntl((int)v)) ?? ((int)v).ToString()),
        // After the call, since F_GETLK fills its struct in.
        new ArgumentKind("fcntl_arg", FcntlArgument, AfterCall: true),
        ArgumentKind.Value("ioctl_request", (call, v) => HostIoctls.Find(call.Abi.ToHostIoctl(v)) ?? $"0x{v:x}"),
        new ArgumentKind("ioctl_arg", IoctlArgument, AfterCall: true),
        ArgumentKind.Out("out_fds", (call, slot) => call.ReadStruct(call[slot], 8) is { } b
            ? $"[{(int)call.Struct(b).Get(Field.U32(0))}, {(int)call.Struct(b).Get(Field.U32(4))}]" : Quoting.Pointer(call[slot])),
        ArgumentKind.Pointer("fdset", FdSet),
        ArgumentKind.Pointer("pollfds", PollFds),
        ArgumentKind.Out("out_int", (call, slot) => call.ReadU32(call[slot], out uint v) ? $"[{(int)v}]" : Quoting.Pointer(call[slot])),
        ArgumentKind.Out("out_i64", (call, slot) => call.ReadStruct(call[slot], 8) is { } b
            ? $"[{(long)call.Struct(b).Get(Field.U64(0))}]" : Quoting.Pointer(call[slot])),
    ];

    public static IEnumerable<ResultKind> Results =>
    [
        new ResultKind("fcntl", FcntlResult),
        new ResultKind("poll", PollResult),
        new ResultKind("select", (_, r) => r == 0 ? "0 (Timeout)" : r.ToString()),
    ];

    static string? FcntlArgument(StraceCall call, int slot)
    {
        uint arg = call[slot];
        switch (call.Abi.ToGenericFcntl(call.Int(slot - 1)))
        {
            case F_GETFD or F_GETFL or F_GETOWN or F_GETSIG or F_GETLEASE or F_GETPIPE_SZ or F_GET_SEALS:
                return null;
            case F_SETFD: return DescriptorFlags.Format(arg);
            case F_SETFL: return FileFormats.OpenFlags(call, arg);
            case F_GETLK or F_SETLK or F_SETLKW: return Flock(call, arg, call.Structs.Flock32);
            case F_GETLK64 or F_SETLK64 or F_SETLKW64: return Flock(call, arg, call.Structs.Flock64);
            default: return ((int)arg).ToString();
        }
    }

    static string Flock(StraceCall call, uint address, FlockLayout l)
    {
        if (call.ReadStruct(address, l.Size) is not { } bytes) return Quoting.Pointer(address);
        var s = call.Struct(bytes);
        return $"{{l_type={LockTypes.Format((short)s.Get(l.Type))}, l_whence={Whence.Format((short)s.Get(l.Whence))}, " +
            $"l_start={s.GetSigned(l.Start)}, l_len={s.GetSigned(l.Length)}}}";
    }

    static string FcntlResult(StraceCall call, long result) => call.Abi.ToGenericFcntl(call.Int(1)) switch
    {
        F_GETFL => $"{ScalarFormats.Hex((ulong)result)} (flags {FileFormats.OpenFlags(call, (uint)result)})",
        F_GETFD => result == 0 ? "0" : $"{ScalarFormats.Hex((ulong)result)} (flags {DescriptorFlags.Format((uint)result)})",
        _ => result.ToString(),
    };

    static string? IoctlArgument(StraceCall call, int slot)
    {
        uint address = call[slot];
        uint request = call.Abi.ToHostIoctl(call[slot - 1]);
        bool output = request is TCGETS or TIOCGWINSZ or TIOCGPGRP or FIONREAD;
        if (request is FIOCLEX or FIONCLEX) return null;
        if (address == 0 || (output && !call.Succeeded)) return Quoting.Pointer(address);
        switch (request)
        {
            case >= TCGETS and <= TCSETSF:
                if (call.ReadStruct(address, 16) is not { } t) return Quoting.Pointer(address);
                var ts = call.Struct(t);
                return $"{{c_iflag=0x{ts.Get(Field.U32(0)):x}, c_oflag=0x{ts.Get(Field.U32(4)):x}, c_cflag=0x{ts.Get(Field.U32(8)):x}, c_lflag=0x{ts.Get(Field.U32(12)):x}, ...}}";
            case TIOCGWINSZ or TIOCSWINSZ:
                if (call.ReadStruct(address, 8) is not { } w) return Quoting.Pointer(address);
                var ws = call.Struct(w);
                return $"{{ws_row={ws.Get(Field.U16(0))}, ws_col={ws.Get(Field.U16(2))}, ws_xpixel={ws.Get(Field.U16(4))}, ws_ypixel={ws.Get(Field.U16(6))}}}";
            case TIOCGPGRP or TIOCSPGRP or FIONREAD or FIONBIO:
                return call.ReadU32(address, out uint v) ? $"[{(int)v}]" : Quoting.Pointer(address);
            default:
                return Quoting.Pointer(address);
        }
    }

    // The descriptors that became ready: [{fd=0, revents=POLLIN}] (the pollfd array and its count are
    // the first two arguments).
    static string PollResult(StraceCall call, long result)
    {
        if (result == 0) return "0 (Timeout)";
        var ready = new List<string>();
        for (int i = 0; i < Math.Min(call.Int(1), MaxPollFdsShown); i++)
        {
            if (call.ReadStruct(call[0] + (uint)(i * PollFdSize), PollFdSize) is not { } b) break;
            var s = call.Struct(b);
            uint revents = (uint)s.Get(Field.U16(6));
            if (revents != 0) ready.Add($"{{fd={(int)s.Get(Field.U32(0))}, revents={call.Names.PollEvents.Format(revents)}}}");
        }
        return $"{result} ([{string.Join(", ", ready)}])";
    }

    // select's fd_set: bit n of the 32-bit word n / 32 is descriptor n; nfds is the first argument.
    static string FdSet(StraceCall call, int slot)
    {
        int nfds = Math.Clamp(call.Int(0), 0, 1024);
        var sb = new StringBuilder("[");
        for (int word = 0; word * 32 < nfds; word++)
        {
            if (!call.ReadU32(call[slot] + (uint)(4 * word), out uint bits)) return Quoting.Pointer(call[slot]);
            for (int bit = 0; bit < 32 && word * 32 + bit < nfds; bit++)
                if ((bits & (1u << bit)) != 0) sb.Append(sb.Length > 1 ? " " : "").Append(word * 32 + bit);
        }
        return sb.Append(']').ToString();
    }

    // struct pollfd { int fd; short events, revents; }; the count is the next argument.
    static string PollFds(StraceCall call, int slot)
    {
        int count = call.Int(slot + 1);
        var sb = new StringBuilder("[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(", ");
            if (i == MaxPollFdsShown) return sb.Append("...]").ToString();
            if (call.ReadStruct(call[slot] + (uint)(i * PollFdSize), PollFdSize) is not { } b) return Quoting.Pointer(call[slot]);
            var s = call.Struct(b);
            sb.Append($"{{fd={(int)s.Get(Field.U32(0))}, events={call.Names.PollEvents.Format((uint)s.Get(Field.U16(4)))}}}");
        }
        return sb.Append(']').ToString();
    }
}
