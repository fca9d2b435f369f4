namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>
/// gdb's own signal numbers (include/gdb/signals.def), which stop replies and `C sig` use, against
/// the host's Linux numbers. They agree for the classic ones and differ from SIGBUS on.
/// </summary>
public static class GdbSignals
{
    public const int Int = 2, Trap = 5, Kill = 9, Unknown = 143;

    // Index: host signal 0..31; value: gdb number.
    static readonly int[] FromHostTable =
    [
        0, 1 /*HUP*/, 2 /*INT*/, 3 /*QUIT*/, 4 /*ILL*/, 5 /*TRAP*/, 6 /*ABRT*/, 10 /*BUS*/, 8 /*FPE*/, 9 /*KILL*/,
        30 /*USR1*/, 11 /*SEGV*/, 31 /*USR2*/, 13 /*PIPE*/, 14 /*ALRM*/, 15 /*TERM*/, Unknown /*STKFLT*/, 20 /*CHLD*/,
        19 /*CONT*/, 17 /*STOP*/, 18 /*TSTP*/, 21 /*TTIN*/, 22 /*TTOU*/, 16 /*URG*/, 24 /*XCPU*/, 25 /*XFSZ*/,
        26 /*VTALRM*/, 27 /*PROF*/, 28 /*WINCH*/, 23 /*IO*/, 32 /*PWR*/, 12 /*SYS*/,
    ];

    /// <summary>gdb's number of a host signal (real-time ones included).</summary>
    public static int FromHost(int host) => host switch
    {
        >= 0 and < 32 => FromHostTable[host],
        32 => 77,                          // GDB_SIGNAL_REALTIME_32
        >= 33 and <= 63 => host - 33 + 45, // REALTIME_33..63
        64 => 78,                          // REALTIME_64
        _ => Unknown,
    };

    /// <summary>The host signal of a gdb number, or 0 when it has none.</summary>
    public static int ToHost(int gdb)
    {
        if (gdb is > 0 and <= 32 && Array.IndexOf(FromHostTable, gdb) is var host and > 0) return host;
        return gdb switch
        {
            77 => 32,
            >= 45 and <= 75 => gdb - 45 + 33,
            78 => 64,
            _ => 0,
        };
    }
}
