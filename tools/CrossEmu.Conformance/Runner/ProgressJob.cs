namespace CrossEmu.Conformance.Runner;

/// <summary>One step for one ISA, as the progress display shows it.</summary>
public sealed record ProgressJob(IConformanceGuest Isa, IConformanceStep Step, long TotalWork)
{
    public string Label => $"{Isa.Name} {Step.Name}";
}

/// <summary>Shows the jobs' progress while body runs each of them (body gets the job's advance callback).</summary>
public interface IProgressDisplay
{
    void Run(IReadOnlyList<ProgressJob> jobs, Action<ProgressJob, Action<long>> body);
}
