using System.Diagnostics;

namespace CrossEmu.Conformance.Runner;

/// <summary>Runs each step for each ISA under a progress display; a step that throws becomes a failed case.</summary>
public sealed class ConformanceRunner(IReadOnlyList<IConformanceStep> steps, IProgressDisplay progress)
{
    public IReadOnlyList<StepResult> Run(ConformanceOptions options, CancellationToken cancel = default)
    {
        var jobs = options.Isas.SelectMany(isa => steps.Select(step => new ProgressJob(isa, step, step.TotalWork(isa, options)))).ToList();
        var results = new List<StepResult>();
        progress.Run(jobs, (job, advance) => results.Add(RunOne(job, options, advance, cancel)));
        return results;
    }

    static StepResult RunOne(ProgressJob job, ConformanceOptions options, Action<long> advance, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = job.Step.Run(job.Isa, options, advance, cancel);
            result.Elapsed = clock.Elapsed;
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var crashed = new StepResult(job.Isa.Name, job.Step.Name) { Elapsed = clock.Elapsed };
            var c = new CaseResult("(step failed)");
            c.Failures.Add($"{job.Label}: the step threw {e}");
            crashed.Cases.Add(c);
            return crashed;
        }
    }
}
