using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>fcntl commands in the guest's numbering, the argument each takes, and what F_GETFL/F_GETFD return.</summary>
static class FcntlFormats
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

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("fcntl_cmd", (call, v) => FcntlCommands.Find(call.Abi.ToGenericFcntl((int)v)) ?? ((int)v).ToString()),
        // After the call, since F_GETLK fills its struct in.
        new ArgumentKind("fcntl_arg", FcntlArgument, AfterCall: true),
    ];

    public static IEnumerable<ResultKind> Results => [new ResultKind("fcntl", FcntlResult)];

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
}
