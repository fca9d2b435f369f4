using CommandLine;

namespace CrossEmu.Cli;

/// <summary>`crossemu run` options, with qemu-user's letters.</summary>
sealed class RunOptions
{
    [Option('L', HelpText = "Sysroot: absolute guest paths (the ELF interpreter, /lib...) are looked up here first.")]
    public string? Sysroot { get; set; }

    [Option('E', Separator = ',', HelpText = "Set a guest environment variable (VAR=value); repeatable.")]
    public IEnumerable<string> SetEnvironment { get; set; } = [];

    [Option('U', Separator = ',', HelpText = "Remove a variable from the guest environment; repeatable.")]
    public IEnumerable<string> UnsetEnvironment { get; set; } = [];

    [Option('d', HelpText = "Log items, comma separated: in_asm, op, exec, cpu, int, unimp, nochain.")]
    public string? Log { get; set; }

    [Option('D', HelpText = "Write the log to this file instead of stderr.")]
    public string? LogFile { get; set; }

    [Option("strace", HelpText = "Log every system call (also accepted as -strace).")]
    public bool Strace { get; set; }

    [Option('g', HelpText = "Wait for gdb on 127.0.0.1:PORT before the first instruction (gdb: target remote 127.0.0.1:PORT).")]
    public int? GdbPort { get; set; }

    [Option("interp", HelpText = "Never compile: run everything in the IR interpreter.")]
    public bool InterpretOnly { get; set; }

    [Option("stats", HelpText = "Print guest instruction count and engine statistics at exit.")]
    public bool Stats { get; set; }

    [Option("profile", HelpText = "Print at exit where the wall time went: start-up, lifting, interpreter, compiled code, runtime, compile thread.")]
    public bool Profile { get; set; }
}

/// <summary>
/// Splits `run` arguments into CrossEmu's options and the guest command line: everything from
/// the first word that is not an option (or an option's value) on belongs to the guest, so
/// `crossemu run ls -la /` passes -la to ls.
/// </summary>
static class RunArguments
{
    static readonly HashSet<string> TakesValue = ["-L", "-E", "-U", "-d", "-D", "-g"];

    public static (string[] options, string[] guest) Split(string[] args)
    {
        int i = 0;
        while (i < args.Length && args[i].StartsWith('-') && args[i] != "--")
            i += TakesValue.Contains(args[i]) ? 2 : 1;
        var options = args.Take(Math.Min(i, args.Length)).Select(a => a == "-strace" ? "--strace" : a).ToArray();
        if (i < args.Length && args[i] == "--") i++;
        return (options, args.Skip(i).ToArray());
    }
}
