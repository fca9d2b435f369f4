using System.Diagnostics;

namespace CrossEmu.Conformance.Runner;

/// <summary>Progress as plain lines (every 10 %), for logs and CI where stdout is not a terminal.</summary>
public sealed class PlainProgressDisplay(TextWriter output) : IProgressDisplay
{
    public void Run(IReadOnlyList<ProgressJob> jobs, Action<ProgressJob, Action<long>> body)
    {
        foreach (var job in jobs)
        {
            output.WriteLine($"{job.Label}: started ({job.TotalWork:N0} units)");
            var clock = Stopwatch.StartNew();
            long done = 0;
            int reportedTenths = 0;
            body(job, n =>
            {
                done += n;
                int tenths = job.TotalWork <= 0 ? 10 : (int)Math.Min(10, done * 10 / job.TotalWork);
                if (tenths <= reportedTenths || tenths == 10) return;
                reportedTenths = tenths;
                output.WriteLine($"{job.Label}: {tenths * 10}%");
            });
            output.WriteLine($"{job.Label}: done in {clock.Elapsed.TotalSeconds:F1} s");
        }
    }
}
