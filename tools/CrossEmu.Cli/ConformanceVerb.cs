using CrossEmu.Bench;
using CrossEmu.Conformance;
using CrossEmu.Conformance.Runner;
using CrossEmu.Guests;
using Spectre.Console;

namespace CrossEmu.Cli;

/// <summary>`crossemu conformance`: the decoder cross-check and differential execution, with a summary and JUnit XML.</summary>
static class ConformanceVerb
{
    public static int Execute(string[] args)
    {
        ConformanceRequest request;
        try { request = ConformanceArguments.Parse(args, ConformanceSteps.All, GuestIsas.Registry, Console.Error); }
        catch (ConformanceArgumentException e)
        {
            Console.Error.WriteLine($"crossemu: {e.Message}");
            return 2;
        }
        if (request.Options is not { } options) return 0;
        if (OutputProblem(options) is { } problem)
        {
            Console.Error.WriteLine($"crossemu: conformance: {problem}");
            return 2;
        }

        // Escape codes and a live display only on a terminal; CI logs get plain lines.
        bool terminal = OutputConsole.IsTerminal;
        var console = OutputConsole.Create();
        IProgressDisplay progress = terminal ? new SpectreProgressDisplay(console) : new PlainProgressDisplay(Console.Out);

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        IReadOnlyList<StepResult> results;
        try { results = new ConformanceRunner(request.Steps, progress).Run(options, cancel.Token); }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("crossemu: conformance: interrupted");
            return 130;
        }
        ConformanceReport.Print(console, Console.Out, results);
        if (options.JUnitPath != null) JUnitWriter.Write(options.JUnitPath, results);
        return ConformanceReport.ExitCode(results);
    }

    /// <summary>Why the work directory or the JUnit file cannot be written, found before a run
    /// that may take an hour rather than after it; null when both are usable.</summary>
    static string? OutputProblem(ConformanceOptions options)
    {
        try
        {
            if (options.WorkDirectory != null) Directory.CreateDirectory(options.WorkDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot create the work directory {options.WorkDirectory}: {e.Message}";
        }
        try
        {
            if (options.JUnitPath != null) File.WriteAllText(options.JUnitPath, "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write the JUnit file {options.JUnitPath}: {e.Message}";
        }
        return null;
    }
}
