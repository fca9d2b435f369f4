using CrossEmu.Guests;
using CrossEmu.Isa;
using CrossEmu.Isa.Guests;
using CrossEmu.Jit;
using CrossEmu.Machines.Linux;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;

namespace CrossEmu.Cli;

/// <summary>`crossemu run`: a foreign Linux program in user mode, like qemu-arm or qemu-mipsel.</summary>
static class RunCommand
{
    public static int Execute(string[] args)
    {
        var (options, guest) = RunArguments.Parse(args);
        if (options.HelpRequested)
        {
            Console.Error.WriteLine(RunArguments.Usage);
            return 0;
        }
        if (guest.Length == 0) throw new UserError("run: no program given (usage: crossemu run [options] prog [args...])");
        return Run(options, guest[0], guest[1..]);
    }

    public static int Run(RunOptions o, string program, string[] arguments, Action<RunReport>? report = null)
    {
        if (!File.Exists(program)) throw new UserError($"{program}: no such file");
        var log = LogNames.Parse(o.Log);
        using var logFile = o.LogFile != null ? new StreamWriter(o.LogFile) { AutoFlush = true } : null;
        // Guest threads log at the same time: one line must not tear another.
        var logWriter = logFile != null ? TextWriter.Synchronized(logFile) : Console.Error;
        var guests = GuestIsas.Registry;
        IGuestIsa? isa = (log & LogFlags.InAsm) != 0 ? IsaOf(guests, program) : null;
        using var disassembler = isa?.CreateDisassembler();
        var runner = new UserModeRunner();
        var options = new UserModeOptions
        {
            Guests = guests,
            ProgramPath = program,
            Arguments = arguments,
            Argv0 = o.Argv0,
            Environment = GuestEnvironment(o),
            Sysroot = o.Sysroot,
            Log = log,
            LogWriter = logWriter,
            Strace = o.Strace,
            GdbPort = o.GdbPort,
            EmulatorCommand = SelfCommand.Prefix(),
            OwnsHostProcess = true,
            Engine = new EngineOptions
            {
                Log = log, LogWriter = logWriter, InterpretOnly = o.InterpretOnly, Profile = o.Profile,
                Disassemble = disassembler == null ? null : (pc, word) => disassembler.DisassembleWord(pc, word, isa!.BigEndian),
            },
        };
        var started = System.Diagnostics.Stopwatch.StartNew();
        DeferCollectionsDuringStartup();
        int status;
        try { status = runner.Run(options); }
        catch (GuestLoadException e) { throw new UserError($"{program}: {e.Message}"); }
        catch (System.Net.Sockets.SocketException e) { throw new UserError($"-g {o.GdbPort}: {e.Message}"); }
        // Nothing here writes to Console.Out before the guest ends: the guest owns fd 1 and may have closed it.
        var r = new RunReport(status, started.Elapsed, runner.InstructionsExecuted, runner.Stats, runner.Isa?.Name);
        if (o.Stats) r.Print(Console.Error);
        if (o.Profile && runner.Stats is { Profile: { } profile } stats) ProfileReport.Print(Console.Error, stats, profile, runner.InstructionsExecuted);
        report?.Invoke(r);
        return status;
    }

    /// <summary>
    /// A program's start-up lifts thousands of blocks whose IR stays live, so a gen-0 collection
    /// in the middle of it copies them all: lua5.4's start-up paused 17-24 ms in one such
    /// collection, a tenth of its run. The first StartupAllocation bytes are allocated with no
    /// collection (start-ups measured here allocate 26-31 MiB); past that the collector runs as usual.
    /// </summary>
    static void DeferCollectionsDuringStartup()
    {
        try { GC.TryStartNoGCRegion(StartupAllocation); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException) { }
    }

    const long StartupAllocation = 32 << 20;

    /// <summary>The ISA that will run the program (from its ELF header).</summary>
    static IGuestIsa IsaOf(GuestIsaRegistry guests, string program)
    {
        try { return LinuxGuests.ForElf(guests, ElfFile.Load(program)); }
        catch (GuestLoadException e) { throw new UserError($"{program}: {e.Message}"); }
    }

    /// <summary>
    /// The guest's environment: CrossEmu's own, in its order (as Linux passes it on exec), less what
    /// the launcher script set for the runtime (CROSSEMU_LAUNCHER_ENV names it), with -E and -U applied.
    /// </summary>
    static List<string> GuestEnvironment(RunOptions o)
    {
        var env = InitialEnvironment();
        string? Name(string entry) { int eq = entry.IndexOf('='); return eq < 0 ? entry : entry[..eq]; }
        var launcherSet = (Environment.GetEnvironmentVariable(LauncherEnv) ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        env.RemoveAll(e => Name(e) == LauncherEnv || launcherSet.Contains(Name(e)));
        foreach (var kv in o.SetEnvironment)
        {
            int eq = kv.IndexOf('=');
            if (eq <= 0) throw new UserError($"-E {kv}: expected VAR=value");
            int at = env.FindIndex(e => Name(e) == kv[..eq]);
            if (at >= 0) env[at] = kv; else env.Add(kv);
        }
        foreach (var name in o.UnsetEnvironment) env.RemoveAll(e => Name(e) == name);
        return env;
    }

    /// <summary>Set by the `crossemu` script: the variables it exported for the runtime, not the user's.</summary>
    const string LauncherEnv = "CROSSEMU_LAUNCHER_ENV";

    /// <summary>The environment this process started with, in order (/proc/self/environ; sorted where that is unreadable).</summary>
    static List<string> InitialEnvironment()
    {
        try
        {
            var raw = File.ReadAllBytes("/proc/self/environ");
            return System.Text.Encoding.UTF8.GetString(raw).Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}").Order(StringComparer.Ordinal).ToList();
    }
}

/// <summary>What a run did, for `--stats` and the demo.</summary>
sealed record RunReport(int ExitCode, TimeSpan Wall, ulong Instructions, EngineStats? Stats, string? Isa)
{
    public double Mips => Instructions / Math.Max(Wall.TotalSeconds, 1e-9) / 1e6;

    public void Print(TextWriter w)
    {
        w.WriteLine($"crossemu: {Instructions:N0} guest instructions in {Wall.TotalSeconds:F3} s ({Mips:F1} MIPS)");
        if (Stats is { } s)
            w.WriteLine($"crossemu: {s.BlocksLifted:N0} blocks lifted, {s.RegionsCompiled:N0} regions compiled " +
                $"({s.CompileMilliseconds:F0} ms on the compiler thread), {s.InterpretedRuns:N0} interpreted block runs, " +
                $"{s.CompiledEntries:N0} entries into compiled code, {s.Deoptimizations:N0} deoptimizations, {s.Invalidations:N0} invalidations");
    }
}

/// <summary>QEMU's -d item names.</summary>
static class LogNames
{
    static readonly Dictionary<string, LogFlags> names = new()
    {
        ["in_asm"] = LogFlags.InAsm, ["op"] = LogFlags.Op, ["exec"] = LogFlags.Exec, ["cpu"] = LogFlags.Cpu,
        ["int"] = LogFlags.Int, ["unimp"] = LogFlags.Unimp, ["nochain"] = LogFlags.NoChain,
    };

    public static LogFlags Parse(string? items)
    {
        var flags = LogFlags.None;
        foreach (var item in (items ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            flags |= names.TryGetValue(item, out var f) ? f
                : throw new UserError($"-d: unknown log item '{item}' (known: {string.Join(", ", names.Keys)})");
        return flags;
    }
}
