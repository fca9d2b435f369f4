using Spectre.Console;

namespace CrossEmu.Bench;

/// <summary>
/// `crossemu bench`: runs the benchmark programs of testsuites/bench, per guest architecture
/// (arm, mips, mipsel), under CrossEmu, under that architecture's qemu-user and natively (their
/// x86-64 build), checks that all print the same output and shows the median times, the ratios
/// and their geomean per architecture.
/// </summary>
public static class BenchCommand
{
    private const string CrossEmuName = "CrossEmu";
    private const string BaselineName = "CE base";
    /// <summary>The key of the qemu-user runner; its column says which qemu (qemu-arm, qemu-mips...).</summary>
    private const string QemuName = "qemu";
    private const string NativeName = "native";
    /// <summary>The guest environment variable that names the emulator a guest program execs another guest program with.</summary>
    private const string GuestLauncherVariable = "BENCH_GUEST_LAUNCHER";

    private sealed class Runner(string name, string? unavailable, Func<string, string[]?> commandFor, string? title = null)
    {
        public string Name { get; } = name;
        /// <summary>The column heading.</summary>
        public string Title { get; } = title ?? name;
        /// <summary>Why this runner cannot run at all, or null.</summary>
        public string? Unavailable { get; } = unavailable;
        /// <summary>The command for a program, or null when its binary is missing.</summary>
        public Func<string, string[]?> CommandFor { get; } = commandFor;
    }

    /// <summary>The measurements of one program under one runner.</summary>
    private sealed class Cell
    {
        public List<double> Seconds { get; } = [];
        public List<double> PeakRssMiB { get; } = [];
        public string? NotAvailable { get; set; }
        public string? Failure { get; set; }
        public string? Output { get; set; }
        public bool Mismatch { get; set; }
        public bool Unstable { get; set; }
        public string[]? Command { get; set; }
        public double? Median => Seconds.Count == 0 ? null : MedianOf(Seconds);
        public double? MedianPeakRssMiB => PeakRssMiB.Count == 0 ? null : MedianOf(PeakRssMiB);
    }

