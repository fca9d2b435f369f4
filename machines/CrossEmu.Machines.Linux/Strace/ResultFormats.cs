namespace CrossEmu.Machines.Linux.Strace;

/// <summary>How successful results are printed; `-> kind` at the end of a registration string picks one.</summary>
static class ResultFormats
{
    public static ResultKind Default { get; } = new("int", (_, r) => r.ToString());

    public static IEnumerable<ResultKind> Kinds =>
    [
        Default,
        // Addresses (mmap, brk, mremap).
        new ResultKind("ptr", (_, r) => $"0x{(uint)r:x}"),
        new ResultKind("hex", (_, r) => $"0x{(uint)r:x}"),
        new ResultKind("octal", (_, r) => ScalarFormats.Mode(r)),
        // exit and exit_group: the line is written before the call, which does not come back.
        new ResultKind("noreturn", (_, _) => "?", NeverReturns: true),
        .. FcntlFormats.Results,
        .. PollFormats.Results,
    ];
}
