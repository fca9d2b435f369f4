using CrossEmu.Isa.Guests;

namespace CrossEmu.Conformance.Differential;

/// <summary>
/// Differential execution: random sequences of valid non-branch instructions, in batches of
/// harness images, run under qemu-user and under both CrossEmu tiers; every sequence whose end
/// state (registers, flags, signal, changed memory) differs is shrunk to a minimal reproducer.
/// Results are reported per decode pattern (a mismatch under the pattern of its last instruction).
/// </summary>
public sealed class DifferentialStep : IConformanceStep
{
    const int BatchSize = 1000;
    /// <summary>Mismatches shrunk per ISA; later ones are reported as found (shrinking costs emulator runs).</summary>
    const int MaxShrunk = 40;

    public string Name => "differential";

    public long TotalWork(IConformanceGuest isa, ConformanceOptions options) => options.Count;

    public StepResult Run(IConformanceGuest guest, ConformanceOptions options, Action<long> advance, CancellationToken cancel)
    {
        string isaName = guest.Name;
        var result = new StepResult(isaName, Name);
        var isa = guest.CreateDifferentialProfile();
        if (!OnPath(isa.QemuCommand))
        {
            result.SkippedReason = $"{isa.QemuCommand} is not installed (Debian: apt-get install qemu-user)";
            return result;
        }
        bool ownDirectory = options.WorkDirectory == null;
        string dir = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), $"crossemu-differential-{Environment.ProcessId}-{isaName}");
        Directory.CreateDirectory(dir);
        var run = new BatchRunner(isa, dir);
        var cases = new SortedDictionary<string, CaseResult>(StringComparer.Ordinal);
        CaseResult Case(string name) => cases.TryGetValue(name, out var c) ? c : cases[name] = new CaseResult(name);
        int shrunk = 0;

        for (int batch = 0, done = 0; done < options.Count && !cancel.IsCancellationRequested; batch++)
        {
            var random = new Random(BatchSeed(options.Seed, isaName, batch));
            int n = Math.Min(BatchSize, options.Count - done);
            var generation = System.Diagnostics.Stopwatch.StartNew();
            var sequences = Enumerable.Range(0, n).Select(_ => run.Generator.Next(random)).ToList();
            run.Times[0] += generation.Elapsed;
            uint fill = (uint)random.Next();
            // One batch image at a time (overwritten): only reproducers stay in the work directory.
            // A sequence that differs in both tiers is shrunk once; the other tier tries the result first.
            var shrunkByIndex = new Dictionary<int, (GeneratedSequence Sequence, string Image)>();
            foreach (var m in run.Mismatches(sequences, fill, "batch"))
            {
                var (s, tier, diffs) = m;
                string? image = null;
                string name = $"b{batch}-{m.Index}";
                if (shrunkByIndex.TryGetValue(m.Index, out var earlier) && run.Compare(earlier.Sequence, tier, fill, name).Count > 0)
                    (s, image) = earlier;
                else if (shrunk++ < MaxShrunk)
                {
                    (s, image) = run.Shrink(s, tier, fill, name);
                    shrunkByIndex[m.Index] = (s, image);
                }
                string origin = $"seed {options.Seed} batch {batch} sequence {m.Index}" +
                    (image == null ? $" (not shrunk: a run shrinks its first {MaxShrunk} mismatches)" : "");
                Case(s.Patterns[^1]).Failures.Add(run.Describe(s, origin, tier, fill, diffs, image));
            }
            foreach (var s in sequences)
                foreach (var p in s.Patterns) Case(p).Checked++;
            done += n;
            advance(n);
        }
        result.Cases.AddRange(cases.Values);
        result.Notes.Add($"{isa.QemuCommand}: {run.Endings.Describe(isa)}");
        result.Notes.Add($"time: generating {run.Times[0].TotalSeconds:F1} s, {isa.QemuCommand} {run.Times[1].TotalSeconds:F1} s (in parallel), " +
            $"interpreter {run.Times[2].TotalSeconds:F1} s, compiled {run.Times[3].TotalSeconds:F1} s");
        result.Notes.Add($"engine: interpreter tier {run.EngineTotals[0, 1]:N0} interpreted block runs " +
            $"({run.EngineTotals[0, 0]:N0} compiled entries, the harness's own code); " +
            $"compiled tier {run.EngineTotals[1, 0]:N0} compiled entries ({run.EngineTotals[1, 1]:N0} interpreted runs)");
        if (ownDirectory && result.Failures == 0) Directory.Delete(dir, recursive: true);
        return result;
    }

    /// <summary>Batches are reproducible from (seed, ISA, batch number) alone.</summary>
    static int BatchSeed(ulong seed, string isa, int batch)
    {
        ulong h = 14695981039346656037UL ^ seed;
        foreach (char c in isa) h = (h ^ c) * 1099511628211UL;
        h = (h ^ (ulong)batch) * 1099511628211UL;
        return (int)(h ^ h >> 32);
    }

    static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, command)));

    /// <summary>How the reference run's sequences ended: a generator that only made faulting code would check little.</summary>
    sealed class EndingCounts
    {
        readonly SortedDictionary<uint, long> bySignal = new();
        public void Count(uint signal) => bySignal[signal] = bySignal.GetValueOrDefault(signal) + 1;
        public string Describe(IsaProfile isa) => string.Join(", ", bySignal.Select(kv =>
            kv.Key == 0 ? $"{kv.Value} sequences reached their end" : $"{kv.Value} ended by {isa.SignalName(kv.Key)}"));
    }

    /// <summary>A sequence whose end state differs under one tier (its index in the batch).</summary>
    readonly record struct Mismatch(int Index, GeneratedSequence Sequence, Tier Tier, List<string> Differences)
    {
        public void Deconstruct(out GeneratedSequence s, out Tier tier, out List<string> diffs) =>
            (s, tier, diffs) = (Sequence, Tier, Differences);
    }

    /// <summary>Builds harness images, runs them on all three, compares, shrinks.</summary>
    sealed class BatchRunner(IsaProfile isa, string dir) : IDisposable
    {
        readonly HarnessImage image = new(isa.HarnessElf(), isa.BigEndian);
        public EndingCounts Endings { get; } = new();
        /// <summary>Per tier: entries into compiled code, interpreted block runs (the tier must show in them).</summary>
        public long[,] EngineTotals { get; } = new long[2, 2];
        /// <summary>Generation, qemu, then each tier.</summary>
        public TimeSpan[] Times { get; } = new TimeSpan[4];
        readonly IGuestDisassembler disassembler = isa.CreateDisassembler();
        SequenceGenerator? generator;
        public SequenceGenerator Generator => generator ??= new SequenceGenerator(isa, image.WindowAddress);
        static readonly Tier[] Tiers = [Tier.Interpreter, Tier.Compiled];

        public IEnumerable<Mismatch> Mismatches(List<GeneratedSequence> sequences, uint fill, string name)
        {
            int start = 0;
            while (start < sequences.Count)
            {
                var part = sequences.GetRange(start, sequences.Count - start);
                var records = RunAll(part, fill, name, Tiers);
                foreach (var r in records[0].Values) Endings.Count(r.Signal);
                int firstMissing = part.Count;
                for (int i = 0; i < part.Count; i++)
                {
                    var q = records[0].GetValueOrDefault(i);
                    for (int t = 0; t < Tiers.Length; t++)
                    {
                        var c = records[t + 1].GetValueOrDefault(i);
                        if (q == null || c == null)
                        {
                            firstMissing = Math.Min(firstMissing, i);
                            continue;
                        }
                        var diffs = StateComparison.Differences(isa, q, c);
                        if (diffs.Count > 0) yield return new Mismatch(start + i, part[i], Tiers[t], diffs);
                    }
                    if (firstMissing == i) break;
                }
                if (firstMissing == part.Count) yield break;
                // A harness died at this sequence: report it, then go on with the ones after it.
                yield return new Mismatch(start + firstMissing, part[firstMissing], Tier.Interpreter, [DeathNote(records, firstMissing)]);
                start += firstMissing + 1;
            }
        }

        string DeathNote(Dictionary<int, HarnessRecord>[] records, int i) =>
            "no record: " + string.Join(", ", new[] { isa.QemuCommand, "crossemu interpreter", "crossemu compiled" }
                .Select((who, k) => $"{who} {(records[k].ContainsKey(i) ? "wrote one" : "wrote none")}")) + $"; {lastErrors}";

        string lastErrors = "";

        /// <summary>Records by sequence index: [0] qemu, then one per tier.</summary>
        Dictionary<int, HarnessRecord>[] RunAll(List<GeneratedSequence> part, uint fill, string name, Tier[] tiers)
        {
            string elf = Path.Combine(dir, $"{name}.elf");
            File.WriteAllBytes(elf, image.Build(part.Select(s => s.Words).ToList(), part.Select(s => s.Init).ToList(), fill, isa.EndTrap));
            // qemu-user, like the kernel, runs only files with execute permission.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(elf, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var qemu = Task.Run(() => Timed(1, () => EmulatorRuns.Qemu(isa.QemuCommand, elf, elf + ".qemu.out")));
            var runs = tiers
                .Select(t => Timed(2 + (int)t, () =>
                    EmulatorRuns.CrossEmu(isa.Isa, elf, elf + $".{t}.out", t, image.CodeAddress(0), image.CodeAddress(part.Count))))
                .Prepend(qemu.Result).ToList();
            for (int k = 0; k < tiers.Length; k++)
                if (runs[k + 1].Stats is { } stats)
                {
                    EngineTotals[(int)tiers[k], 0] += stats.CompiledEntries;
                    EngineTotals[(int)tiers[k], 1] += stats.InterpretedRuns;
                }
            lastErrors = string.Join("; ", runs.Select((r, k) => $"exit {r.ExitCode}{(r.Errors.Length > 0 ? " " + r.Errors.Trim() : "")}"));
            return runs.Select(r => HarnessRecord.ReadAll(r.Output, isa.BigEndian, isa.RegisterNames.Count, isa.ExtraNames.Count)
                .ToDictionary(rec => rec.Index)).ToArray();
        }

        T Timed<T>(int slot, Func<T> f)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            try { return f(); }
            finally { lock (Times) Times[slot] += sw.Elapsed; }
        }

        /// <summary>Drops instructions one at a time while the mismatch stays; keeps the image of the result.</summary>
        public (GeneratedSequence, string) Shrink(GeneratedSequence s, Tier tier, uint fill, string name)
        {
            for (int k = s.Words.Length - 1; k >= 0 && s.Words.Length > 1; k--)
            {
                var candidate = s.Without(k);
                if (isa.SequenceValid(candidate) && Compare(candidate, tier, fill, name).Count > 0) s = candidate;
            }
            Compare(s, tier, fill, name);   // leaves name.elf holding the final reproducer
            return (s, Path.Combine(dir, $"{name}.elf"));
        }

        /// <summary>One sequence run alone, at the first slot of an image: qemu's record and the tier's.</summary>
        (HarnessRecord? Qemu, HarnessRecord? CrossEmu) RunAlone(GeneratedSequence s, Tier tier, uint fill, string name)
        {
            var records = RunAll([s], fill, name, [tier]);
            return (records[0].GetValueOrDefault(0), records[1].GetValueOrDefault(0));
        }

        /// <summary>The differences of one sequence run alone.</summary>
        public List<string> Compare(GeneratedSequence s, Tier tier, uint fill, string name)
        {
            var (q, c) = RunAlone(s, tier, fill, name);
            return q == null || c == null ? (q == c ? [] : ["no record from one side"]) : StateComparison.Differences(isa, q, c);
        }

        /// <summary>The reproducer of a sequence run alone. Its differences are those of that run, so
        /// addresses match the listing; a mismatch seen in the batch that this run does not show
        /// (state left over from an earlier sequence) keeps the batch's differences and says so.</summary>
        public string Describe(GeneratedSequence s, string origin, Tier tier, uint fill, List<string> batchDiffs, string? imagePath)
        {
            var (q, c) = RunAlone(s, tier, fill, "describe");
            var alone = q == null || c == null ? batchDiffs : StateComparison.Differences(isa, q, c);
            var diffs = alone.Count > 0 ? alone
                : [.. batchDiffs.Select(d => d + "  (in the batch; run alone the sequence agrees)")];
            return Reproducer.Format(isa, disassembler, s, image.CodeAddress(0), origin, tier, q, c, diffs, imagePath);
        }

        public void Dispose() => disassembler.Dispose();
    }
}
