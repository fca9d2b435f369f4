using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>wait and prctl arguments, resource limits, uname, sysinfo, getrandom flags, and the
/// ABI-private calls' commands.</summary>
static class ProcessFormats
{
    static readonly FlagTable WaitOptions = new(("WNOHANG", 1), ("WSTOPPED", 2), ("WEXITED", 4), ("WCONTINUED", 8),
        ("WNOWAIT", 0x01000000), ("__WNOTHREAD", 0x20000000), ("__WALL", 0x40000000), ("__WCLONE", 0x80000000));
    /// <summary>clone's flags; the low byte is the signal sent to the parent at the child's exit.</summary>
    static readonly FlagTable CloneFlags = new(("CLONE_VM", 0x100), ("CLONE_FS", 0x200), ("CLONE_FILES", 0x400),
        ("CLONE_SIGHAND", 0x800), ("CLONE_PIDFD", 0x1000), ("CLONE_PTRACE", 0x2000), ("CLONE_VFORK", 0x4000), ("CLONE_PARENT", 0x8000),
        ("CLONE_THREAD", 0x10000), ("CLONE_NEWNS", 0x20000), ("CLONE_SYSVSEM", 0x40000), ("CLONE_SETTLS", 0x80000),
        ("CLONE_PARENT_SETTID", 0x100000), ("CLONE_CHILD_CLEARTID", 0x200000), ("CLONE_DETACHED", 0x400000),
        ("CLONE_UNTRACED", 0x800000), ("CLONE_CHILD_SETTID", 0x1000000));
    static readonly ValueTable IdTypes = new(("P_ALL", 0), ("P_PID", 1), ("P_PGID", 2), ("P_PIDFD", 3));
    const int PR_SET_NAME = 15, PR_GET_NAME = 16;
    static readonly ValueTable PrctlOptions = new(("PR_SET_PDEATHSIG", 1), ("PR_GET_PDEATHSIG", 2), ("PR_GET_DUMPABLE", 3),
        ("PR_SET_DUMPABLE", 4), ("PR_GET_KEEPCAPS", 7), ("PR_SET_KEEPCAPS", 8), ("PR_SET_NAME", PR_SET_NAME),
        ("PR_GET_NAME", PR_GET_NAME), ("PR_GET_SECCOMP", 21), ("PR_SET_SECCOMP", 22), ("PR_CAPBSET_READ", 23),
        ("PR_SET_TIMERSLACK", 29), ("PR_GET_TIMERSLACK", 30), ("PR_SET_CHILD_SUBREAPER", 36), ("PR_GET_CHILD_SUBREAPER", 37),
        ("PR_SET_NO_NEW_PRIVS", 38), ("PR_GET_NO_NEW_PRIVS", 39), ("PR_SET_THP_DISABLE", 41), ("PR_GET_THP_DISABLE", 42),
        ("PR_SET_VMA", 0x53564d41));
    /// <summary>RLIMIT_* of the host; a guest resource is named after ToHostRlimitResource.</summary>
    static readonly ValueTable HostRlimits = new(("RLIMIT_CPU", 0), ("RLIMIT_FSIZE", 1), ("RLIMIT_DATA", 2), ("RLIMIT_STACK", 3),
        ("RLIMIT_CORE", 4), ("RLIMIT_RSS", 5), ("RLIMIT_NPROC", 6), ("RLIMIT_NOFILE", 7), ("RLIMIT_MEMLOCK", 8), ("RLIMIT_AS", 9),
        ("RLIMIT_LOCKS", 10), ("RLIMIT_SIGPENDING", 11), ("RLIMIT_MSGQUEUE", 12), ("RLIMIT_NICE", 13), ("RLIMIT_RTPRIO", 14),
        ("RLIMIT_RTTIME", 15));
    static readonly FlagTable RandomFlags = new(("GRND_NONBLOCK", 1), ("GRND_RANDOM", 2), ("GRND_INSECURE", 4));
    static readonly ValueTable MipsCaches = new(("ICACHE", 1), ("DCACHE", 2), ("BCACHE", 3));
    static readonly ValueTable SysmipsCommands = new(("FLUSH_CACHE", 3), ("MIPS_FIXADE", 7), ("MIPS_RDNVRAM", 10), ("MIPS_ATOMIC_SET", 2001));