    /// <summary>Runs the benchmarks; returns 0 when everything that could run ran and agreed,
    /// 1 on a failed run or an output mismatch, 2 when nothing could be set up.</summary>
    public static int Run(BenchOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var console = OutputConsole.Create();
        if (o.Runs < 1)
        {
            console.MarkupLine("[red]bench: --runs must be at least 1[/]");
            return 2;
        }

        string? root = BenchEnvironment.FindRepoRoot();
        string? sourceDir = BenchEnvironment.BenchSourceDir(root);
        string? benchDir = o.BenchDir ?? (sourceDir is null ? null : Path.Combine(sourceDir, "out"));
        if (benchDir is null)
        {
            console.MarkupLine("[red]bench: cannot find the repository (no CrossEmu.sln above the current directory " +
                               "or the application); pass the directory of the built benchmarks.[/]");
            return 2;
        }
        benchDir = Path.GetFullPath(benchDir);

        Dictionary<string, RealProgram>? real = null;
        if (o.Real)
        {
            string? list = sourceDir is null ? null : Path.Combine(RealPrograms.SourceDir(sourceDir), "programs.txt");
            if (list is null || !File.Exists(list))
            {
                console.MarkupLine("[red]bench: --real needs testsuites/bench/real/programs.txt[/]");
                return 2;
            }
            real = RealPrograms.Load(list).ToDictionary(r => r.Name);
        }
        Dictionary<string, BenchRow>? rows = null;
        try
        {
            if (real is null)
                rows = BenchPrograms.Rows(sourceDir, BenchEnvironment.DiscoverPrograms(sourceDir, benchDir, o.KnownArches)).ToDictionary(r => r.Name);
        }
        catch (FormatException e)
        {
            console.MarkupLine($"[red]bench: {Markup.Escape(e.Message)}[/]");
            return 2;
        }
        var programs = (real?.Keys.ToList() ?? rows!.Keys.ToList())
            .Where(p => o.IncludeHello || p != "hello")
            .Where(p => BenchPrograms.Matches(o.Filter, p))
            .OrderBy(p => p == "hello" ? 1 : 0).ThenBy(p => p, StringComparer.Ordinal)
            .ToList();
        if (programs.Count == 0)
        {
            console.MarkupLine(o.Filter is null
                ? $"[red]bench: no benchmark programs found (looked in {Markup.Escape(sourceDir ?? benchDir)})[/]"
                : $"[red]bench: no benchmark program matches '{Markup.Escape(o.Filter)}'[/]");
            return 2;
        }

        var arches = o.Arches is { Count: > 0 } ? o.Arches.ToList() : o.KnownArches.ToList();
        var unknown = arches.Except(o.KnownArches).ToList();
        if (unknown.Count > 0)
        {
            console.MarkupLine($"[red]bench: unknown architecture {Markup.Escape(string.Join(", ", unknown))} " +
                               $"(known: {string.Join(", ", o.KnownArches)})[/]");
            return 2;
        }
        var binaries = rows is null ? [] : programs.Select(p => rows[p].Program).Distinct().ToList();
        string? buildNote = real is null ? EnsureBuilt(console, o, sourceDir, benchDir, binaries, arches)
            : EnsureFetched(console, o, sourceDir, benchDir, arches);
        // Without --arch, the architectures that have no binary at all are left out.
        if (o.Arches is not { Count: > 0 })
        {
            var built = arches.Where(a => real is null
                ? binaries.Any(p => File.Exists(BenchEnvironment.GuestBinary(benchDir, a, p)))
                : o.DebianArchFor(a) is { } deb && Directory.Exists(RealPrograms.Sysroot(benchDir, deb))).ToList();
            arches = built.Count > 0 ? built : arches.Take(1).ToList();
        }
        int status = 0;
        foreach (var arch in arches)
            status = Math.Max(status, RunArch(console, o, benchDir, arch, programs, rows, real, buildNote));
        return status;
    }

