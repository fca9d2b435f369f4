using Spectre.Console;

namespace CrossEmu.Conformance.Runner;

/// <summary>The end of a run: the summary table, warnings, each failure's reproducers (capped per case), a total line.</summary>
public static class ConformanceReport
{
    public const int ReproducersPerCase = 5;

    /// <summary>The table through console; the other lines unwrapped through text (reproducers are long).</summary>
    public static void Print(IAnsiConsole console, TextWriter text, IReadOnlyList<StepResult> results)
    {
        var table = new Table().Title("conformance");
        foreach (var column in new[] { "ISA", "step", "cases", "checked", "failures", "explained", "time" })
            table.AddColumn(column == "ISA" || column == "step" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        foreach (var r in results)
            table.AddRow(r.Isa, r.Step, r.SkippedReason != null ? "skipped" : r.Cases.Count.ToString("N0"), r.Checked.ToString("N0"),
                r.Failures.ToString("N0"), r.Explained.ToString("N0"), $"{r.Elapsed.TotalSeconds:F1} s");
        console.Write(table);

        foreach (var r in results)
        {
            if (r.SkippedReason != null) text.WriteLine($"{r.Isa} {r.Step}: skipped: {r.SkippedReason}");
            foreach (var n in r.Notes) text.WriteLine($"{r.Isa} {r.Step}: {n}");
            foreach (var w in r.Warnings) text.WriteLine($"{r.Isa} {r.Step}: warning: {w}");
            foreach (var c in r.Cases.Where(c => c.Failures.Count > 0))
            {
                text.WriteLine($"{r.Isa} {r.Step} {c.Name}: {c.Failures.Count:N0} failure(s)");
                foreach (var reproducer in c.Failures.Take(ReproducersPerCase)) text.WriteLine("  " + reproducer);
                if (c.Failures.Count > ReproducersPerCase) text.WriteLine($"  ... and {c.Failures.Count - ReproducersPerCase:N0} more");
            }
        }
        text.WriteLine(SummaryLine(results));
    }

    /// <summary>"conformance: 3 steps, 1,234 checked, 0 failures, 5 explained, 0 skipped".</summary>
    public static string SummaryLine(IReadOnlyList<StepResult> results) =>
        $"conformance: {results.Count} steps, {results.Sum(r => r.Checked):N0} checked, {results.Sum(r => r.Failures):N0} failures, " +
        $"{results.Sum(r => r.Explained):N0} explained, {results.Count(r => r.SkippedReason != null)} skipped";

    public static int ExitCode(IReadOnlyList<StepResult> results) => results.Any(r => r.Failures > 0) ? 1 : 0;
}