    const int UtsFieldLength = 65;
    // struct utsname's fields in order (version, long and rarely of interest, is left out of the line).
    static readonly (string Name, int Index)[] UtsFields = [("sysname", 0), ("nodename", 1), ("release", 2), ("machine", 4)];

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("wait_options", (_, v) => WaitOptions.Format(v)),
        ArgumentKind.Value("idtype", (_, v) => IdTypes.Format((int)v)),
        ArgumentKind.Value("clone_flags", (call, v) => (v & 0xff) == 0 ? CloneFlags.Format(v)
            : CloneFlags.Format(v & ~0xffu) + "|" + GuestNames.Of(call.Abi).Signal((int)(v & 0xff))),
        ArgumentKind.Value("prctl_option", (_, v) => PrctlOptions.Format((int)v)),
        // PR_SET_NAME's name is read by the call, PR_GET_NAME's written by it: format after, from memory.
        new ArgumentKind("prctl_arg", PrctlArgument, AfterCall: true),
        new ArgumentKind("prctl_rest", (call, slot) => call.Int(0) is PR_SET_NAME or PR_GET_NAME ? null : ScalarFormats.Hex(call[slot])),
        ArgumentKind.Value("rlimit_resource", (call, v) => HostRlimits.Find(call.Abi.ToHostRlimitResource((int)v)) ?? ((int)v).ToString()),
        ArgumentKind.Pointer("rlimit32", (call, slot) => Rlimit(call, call[slot], call.Structs.Rlimit32)),
        ArgumentKind.Out("out_rlimit32", (call, slot) => Rlimit(call, call[slot], call.Structs.Rlimit32)),
        ArgumentKind.Pointer("rlimit64", (call, slot) => Rlimit(call, call[slot], call.Structs.Rlimit64)),
        ArgumentKind.Out("out_rlimit64", (call, slot) => Rlimit(call, call[slot], call.Structs.Rlimit64)),
        ArgumentKind.Out("out_utsname", Utsname),
        ArgumentKind.Out("out_sysinfo", Sysinfo),
        ArgumentKind.Value("getrandom_flags", (_, v) => RandomFlags.Format(v)),
        ArgumentKind.Value("mips_cache", (_, v) => MipsCaches.Format((int)v)),
        ArgumentKind.Value("sysmips_cmd", (_, v) => SysmipsCommands.Format((int)v)),
    ];

    static string PrctlArgument(StraceCall call, int slot) => call.Int(0) switch
    {
        PR_SET_NAME => Quoting.CString(call, call[slot], 16),
        PR_GET_NAME => call.Succeeded ? Quoting.CString(call, call[slot], 16) : Quoting.Pointer(call[slot]),
        _ => ScalarFormats.Hex(call[slot]),
    };

    static string Rlimit(StraceCall call, uint address, RlimitLayout l)
    {
        if (call.ReadStruct(address, l.Size) is not { } bytes) return Quoting.Pointer(address);
        var s = call.Struct(bytes);
        ulong infinity = l.Current.Size == 8 ? l.Infinity : l.Infinity & 0xffffffff;
        string Limit(ulong v) => v == infinity ? "RLIM_INFINITY" : v.ToString();
        return $"{{rlim_cur={Limit(s.Get(l.Current))}, rlim_max={Limit(s.Get(l.Max))}}}";
    }

    static string Utsname(StraceCall call, int slot)
    {
        var fields = UtsFields.Select(f =>
            $"{f.Name}={Quoting.CString(call, call[slot] + (uint)(f.Index * UtsFieldLength), UtsFieldLength)}");
        return $"{{{string.Join(", ", fields)}, ...}}";
    }

    static string Sysinfo(StraceCall call, int slot)
    {
        SysinfoLayout l = call.Structs.Sysinfo;
        if (call.ReadStruct(call[slot], l.Size) is not { } bytes) return Quoting.Pointer(call[slot]);
        var s = call.Struct(bytes);
        return $"{{uptime={s.GetSigned(l.Uptime)}, totalram={s.Get(l.TotalRam)}, freeram={s.Get(l.FreeRam)}, " +
            $"procs={s.Get(l.Procs)}, mem_unit={s.Get(l.MemUnit)}, ...}}";
    }
}
