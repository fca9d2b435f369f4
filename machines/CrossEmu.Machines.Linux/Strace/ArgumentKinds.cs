namespace CrossEmu.Machines.Linux.Strace;

/// <summary>Every argument and result kind a registration string may name, by name.</summary>
public static class ArgumentKinds
{
    static readonly Dictionary<string, ArgumentKind> Arguments = new IEnumerable<ArgumentKind>[]
    {
        ScalarFormats.Kinds, StringFormats.Kinds, FileFormats.Kinds, FileStructFormats.Kinds, DescriptorFormats.Kinds,
        FcntlFormats.Kinds, IoctlFormats.Kinds, PollFormats.Kinds, SocketFormats.Kinds, EventFormats.Kinds,
        MemoryFormats.Kinds, SignalFormats.Kinds, TimeFormats.Kinds, FutexFormats.Kinds, ProcessFormats.Kinds,
    }.SelectMany(k => k).ToDictionary(k => k.Name);

    static readonly Dictionary<string, ResultKind> Results = ResultFormats.Kinds.ToDictionary(k => k.Name);

    public static IEnumerable<string> ArgumentNames => Arguments.Keys;

    public static ArgumentKind Argument(string name) => Arguments.TryGetValue(name, out var kind) ? kind
        : throw new FormatException($"unknown syscall argument kind '{name}'");

    public static ResultKind Result(string name) => Results.TryGetValue(name, out var kind) ? kind
        : throw new FormatException($"unknown syscall result kind '{name}'");
}
