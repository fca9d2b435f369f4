using System.Globalization;

namespace CrossEmu.Cli;

/// <summary>`crossemu run` options, with qemu-user's letters.</summary>
sealed class RunOptions
{
    public string? Sysroot { get; set; }
    public string? Argv0 { get; set; }
    public List<string> SetEnvironment { get; } = [];
    public List<string> UnsetEnvironment { get; } = [];
    public string? Log { get; set; }
    public string? LogFile { get; set; }
    public bool Strace { get; set; }
    public int? GdbPort { get; set; }
    public bool InterpretOnly { get; set; }
    public bool Stats { get; set; }
    public bool Profile { get; set; }
    public bool HelpRequested { get; set; }
}

/// <summary>
/// Parses `run` arguments: CrossEmu's options, then the guest command line. Everything from the
/// first word that is not an option (or an option's value) on belongs to the guest, so
/// `crossemu run ls -la /` passes -la to ls. Each option is declared once in <see cref="Table"/>,
/// which also gives the usage text. Hand-written rather than reflection-driven: every guest
/// start pays for parsing, and CommandLineParser's reflection cost about 25 ms of it.
/// </summary>
static class RunArguments
{
    sealed record Option(string[] Names, string? Value, string Help, Action<RunOptions, string> Apply);

    static readonly Option[] Table =
    [
        new(["-L"], "path", "sysroot: absolute guest paths (the ELF interpreter, /lib...) are looked up here first",
            (o, v) => o.Sysroot = v),
        new(["-0"], "argv0", "the guest's argv[0] (default: prog as given), as binfmt_misc's flag P preserves it", (o, v) => o.Argv0 = v),
        new(["-E"], "VAR=value[,...]", "set guest environment variables; repeatable", (o, v) => o.SetEnvironment.AddRange(List(v))),
        new(["-U"], "VAR[,...]", "remove variables from the guest environment; repeatable", (o, v) => o.UnsetEnvironment.AddRange(List(v))),
        new(["-d"], "items", "log items, comma separated: in_asm, op, exec, cpu, int, unimp, nochain", (o, v) => o.Log = v),
        new(["-D"], "file", "write the log to this file instead of stderr", (o, v) => o.LogFile = v),
        new(["-strace", "--strace"], null, "log every system call", (o, _) => o.Strace = true),
        new(["-g"], "port", "wait for gdb on 127.0.0.1:port before the first instruction (gdb: target remote 127.0.0.1:port)",
            (o, v) => o.GdbPort = ParsePort(v)),
        new(["--interp"], null, "never compile: run everything in the IR interpreter", (o, _) => o.InterpretOnly = true),
        new(["--stats"], null, "print guest instruction count and engine statistics at exit", (o, _) => o.Stats = true),
        new(["--profile"], null, "print at exit where the wall time went: start-up, lifting, interpreter, compiled code, runtime, compile thread",
            (o, _) => o.Profile = true),
        new(["-h", "--help"], null, "this text", (o, _) => o.HelpRequested = true),
    ];

    public static string Usage =>
        "usage: crossemu run [options] prog [args...]\n" +
        string.Join("\n", Table.Select(o => $"  {string.Join(", ", o.Names) + (o.Value is null ? "" : " " + o.Value),-26} {o.Help}"));

    /// <summary>The options and the guest command line (program first; empty when none was given).</summary>
    public static (RunOptions options, string[] guest) Parse(IReadOnlyList<string> args)
    {
        var options = new RunOptions();
        int i = 0;
        for (; i < args.Count && args[i].StartsWith('-'); i++)
        {
            if (args[i] == "--") { i++; break; }
            var (option, inlineValue) = Find(args[i]);
            string value = "";
            if (option.Value != null)
            {
                if (inlineValue != null) value = inlineValue;
                else if (++i < args.Count) value = args[i];
                else throw new UserError($"run: {option.Names[0]} needs a value ({option.Value})");
            }
            else if (inlineValue != null) throw new UserError($"run: {option.Names[0]} takes no value");
            option.Apply(options, value);
        }
        return (options, args.Skip(i).ToArray());
    }

    /// <summary>The option an argument names: -L path, -Lpath, --name value or --name=value.</summary>
    static (Option option, string? inlineValue) Find(string arg)
    {
        foreach (var o in Table)
            if (o.Names.Contains(arg)) return (o, null);
        int eq = arg.IndexOf('=');
        if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            foreach (var o in Table)
                if (o.Names.Contains(arg[..eq])) return (o, arg[(eq + 1)..]);
        if (!arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            foreach (var o in Table)
                if (o.Value != null && o.Names.Contains(arg[..2])) return (o, arg[2..]);
        throw new UserError($"run: unknown option '{arg}' (see crossemu run --help)");
    }

    static IEnumerable<string> List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries);

    static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= 65535
            ? port : throw new UserError($"-g {text}: not a TCP port");
}
