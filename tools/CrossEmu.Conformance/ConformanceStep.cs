namespace CrossEmu.Conformance;

/// <summary>What `crossemu conformance` was asked to do.</summary>
public sealed record ConformanceOptions
{
    /// <summary>The guest ISAs to check.</summary>
    public IReadOnlyList<IConformanceGuest> Isas { get; init; } = [];
    public ulong Seed { get; init; } = 1;
    /// <summary>Differential: instruction sequences per ISA. Decoder: random words per ISA.</summary>
    public int Count { get; init; } = 1000;
    public string? JUnitPath { get; init; }
    /// <summary>Where harness ELFs, outputs and reproducers go; a temporary directory when null.</summary>
    public string? WorkDirectory { get; init; }
}

/// <summary>One sub-step of the conformance command (decoder cross-check, differential execution), per ISA.</summary>
public interface IConformanceStep
{
    /// <summary>Short name, used in the summary table and as the JUnit suite name ("decoder", "differential").</summary>
    string Name { get; }

    /// <summary>Units of work Run will report through advance, for the progress bar.</summary>
    long TotalWork(IConformanceGuest isa, ConformanceOptions options);

    StepResult Run(IConformanceGuest isa, ConformanceOptions options, Action<long> advance, CancellationToken cancel);
}

/// <summary>One step's result for one ISA: a case per decode pattern (or per instruction class).</summary>
public sealed class StepResult(string isa, string step)
{
    public string Isa { get; } = isa;
    public string Step { get; } = step;
    public List<CaseResult> Cases { get; } = [];
    public TimeSpan Elapsed { get; set; }
    /// <summary>Set when the whole step could not run here (qemu-user missing...): reported as skipped.</summary>
    public string? SkippedReason { get; set; }
    /// <summary>Things worth a look that are not failures (a data-file entry that matched nothing...).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Lines worth showing under the summary (how the sequences ended, what was left out...).</summary>
    public List<string> Notes { get; } = [];

    public long Checked => Cases.Sum(c => c.Checked);
    public int Failures => Cases.Sum(c => c.Failures.Count);
    public int Explained => Cases.Sum(c => c.Explained);
}

/// <summary>One pattern's (or group's) outcome: how many checks ran, each failure with a reproducer.</summary>
public sealed class CaseResult(string name)
{
    public string Name { get; } = name;
    public long Checked { get; set; }
    /// <summary>Disagreements, each a self-contained text: the words, their disassembly, both sides' results.</summary>
    public List<string> Failures { get; } = [];
    /// <summary>Disagreements listed in a data file of intentional differences (counted, not failed).</summary>
    public int Explained { get; set; }
}
