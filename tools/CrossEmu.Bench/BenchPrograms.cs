namespace CrossEmu.Bench;

/// <summary>
/// A row of the benchmark table: a program of testsuites/bench and the arguments it runs with.
/// Iterations: how many times the program repeats the operation it times (the report adds the time
/// per iteration); Threads: the thread count of a row of a `bench-threads` program; Cpus: the host
/// CPUs every runner's process is pinned to (a `taskset -c` list), or null.
/// </summary>
internal sealed record BenchRow(string Name, string Program, IReadOnlyList<string> Arguments, int? Iterations = null, int? Threads = null,
                                string? Cpus = null);

/// <summary>
/// The rows of the benchmark programs. A program declares what it needs beyond its name in comment
/// lines of its source: <c>// bench-iterations: N</c> (it repeats one operation N times) and
/// <c>// bench-threads: 1 4</c> (one row per thread count, NAME-t1 and NAME-t4, run with the count as
/// the argument; the report gives each runner's speed-up over the first count) and
/// <c>// bench-cpus: 0</c> (every runner runs it under <c>taskset -c 0</c>: two threads handing work to
/// each other on two idle cores of a VM measure the host's cross-core wake-up more than the emulator).
/// </summary>
internal static class BenchPrograms
{
    const string IterationsKey = "// bench-iterations:";
    const string ThreadsKey = "// bench-threads:";
    const string CpusKey = "// bench-cpus:";

    /// <summary>The rows of each program, in order; a program's declarations come from sourceDir/NAME.c when it exists.</summary>
    public static List<BenchRow> Rows(string? sourceDir, IEnumerable<string> programs)
    {
        var rows = new List<BenchRow>();
        foreach (var program in programs)
        {
            string? source = sourceDir is null ? null : Path.Combine(sourceDir, program + ".c");
            rows.AddRange(RowsOf(program, source is not null && File.Exists(source) ? File.ReadLines(source) : []));
        }
        return rows;
    }

    /// <summary>A program's rows given its source lines.</summary>
    public static List<BenchRow> RowsOf(string program, IEnumerable<string> sourceLines)
    {
        int? iterations = null;
        string? cpus = null;
        var threads = new List<int>();
        foreach (var raw in sourceLines)
        {
            string line = raw.Trim();
            if (line.StartsWith(IterationsKey, StringComparison.Ordinal))
            {
                var n = PositiveNumbers(program, line[IterationsKey.Length..]);
                iterations = n.Count == 1 ? n[0] : throw new FormatException($"{program}.c: bench-iterations takes one number");
            }
            else if (line.StartsWith(ThreadsKey, StringComparison.Ordinal))
                threads = PositiveNumbers(program, line[ThreadsKey.Length..]);
            else if (line.StartsWith(CpusKey, StringComparison.Ordinal))
                cpus = CpuList(program, line[CpusKey.Length..].Trim());
        }
        if (threads.Count == 0)
            return [new BenchRow(program, program, [], iterations, Cpus: cpus)];
        return threads.Select(t => new BenchRow($"{program}-t{t}", program, [t.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                                                iterations, t, cpus)).ToList();
    }

    /// <summary>--filter: comma-separated parts, a row matches when its name contains one of them (case-insensitive).</summary>
    public static bool Matches(string? filter, string row) =>
        filter is null || filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(part => row.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>A taskset CPU list: numbers, ranges and commas only.</summary>
    static string CpuList(string program, string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is ',' or '-') ? text
            : throw new FormatException($"{program}.c: bench-cpus takes a CPU list such as 0 or 0-1, not '{text}'");

    static List<int> PositiveNumbers(string program, string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var numbers = new List<int>();
        foreach (var w in words)
        {
            if (!int.TryParse(w, System.Globalization.CultureInfo.InvariantCulture, out int n) || n < 1)
                throw new FormatException($"{program}.c: '{text.Trim()}' is not a list of positive numbers");
            numbers.Add(n);
        }
        if (numbers.Count == 0) throw new FormatException($"{program}.c: an empty bench declaration");
        return numbers;
    }
}
