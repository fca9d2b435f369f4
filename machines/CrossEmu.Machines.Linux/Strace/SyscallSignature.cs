namespace CrossEmu.Machines.Linux.Strace;

/// <summary>One parameter of a syscall: its name (documentation only), kind, and first argument slot.</summary>
public sealed record SyscallParameter(string Name, ArgumentKind Kind, int Slot);

/// <summary>
/// A syscall's parameters and result as -strace prints them, parsed from the string given at
/// registration: "dirfd:dirfd, path:str, flags:open_flags, mode:create_mode" with an optional
/// " -> kind" for the result (int when absent). A parameter without a kind is an int.
/// </summary>
public sealed record SyscallSignature(IReadOnlyList<SyscallParameter> Parameters, ResultKind Result)
{
    const string ResultSeparator = "->";

    public static SyscallSignature Parse(string spec)
    {
        var result = ResultFormats.Default;
        int arrow = spec.IndexOf(ResultSeparator, StringComparison.Ordinal);
        if (arrow >= 0)
        {
            result = ArgumentKinds.Result(spec[(arrow + ResultSeparator.Length)..].Trim());
            spec = spec[..arrow];
        }
        var parameters = new List<SyscallParameter>();
        int slot = 0;
        foreach (var part in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = part.IndexOf(':');
            string name = colon < 0 ? part : part[..colon].Trim();
            var kind = ArgumentKinds.Argument(colon < 0 ? "int" : part[(colon + 1)..].Trim());
            parameters.Add(new SyscallParameter(name, kind, slot));
            slot += kind.Slots;
        }
        if (slot > Syscalls.SyscallContext.MaxArgs)
            throw new FormatException($"'{spec}' takes {slot} argument slots, more than {Syscalls.SyscallContext.MaxArgs}");
        return new SyscallSignature(parameters, result);
    }

    /// <summary>Argument slots the call takes (a 64-bit value takes two).</summary>
    public int Slots => Parameters.Sum(p => p.Kind.Slots);
}
