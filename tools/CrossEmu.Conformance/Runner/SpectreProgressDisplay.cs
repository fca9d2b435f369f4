using Spectre.Console;

namespace CrossEmu.Conformance.Runner;

/// <summary>A live Spectre.Console progress bar per ISA × step, for a terminal.</summary>
public sealed class SpectreProgressDisplay(IAnsiConsole console) : IProgressDisplay
{
    public void Run(IReadOnlyList<ProgressJob> jobs, Action<ProgressJob, Action<long>> body) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var tasks = jobs.Select(j => context.AddTask(Markup.Escape(j.Label), autoStart: false, maxValue: Math.Max(1, j.TotalWork))).ToList();
                for (int i = 0; i < jobs.Count; i++)
                {
                    var task = tasks[i];
                    task.StartTask();
                    body(jobs[i], n => task.Increment(n));
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            });
}
