namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>A broken machine file: the message reads "file:line: what is wrong".</summary>
public sealed class MachineFileException(SourceLocation location, string problem)
    : Exception($"{location}: {problem}")
{
    public SourceLocation Location { get; } = location;
    public string Problem { get; } = problem;
}
