using System.Globalization;
using Spectre.Console;

namespace CrossEmu.Bench;

/// <summary>
/// The tables that follow the timings for the programs that declare them: the time per iteration
/// of a program that repeats one operation (fork+exec+wait, thread create+join, a round trip), and
/// the speed-up of a program run with several thread counts.
/// </summary>
internal static class ScalingTables
{
    /// <summary>
    /// Median time / iterations per runner, in microseconds. It includes the process's start-up,
    /// which is spread over the iterations (hello's row shows what start-up alone costs).
    /// </summary>
    public static void WritePerIteration(IAnsiConsole console, string arch, List<BenchRow> rows, List<(string Name, string Title)> runners,
                                         Func<string, string, double?> median)
    {
        var repeated = rows.Where(r => r.Iterations is not null).ToList();
        if (repeated.Count == 0) return;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{arch}: microseconds per iteration (median / iterations, with start-up)")
            .AddColumn("program").AddColumn(new TableColumn("iterations").RightAligned());
        foreach (var r in runners)
            table.AddColumn(new TableColumn(Markup.Escape(r.Title)).RightAligned());
        foreach (var row in repeated)
        {
            var cells = new List<string> { Markup.Escape(row.Name), row.Iterations!.Value.ToString(CultureInfo.InvariantCulture) };
            foreach (var r in runners)
                cells.Add(median(row.Name, r.Name) is { } s ? (s * 1e6 / row.Iterations.Value).ToString("F1", CultureInfo.InvariantCulture) : "[grey]-[/]");
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
    }

    /// <summary>
    /// For each program run with several thread counts: per runner, the time with the first count
    /// divided by the time with each other count.
    /// </summary>
    public static void WriteSpeedUps(IAnsiConsole console, string arch, List<BenchRow> rows, List<(string Name, string Title)> runners,
                                     Func<string, string, double?> median)
    {
        var groups = rows.Where(r => r.Threads is not null).GroupBy(r => r.Program).Where(g => g.Count() > 1).ToList();
        if (groups.Count == 0) return;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{arch}: speed-up, median time with the fewest threads / with more ({Environment.ProcessorCount} host cores)")
            .AddColumn("program").AddColumn("threads");
        foreach (var r in runners)
            table.AddColumn(new TableColumn(Markup.Escape(r.Title)).RightAligned());
        foreach (var group in groups)
        {
            var first = group.First();
            foreach (var more in group.Skip(1))
            {
                var cells = new List<string> { Markup.Escape(group.Key), $"{first.Threads} -> {more.Threads}" };
                foreach (var r in runners)
                {
                    double? one = median(first.Name, r.Name), many = median(more.Name, r.Name);
                    cells.Add(one is { } a && many is { } b && b > 0 ? (a / b).ToString("F2", CultureInfo.InvariantCulture) + "x" : "[grey]n/a[/]");
                }
                table.AddRow(cells.ToArray());
            }
        }
        console.Write(table);
    }
}
