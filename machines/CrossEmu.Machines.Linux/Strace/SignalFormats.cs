using System.Text;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>Signal numbers, sets, sigaction and stack_t structs, siginfo, sigprocmask's how.</summary>
static class SignalFormats
{
    /// <summary>SA_* of the host; named in guest values through the ABI's SigactionFlags.</summary>
    public static readonly FlagTable HostSigactionFlags = new(("SA_NOCLDSTOP", 1), ("SA_NOCLDWAIT", 2), ("SA_SIGINFO", 4),
        ("SA_RESTORER", 0x04000000), ("SA_ONSTACK", 0x08000000), ("SA_RESTART", 0x10000000), ("SA_NODEFER", 0x40000000),
        ("SA_RESETHAND", 0x80000000));

    static readonly ValueTable HowNames = new(("SIG_BLOCK", 0), ("SIG_UNBLOCK", 1), ("SIG_SETMASK", 2));
    static readonly FlagTable StackFlags = new(("SS_ONSTACK", 1), ("SS_DISABLE", 2), ("SS_AUTODISARM", 0x80000000));
    static readonly ValueTable SiCodes = new(("SI_USER", 0), ("SI_KERNEL", 0x80), ("SI_QUEUE", -1), ("SI_TIMER", -2),
        ("SI_MESGQ", -3), ("SI_ASYNCIO", -4), ("SI_SIGIO", -5), ("SI_TKILL", -6));

    /// <summary>The positive si_code values of the kernel's fault signals, from 1 (asm-generic/siginfo.h), by host signal.</summary>
    static readonly Dictionary<int, string[]> FaultCodes = new()
    {
        [HostSignals.SIGSEGV] = ["SEGV_MAPERR", "SEGV_ACCERR"],
        [HostSignals.SIGBUS] = ["BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR"],
        [HostSignals.SIGILL] = ["ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK"],
        [HostSignals.SIGFPE] = ["FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB"],
        [HostSignals.SIGTRAP] = ["TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT"],
    };

    /// <summary>
    /// A siginfo as strace shows it: `{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}` for a
    /// fault the kernel raised, `{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=77, si_uid=0}` otherwise.
    /// </summary>
    public static string SiginfoText(LinuxAbi abi, int guestSignal, int code, uint address, int pid, uint uid)
    {
        string name = GuestNames.Of(abi).Signal(guestSignal);
        var faultCodes = FaultCodes.GetValueOrDefault(abi.ToHostSignal(guestSignal));
        if (faultCodes != null && code > 0 && code != HostSignals.SI_KERNEL)
        {
            string codeName = code <= faultCodes.Length ? faultCodes[code - 1] : code.ToString();
            return $"{{si_signo={name}, si_code={codeName}, si_addr={(address == 0 ? "NULL" : $"0x{address:x}")}}}";
        }
        return $"{{si_signo={name}, si_code={SiCodes.Format(code)}, si_pid={pid}, si_uid={uid}}}";
    }

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("signal", (call, v) => call.Names.Signal((int)v)),
        ArgumentKind.Pointer("sigset", (call, slot) => SigSet(call, call[slot])),
        ArgumentKind.Out("out_sigset", (call, slot) => SigSet(call, call[slot])),
        ArgumentKind.Value("sigprocmask_how", (call, v) => HowNames.Find(call.Abi.ToHostSigprocmaskHow((int)v)) ?? ((int)v).ToString()),
        ArgumentKind.Pointer("sigaction", (call, slot) => Sigaction(call, call[slot])),
        ArgumentKind.Out("out_sigaction", (call, slot) => Sigaction(call, call[slot])),
        ArgumentKind.Pointer("stack", (call, slot) => Stack(call, call[slot])),
        ArgumentKind.Out("out_stack", (call, slot) => Stack(call, call[slot])),
        ArgumentKind.Pointer("siginfo", (call, slot) => Siginfo(call, call[slot])),
        ArgumentKind.Out("out_siginfo", (call, slot) => Siginfo(call, call[slot])),
    ];

    /// <summary>[INT TERM]: the set's guest signals without the SIG prefix, or ~[...] when most are in it.</summary>
    public static string SigSet(StraceCall call, uint address)
    {
        int bytes = call.Structs.SigsetSize;
        if (call.ReadStruct(address, bytes) is not { } set) return Quoting.Pointer(address);
        return SigSet(call, WordsOf(call, set, bytes / 4));
    }

    static uint[] WordsOf(StraceCall call, byte[] bytes, int words)
    {
        var s = call.Struct(bytes);
        var w = new uint[words];
        for (int i = 0; i < words; i++) w[i] = (uint)s.Get(Field.U32(4 * i));
        return w;
    }

    static string SigSet(StraceCall call, uint[] words)
    {
        int total = words.Length * 32, members = words.Sum(w => System.Numerics.BitOperations.PopCount(w));
        bool inverted = members > total / 2;
        var sb = new StringBuilder(inverted ? "~[" : "[");
        for (int signal = 1; signal <= total; signal++)
        {
            bool member = (words[(signal - 1) / 32] & (1u << ((signal - 1) % 32))) != 0;
            if (member == inverted) continue;
            if (sb.Length > (inverted ? 2 : 1)) sb.Append(' ');
            string name = call.Names.Signal(signal);
            sb.Append(name.StartsWith("SIG") ? name[3..] : name);
        }
        return sb.Append(']').ToString();
    }

    static string Sigaction(StraceCall call, uint address)
    {
        SigactionLayout l = call.Structs.Sigaction;
        if (call.ReadStruct(address, l.Size) is not { } bytes) return Quoting.Pointer(address);
        var s = call.Struct(bytes);
        uint handler = (uint)s.Get(l.Handler);
        string handlerName = handler switch { 0 => "SIG_DFL", 1 => "SIG_IGN", _ => $"0x{handler:x}" };
        var sb = new StringBuilder($"{{sa_handler={handlerName}, sa_mask=");
        sb.Append(SigSet(call, [(uint)s.Get(l.MaskLow), (uint)s.Get(l.MaskHigh)]));
        sb.Append(", sa_flags=").Append(call.Names.SigactionFlags.Format((uint)s.Get(l.Flags)));
        if (l.Restorer.Size != 0) sb.Append(", sa_restorer=").Append(Quoting.Pointer((uint)s.Get(l.Restorer)));
        return sb.Append('}').ToString();
    }

    static string Stack(StraceCall call, uint address)
    {
        StackLayout l = call.Structs.SignalStack;
        if (call.ReadStruct(address, l.Size) is not { } bytes) return Quoting.Pointer(address);
        var s = call.Struct(bytes);
        return $"{{ss_sp={Quoting.Pointer((uint)s.Get(l.Pointer))}, ss_flags={StackFlags.Format((uint)s.Get(l.Flags))}, ss_size={s.Get(l.Length)}}}";
    }

    static string Siginfo(StraceCall call, uint address)
    {
        SiginfoLayout l = call.Structs.Siginfo;
        if (call.ReadStruct(address, l.Size) is not { } bytes) return Quoting.Pointer(address);
        var s = call.Struct(bytes);
        return SiginfoText(call.Abi, (int)s.Get(l.Signo), (int)s.GetSigned(l.Code), (uint)s.Get(l.Address), (int)s.Get(l.Pid), (uint)s.Get(l.Uid));
    }
}