    /// <summary>The benchmarks of one guest architecture: measure, compare outputs, print the table.</summary>
    private static int RunArch(IAnsiConsole console, BenchOptions o, string benchDir, string arch, List<string> programs,
                               Dictionary<string, BenchRow>? rows, Dictionary<string, RealProgram>? real, string? buildNote)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]{Markup.Escape(arch)}[/]");
        var runners = rows is not null ? MakeRunners(o, benchDir, arch, rows) : MakeRealRunners(o, benchDir, arch, real!);
        if (rows is not null && programs.Any(p => rows[p].Cpus is not null) && BenchProcess.FindExecutable("taskset") is null)
            console.MarkupLine("[yellow]taskset not found (apt-get install util-linux): the bench-cpus programs run unpinned[/]");
        var cells = programs.ToDictionary(p => p, p => runners.ToDictionary(r => r.Name, _ => new Cell()));
        foreach (var p in programs)
        {
            foreach (var r in runners)
            {
                var cell = cells[p][r.Name];
                if (r.Unavailable is not null)
                    cell.NotAvailable = r.Unavailable;
                else if ((cell.Command = r.CommandFor(p)) is null)
                    cell.NotAvailable = (real is null ? "binary not built" : "not in the sysroot or not installed natively")
                                        + (buildNote is null ? "" : ": " + buildNote);
            }
        }

        string tool = BenchEnvironment.PeakRssTool(benchDir);
        Measure(console, o, programs, runners, cells, File.Exists(tool) ? tool : null);
        CheckOutputs(programs, runners, cells);
        int status = Report(console, o, benchDir, arch, programs, rows, runners, cells);
        if (o.Profile) WriteProfiles(console, o, arch, programs, cells);
        return status;
    }

    /// <summary>bench --profile: one more, untimed CrossEmu run per program with `run --profile`; its report.</summary>
    private static void WriteProfiles(IAnsiConsole console, BenchOptions o, string arch, List<string> programs,
                                      Dictionary<string, Dictionary<string, Cell>> cells)
    {
        var w = console.Profile.Out.Writer;
        foreach (var p in programs)
        {
            if (cells[p][CrossEmuName].Command is not { } command || cells[p][CrossEmuName].Failure is not null) continue;
            // After `crossemu run`, which a bench-cpus row has behind taskset.
            int n = PrefixEnd(command, o.CrossEmuPrefix);
            var res = BenchProcess.Run([.. command[..n], "--profile", .. command[n..]], o.RunTimeout);
            int at = res.Stderr.IndexOf("crossemu: profile of", StringComparison.Ordinal);
            w.WriteLine();
            w.WriteLine($"{arch}/{p} under CrossEmu:");
            w.WriteLine(at < 0 ? "  no profile: " + res.Describe() : res.Stderr[at..].TrimEnd());
        }
    }

    /// <summary>Where prefix ends in command (it starts at 0 or, pinned, after the taskset words).</summary>
    private static int PrefixEnd(string[] command, string[] prefix)
    {
        for (int at = 0; at + prefix.Length <= command.Length; at++)
        {
            if (command.AsSpan(at, prefix.Length).SequenceEqual(prefix)) return at + prefix.Length;
        }
        return prefix.Length;
    }

    /// <summary>Calls build.sh when a binary is missing; returns a note when something stays unbuilt.</summary>
    private static string? EnsureBuilt(IAnsiConsole console, BenchOptions o, string? sourceDir, string benchDir, List<string> programs,
                                       List<string> arches)
    {
        bool missing = programs.Any(p => arches.Any(a => !File.Exists(BenchEnvironment.GuestBinary(benchDir, a, p))) ||
                                         !File.Exists(BenchEnvironment.NativeBinary(benchDir, p)))
                       || !File.Exists(BenchEnvironment.PeakRssTool(benchDir));
        if (!missing)
            return null;
        string? script = sourceDir is null ? null : Path.Combine(sourceDir, "build.sh");
        if (o.NoBuild || script is null || !File.Exists(script))
            return o.NoBuild ? "building disabled" : "testsuites/bench/build.sh not found";

        console.MarkupLine($"[grey]Building the benchmarks: {Markup.Escape(BenchProcess.Quote([script, benchDir, .. arches]))}[/]");
        var r = BenchProcess.Run(["bash", script, benchDir, .. arches], TimeSpan.FromMinutes(10));
        var log = (r.Stdout + r.Stderr).TrimEnd();
        if (log.Length > 0)
            console.WriteLine(log);
        if (r.ExitCode == 3)
            return "a cross compiler is missing (apt-get install gcc-arm-linux-gnueabi gcc-mips-linux-gnu gcc-mipsel-linux-gnu)";
        if (!r.Succeeded)
            return "build.sh failed (" + r.Describe() + ")";
        bool nativeMissing = programs.Any(p => !File.Exists(BenchEnvironment.NativeBinary(benchDir, p)));
        return nativeMissing ? "no native build (gcc or static glibc missing: apt-get install gcc libc6-dev)" : null;
    }

    /// <summary>The benchmark programs built here: one static binary per architecture and a native one, with each row's arguments.</summary>
    private static List<Runner> MakeRunners(BenchOptions o, string benchDir, string arch, Dictionary<string, BenchRow> rows)
    {
        string[]? Command(string binary, BenchRow row) => File.Exists(binary) ? [binary, .. row.Arguments] : null;
        string[]? Guest(string p) => Command(BenchEnvironment.GuestBinary(benchDir, arch, rows[p].Program), rows[p]);
        string[]? Native(string p) => Command(BenchEnvironment.NativeBinary(benchDir, rows[p].Program), rows[p]);
        var runners = Runners(o, arch, Guest, Native, guestUnavailable: null, qemuLaunchesGuestExecs: true);
        if (!rows.Values.Any(r => r.Cpus is not null)) return runners;
        string? taskset = BenchProcess.FindExecutable("taskset");
        return runners.Select(r => new Runner(r.Name, r.Unavailable, p => Pinned(taskset, rows[p], r.CommandFor(p)), r.Title)).ToList();
    }

    /// <summary>A bench-cpus row's command under taskset; unpinned when taskset is missing (the table's note says so).</summary>
    private static string[]? Pinned(string? taskset, BenchRow row, string[]? command) =>
        row.Cpus is { } cpus && taskset is not null && command is not null ? [taskset, "-c", cpus, .. command] : command;

    /// <summary>
    /// --real: a program runs from the architecture's Debian sysroot with -L under CrossEmu and
    /// qemu-user, and as the host's own copy of the same Debian version natively.
    /// </summary>
    private static List<Runner> MakeRealRunners(BenchOptions o, string benchDir, string arch, Dictionary<string, RealProgram> real)
    {
        string inputs = RealPrograms.InputsDir(benchDir);
        string? deb = o.DebianArchFor(arch);
        string? sysroot = deb is null ? null : RealPrograms.Sysroot(benchDir, deb);
        string[]? Guest(string p) => sysroot is not null && File.Exists(sysroot + real[p].Path)
            ? ["-L", sysroot, sysroot + real[p].Path, .. real[p].ArgumentsWith(inputs)] : null;
        string[]? Native(string p) => File.Exists(real[p].Path) ? [real[p].Path, .. real[p].ArgumentsWith(inputs)] : null;
        return Runners(o, arch, Guest, Native, deb is null ? $"Debian has no {arch} port to take programs from" : null, qemuLaunchesGuestExecs: false);
    }

    /// <summary>
    /// CrossEmu, the --baseline build, qemu-user and native, given what a program's guest command
    /// line is (after the emulator) and its native one; guestUnavailable: why no guest run is possible.
    /// qemuLaunchesGuestExecs: qemu-user cannot exec a guest program without binfmt_misc, so the guest
    /// is told through BENCH_GUEST_LAUNCHER (qemu's -E) to exec qemu with the program, as binfmt_misc would.
    /// </summary>
    private static List<Runner> Runners(BenchOptions o, string arch, Func<string, string[]?> guest, Func<string, string[]?> native,
                                        string? guestUnavailable, bool qemuLaunchesGuestExecs)
    {
        var cross = new Runner(CrossEmuName, o.CrossEmuPrefix.Length == 0 ? "no CrossEmu command given" : guestUnavailable,
                               p => guest(p) is { } g ? [.. o.CrossEmuPrefix, .. g] : null);
        string qemuCommand = o.QemuCommandFor(arch);
        string? qemu = BenchProcess.FindExecutable(qemuCommand);
        string[] qemuOptions = qemuLaunchesGuestExecs && qemu is not null ? ["-E", GuestLauncherVariable + "=" + qemu] : [];
        var qemuRunner = new Runner(QemuName, qemu is null ? $"{qemuCommand} not found on PATH (apt-get install qemu-user)" : guestUnavailable,
                                    p => guest(p) is { } g ? [qemu!, .. qemuOptions, .. g] : null, qemuCommand);
        var nativeRunner = new Runner(NativeName, null, native);
        if (o.BaselinePrefix.Length == 0) return [cross, qemuRunner, nativeRunner];
        var baseline = new Runner(BaselineName, guestUnavailable, p => guest(p) is { } g ? [.. o.BaselinePrefix, .. g] : null);
        return [cross, baseline, qemuRunner, nativeRunner];
    }

    /// <summary>--real: calls real/fetch.sh when a sysroot or the inputs are missing; a note when something stays missing.</summary>
    private static string? EnsureFetched(IAnsiConsole console, BenchOptions o, string? sourceDir, string benchDir, List<string> arches)
    {
        var debs = arches.Select(o.DebianArchFor).OfType<string>().Distinct().ToList();
        bool missing = !Directory.Exists(RealPrograms.InputsDir(benchDir))
                       || debs.Any(d => !File.Exists(Path.Combine(RealPrograms.Sysroot(benchDir, d), ".complete")));
        if (!missing)
            return null;
        string? script = sourceDir is null ? null : Path.Combine(RealPrograms.SourceDir(sourceDir), "fetch.sh");
        if (o.NoBuild || script is null || !File.Exists(script))
            return o.NoBuild ? "fetching disabled" : "testsuites/bench/real/fetch.sh not found";
        console.MarkupLine($"[grey]Fetching the real programs: {Markup.Escape(BenchProcess.Quote([script, RealPrograms.OutDir(benchDir), .. debs]))}[/]");
        var r = BenchProcess.Run(["bash", script, RealPrograms.OutDir(benchDir), .. debs], TimeSpan.FromMinutes(20));
        var log = (r.Stdout + r.Stderr).TrimEnd();
        if (log.Length > 0)
            console.WriteLine(log);
        return r.Succeeded ? null : "not fetched (" + r.Describe() + "; testsuites/bench/real/fetch.sh needs root and apt-get)";
    }

    /// <summary>For each program: one untimed warm-up run per runner, then the timed runs,
    /// interleaving the runners so that a slow spell of the machine hits all of them. A terminal
    /// gets a live progress display; a log or a pipe one line per program.</summary>
    private static void Measure(IAnsiConsole console, BenchOptions o, List<string> programs, List<Runner> runners,
                                Dictionary<string, Dictionary<string, Cell>> cells, string? peakRss)
    {
        if (!OutputConsole.IsTerminal)
        {
            foreach (var p in programs)
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                MeasureProgram(o, p, runners, cells[p], peakRss, _ => { });
                console.WriteLine($"{p}: measured in {started.Elapsed.TotalSeconds:F0} s");
            }
            return;
        }
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                     new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var tasks = programs.ToDictionary(p => p, p =>
                {
                    int active = runners.Count(r => cells[p][r.Name].Command is not null);
                    var t = ctx.AddTask(Markup.Escape(p), autoStart: false, maxValue: Math.Max(1, active * (o.Runs + 1)));
                    if (active == 0)
                        t.Value = t.MaxValue;
                    return t;
                });
                foreach (var p in programs)
                {
                    var task = tasks[p];
                    task.StartTask();
                    MeasureProgram(o, p, runners, cells[p], peakRss, step =>
                    {
                        if (step is null) task.Increment(1);
                        else task.Description = Markup.Escape(step);
                    });
                    task.Description = Markup.Escape(p);
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            });
    }

    /// <summary>The runs of one program; progress hears each run's description before it, and null after it.</summary>
    private static void MeasureProgram(BenchOptions o, string p, List<Runner> runners, Dictionary<string, Cell> row, string? peakRss,
                                       Action<string?> progress)
    {
        for (int run = 0; run <= o.Runs; run++)
        {
            foreach (var r in runners)
            {
                var cell = row[r.Name];
                if (cell.Command is null)
                    continue;
                if (cell.Failure is not null)
                {
                    progress(null);
                    continue;
                }
                progress($"{p}: {r.Title} {(run == 0 ? "warm-up" : $"run {run}/{o.Runs}")}");
                var res = peakRss is null ? BenchProcess.Run(cell.Command, o.RunTimeout)
                    : BenchProcess.RunMeasuringMemory(peakRss, cell.Command, o.RunTimeout);
                if (!res.Succeeded)
                {
                    cell.Failure = res.Describe();
                    cell.Output ??= res.Stdout;
                }
                else
                {
                    if (cell.Output is null)
                        cell.Output = res.Stdout;
                    else if (cell.Output != res.Stdout)
                        cell.Unstable = true;
                    if (run > 0)
                        cell.Seconds.Add(res.Elapsed.TotalSeconds);
                    if (run > 0 && res.PeakRssKiB is { } kib)
                        cell.PeakRssMiB.Add(kib / 1024.0);
                }
                progress(null);
            }
        }
    }

    /// <summary>The reference output is the native one, else qemu's, else CrossEmu's.</summary>
    private static void CheckOutputs(List<string> programs, List<Runner> runners, Dictionary<string, Dictionary<string, Cell>> cells)
    {
        foreach (var p in programs)
        {
            string? reference = null;
            foreach (var name in new[] { NativeName, QemuName, CrossEmuName })
            {
                var c = cells[p][name];
                if (c.Failure is null && c.Output is not null)
                {
                    reference = c.Output;
                    break;
                }
            }
            if (reference is null)
                continue;
            foreach (var r in runners)
            {
                var c = cells[p][r.Name];
                if (c.Failure is null && c.Output is not null && c.Output != reference)
                    c.Mismatch = true;
            }
        }
    }

    private static int Report(IAnsiConsole console, BenchOptions o, string benchDir, string arch, List<string> programs,
                              Dictionary<string, BenchRow>? rows, List<Runner> runners, Dictionary<string, Dictionary<string, Cell>> cells)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{arch}: median wall-clock seconds of {o.Runs} run{(o.Runs == 1 ? "" : "s")}")
            .AddColumn("program");
        foreach (var r in runners)
            table.AddColumn(new TableColumn(Markup.Escape(r.Title)).RightAligned());
        bool withBaseline = runners.Any(r => r.Name == BaselineName);
        if (withBaseline) table.AddColumn(new TableColumn("CE/base").RightAligned());
        table.AddColumn(new TableColumn("CE/qemu").RightAligned());
        table.AddColumn(new TableColumn("CE/native").RightAligned());
        table.AddColumn("output");

        var ratiosBase = new List<double>();
        var ratiosQemu = new List<double>();
        var ratiosNative = new List<double>();
        foreach (var p in programs)
        {
            var row = new List<string> { Markup.Escape(p) };
            foreach (var r in runners)
                row.Add(CellMarkup(cells[p][r.Name]));
            double? ce = Usable(cells[p][CrossEmuName]), qe = Usable(cells[p][QemuName]), na = Usable(cells[p][NativeName]);
            // The geomean is of the compute programs: start-up (hello) and the latency of repeated system
            // operations (fork+exec, thread start, a futex round trip) have their own table.
            bool inGeomean = p != "hello" && rows?[p].Iterations is null;
            if (withBaseline) row.Add(Ratio(ce, Usable(cells[p][BaselineName]), inGeomean ? ratiosBase : null));
            row.Add(Ratio(ce, qe, inGeomean ? ratiosQemu : null));
            row.Add(Ratio(ce, na, inGeomean ? ratiosNative : null));
            row.Add(OutputMarkup(cells[p].Values));
            table.AddRow(row.ToArray());
        }
        if (ratiosQemu.Count > 1 || ratiosNative.Count > 1)
        {
            var row = new List<string> { $"[bold]geomean {Markup.Escape(arch)}[/]" };
            row.AddRange(runners.Select(_ => ""));
            if (withBaseline) row.Add(ratiosBase.Count > 0 ? $"[bold]{GeoMean(ratiosBase):F2}x[/]" : "");
            row.Add(ratiosQemu.Count > 0 ? $"[bold]{GeoMean(ratiosQemu):F2}x[/]" : "");
            row.Add(ratiosNative.Count > 0 ? $"[bold]{GeoMean(ratiosNative):F2}x[/]" : "");
            row.Add("");
            table.AddRow(row.ToArray());
        }
        console.Write(table);
        WriteMemoryTable(console, arch, programs, runners, cells);
        if (rows is not null) WriteScaling(console, arch, programs.Select(p => rows[p]).ToList(), runners, cells);

        bool bad = false;
        foreach (var p in programs)
        {
            foreach (var r in runners)
            {
                var c = cells[p][r.Name];
                if (c.Failure is not null)
                {
                    bad = true;
                    console.MarkupLine($"[red bold]FAILED[/] {Markup.Escape(arch)}/{Markup.Escape(p)} under {Markup.Escape(r.Title)}: " +
                        Markup.Escape(c.Failure));
                }
                if (c.Mismatch)
                {
                    bad = true;
                    string reference = ReferenceOutput(cells[p]) ?? "";
                    console.MarkupLine($"[red bold]OUTPUT MISMATCH[/] {Markup.Escape(arch)}/{Markup.Escape(p)} under {Markup.Escape(r.Title)}:");
                    console.MarkupLine($"  expected: [green]{Markup.Escape(Abbreviate(reference))}[/]");
                    console.MarkupLine($"  got:      [red]{Markup.Escape(Abbreviate(c.Output ?? ""))}[/]");
                }
                if (c.Unstable)
                {
                    bad = true;
                    console.MarkupLine($"[red bold]UNSTABLE OUTPUT[/] {Markup.Escape(arch)}/{Markup.Escape(p)} under {Markup.Escape(r.Title)}: " +
                        "runs printed different output");
                }
            }
        }
        foreach (var r in runners)
        {
            var reasons = programs.Select(p => cells[p][r.Name].NotAvailable).OfType<string>().Distinct().ToList();
            foreach (var reason in reasons)
                console.MarkupLine($"[yellow]n/a[/] {Markup.Escape(arch)} {Markup.Escape(r.Title)}: {Markup.Escape(reason)}");
        }

        // Plain, unwrapped lines: the command lines must stay copyable.
        var w = console.Profile.Out.Writer;
        w.WriteLine();
        w.WriteLine($"CE/qemu and CE/native: CrossEmu's median time divided by {o.QemuCommandFor(arch)}'s / by the native build's." +
            (withBaseline ? " CE/base: divided by the --baseline build's." : "") +
            (rows is not null && programs.Any(p => p == "hello" || rows[p].Iterations is not null)
                ? " The geomean leaves out hello and the programs timed per iteration." : ""));
        w.WriteLine("command: " + BenchProcess.Quote(InvocationArgs()) + "   (in " + Environment.CurrentDirectory + ")");
        foreach (var r in runners)
        {
            var example = programs.Select(p => cells[p][r.Name].Command).FirstOrDefault(c => c is not null);
            if (example is not null)
                w.WriteLine($"{r.Title} runs: " + BenchProcess.Quote(example));
        }
        var qemuPath = BenchProcess.FindExecutable(o.QemuCommandFor(arch));
        string qemuVersion = qemuPath is null ? "not installed" : BenchEnvironment.ToolVersion(qemuPath) ?? "unknown version";
        w.WriteLine("host: " + BenchEnvironment.HostDescription());
        w.WriteLine(o.QemuCommandFor(arch) + ": " + qemuVersion + "; binaries: " + Path.Combine(benchDir, arch));
        w.Flush();
        return bad ? 1 : 0;
    }

    /// <summary>The per-iteration and speed-up tables of the programs that declare iterations or thread counts.</summary>
    private static void WriteScaling(IAnsiConsole console, string arch, List<BenchRow> rows, List<Runner> runners,
                                     Dictionary<string, Dictionary<string, Cell>> cells)
    {
        var columns = runners.Select(r => (r.Name, r.Title)).ToList();
        double? Median(string row, string runner) => Usable(cells[row][runner]);
        ScalingTables.WritePerIteration(console, arch, rows, columns, Median);
        ScalingTables.WriteSpeedUps(console, arch, rows, columns, Median);
    }

    /// <summary>The command line of this process, with `dotnet` in front when run as `dotnet x.dll`.</summary>
    private static IEnumerable<string> InvocationArgs()
    {
        var args = Environment.GetCommandLineArgs();
        // Under `dotnet x.dll` the first argument is the dll; an apphost also reports its dll there.
        if (args.Length > 0 && args[0].EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && Environment.ProcessPath is { } host)
            return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, .. args] : [host, .. args[1..]];
        return args;
    }

    private static string? ReferenceOutput(Dictionary<string, Cell> row)
    {
        foreach (var name in new[] { NativeName, QemuName, CrossEmuName })
        {
            if (row[name].Failure is null && row[name].Output is not null && !row[name].Mismatch)
                return row[name].Output;
        }
        return null;
    }

    private static double? Usable(Cell c) => c.Failure is null && !c.Mismatch ? c.Median : null;

    /// <summary>
    /// Peak RSS per program and runner (median MiB), against the memory target: CrossEmu at most
    /// twice qemu-user's peak plus 40 MiB (the .NET runtime's own share).
    /// </summary>
    private static void WriteMemoryTable(IAnsiConsole console, string arch, List<string> programs, List<Runner> runners,
                                         Dictionary<string, Dictionary<string, Cell>> cells)
    {
        if (!programs.Any(p => runners.Any(r => cells[p][r.Name].MedianPeakRssMiB is not null)))
            return;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{arch}: peak resident memory, MiB (median)")
            .AddColumn("program");
        foreach (var r in runners)
            table.AddColumn(new TableColumn(Markup.Escape(r.Title)).RightAligned());
        table.AddColumn(new TableColumn("CE/qemu").RightAligned());
        table.AddColumn(new TableColumn("2 qemu + 40").RightAligned());
        foreach (var p in programs)
        {
            var row = new List<string> { Markup.Escape(p) };
            foreach (var r in runners)
                row.Add(cells[p][r.Name].MedianPeakRssMiB is { } m ? m.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "[grey]-[/]");
            double? ce = cells[p][CrossEmuName].MedianPeakRssMiB, qe = cells[p][QemuName].MedianPeakRssMiB;
            row.Add(Ratio(ce, qe, null));
            row.Add(ce is { } c && qe is { } q ? (c <= 2 * q + 40 ? "[green]within[/]" : "[red]over[/]") : "[grey]n/a[/]");
            table.AddRow(row.ToArray());
        }
        console.Write(table);
    }

    private static string CellMarkup(Cell c)
    {
        if (c.NotAvailable is not null)
            return "[grey]n/a[/]";
        if (c.Failure is not null)
            return "[red]failed[/]";
        if (c.Median is not { } m)
            return "[grey]-[/]";
        string text = m.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
        return c.Mismatch ? $"[red]{text}![/]" : text;
    }

    private static string Ratio(double? a, double? b, List<double>? collect)
    {
        if (a is not { } x || b is not { } y || y <= 0)
            return "[grey]n/a[/]";
        double r = x / y;
        collect?.Add(r);
        return r.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + "x";
    }

    private static string OutputMarkup(IEnumerable<Cell> row)
    {
        var list = row.ToList();
        if (list.Any(c => c.Mismatch || c.Unstable))
            return "[red bold]MISMATCH[/]";
        if (list.Any(c => c.Failure is not null))
            return "[red]run failed[/]";
        int compared = list.Count(c => c.Output is not null);
        return compared switch
        {
            0 => "[grey]-[/]",
            1 => "[grey]not compared[/]",
            _ => $"[green]same ({compared})[/]",
        };
    }

    private static string Abbreviate(string s)
    {
        s = s.TrimEnd().Replace("\n", " | ", StringComparison.Ordinal);
        return s.Length <= 160 ? s : s[..157] + "...";
    }

    internal static double MedianOf(List<double> xs)
    {
        var s = xs.Order().ToList();
        int n = s.Count;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double GeoMean(List<double> xs) => Math.Exp(xs.Average(Math.Log));
}
