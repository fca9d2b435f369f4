namespace CrossEmu.Machines.Linux.Strace;

/// <summary>Formats the argument starting at slot; null leaves it out of the line (an unused mode,
/// a pad word, arguments a futex operation does not take).</summary>
public delegate string? ArgumentFormatter(StraceCall call, int slot);

/// <summary>
/// One kind of syscall argument, as the registration strings name it ("fd", "open_flags",
/// "out_stat64"): how it is printed, whether only after the call (it points at what the call
/// fills in), and how many argument slots it takes (a 64-bit value takes a register pair).
/// </summary>
public sealed record ArgumentKind(string Name, ArgumentFormatter Format, bool AfterCall = false, int Slots = 1)
{
    /// <summary>Whether the argument is a guest descriptor that the dispatcher replaces by its host
    /// descriptor before the handler runs (the handler then never sees guest numbers).</summary>
    public DescriptorArgument Descriptor { get; init; }

    /// <summary>A kind read before the call.</summary>
    public static ArgumentKind In(string name, ArgumentFormatter format) => new(name, format);

    /// <summary>A pointer to what the call fills in: formatted after a successful call, shown as the
    /// bare pointer when the call failed or the pointer is NULL.</summary>
    public static ArgumentKind Out(string name, ArgumentFormatter format) => new(name,
        (call, slot) => call.Succeeded && call[slot] != 0 ? format(call, slot) : Quoting.Pointer(call[slot]), AfterCall: true);

    /// <summary>A plain value named from a table of this ABI.</summary>
    public static ArgumentKind Value(string name, Func<StraceCall, uint, string> format) =>
        new(name, (call, slot) => format(call, call[slot]));

    /// <summary>A pointer to a struct read before the call.</summary>
    public static ArgumentKind Pointer(string name, ArgumentFormatter format) =>
        new(name, (call, slot) => call[slot] == 0 ? "NULL" : format(call, slot));
}

/// <summary>How a successful result is printed (errors are always `-1 ENAME (message)`).</summary>
public sealed record ResultKind(string Name, Func<StraceCall, long, string> Format, bool NeverReturns = false);

/// <summary>How the dispatcher translates a descriptor argument.</summary>
public enum DescriptorArgument
{
    /// <summary>Not a descriptor, or one the handler looks up itself (close, dup2's new number).</summary>
    None,
    /// <summary>A guest descriptor: the handler gets the host one, or -1 (EBADF) when it is not open.</summary>
    Host,
    /// <summary>A directory descriptor of the *at calls: as Host, but AT_FDCWD stays AT_FDCWD.</summary>
    HostOrCwd,
}
