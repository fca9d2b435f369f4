using CommandLine;
using CrossEmu.Bench;
using CrossEmu.Guests;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Cli;

/// <summary>`crossemu bench`: CrossEmu against qemu-user (qemu-arm, qemu-mips, qemu-mipsel) and native code.</summary>
static class BenchVerb
{
    sealed class Options
    {
        [Option("runs", Default = 5, HelpText = "Timed runs per program and runner.")]
        public int Runs { get; set; }

        [Option("filter", HelpText = "Only the programs whose name contains this (comma separated: any of these).")]
        public string? Filter { get; set; }

        [Option("no-hello", HelpText = "Skip the hello-world start-up timing.")]
        public bool NoHello { get; set; }

        [Option("kvm", HelpText = "Only the KVM benchmarks (x86 guests: CPL3 loop against native, port-I/O exit cost, Linux boot against QEMU).")]
        public bool KvmOnly { get; set; }

        [Option("arch", Separator = ',', HelpText = "Guest architectures (ISA names, comma separated; default: every one with built binaries).")]
        public IEnumerable<string> Arches { get; set; } = [];

        [Option("real", HelpText = "Debian's own programs (gzip, bzip2, xz, busybox sh, lua start-up) from guest sysroots with -L, " +
            "fetched by testsuites/bench/real/fetch.sh.")]
        public bool Real { get; set; }

        [Option("profile", HelpText = "After the timed runs, run each program once more with `run --profile` and print where CrossEmu's time went.")]
        public bool Profile { get; set; }

        [Option("baseline", HelpText = "Another CrossEmu build's ./crossemu, measured in the same interleaved runs (a \"CE base\" column and CE/base ratios).")]
        public string? Baseline { get; set; }
    }

    public static int Execute(string[] args)
    {
        Options? o = null;
        using var parser = new Parser(s => s.HelpWriter = Console.Error);
        parser.ParseArguments<Options>(args).WithParsed(x => o = x);
        if (o == null) return 1;
        string[] prefix = [.. SelfCommand.Prefix(), "run"];
        string[] systemPrefix = [.. prefix[..^1], "system"];
        if (o.KvmOnly) return KvmBench.Run(Spectre.Console.AnsiConsole.Console, systemPrefix, o.Runs);
        var guests = GuestIsas.Registry;
        if (o.Baseline != null && !File.Exists(o.Baseline)) throw new UserError($"bench: --baseline {o.Baseline}: no such file");
        int status = BenchCommand.Run(new BenchOptions
        {
            CrossEmuPrefix = prefix, Runs = o.Runs, Filter = o.Filter, IncludeHello = !o.NoHello,
            KnownArches = guests.Names.ToList(),
            Arches = o.Arches.Select(a => guests.Find(a)?.Name ?? a).ToList(),
            QemuCommandFor = arch => guests.Get(arch).ReferenceQemu,
            Real = o.Real,
            Profile = o.Profile,
            DebianArchFor = arch => (guests.Find(arch) as ILinuxGuest)?.DebianArchitecture,
            BaselinePrefix = o.Baseline == null ? [] : [Path.GetFullPath(o.Baseline), "run"],
        });
        // The KVM section follows the user-mode one unless the run was narrowed to some programs or architectures.
        if (o.Filter == null && !o.Arches.Any())
            status = Math.Max(status, KvmBench.Run(Spectre.Console.AnsiConsole.Console, systemPrefix, o.Runs));
        return status;
    }
}
