namespace CrossEmu.Isa.Guests;

/// <summary>
/// The ELF files an ISA runs: e_machine and byte order, and a check of e_flags that gives the
/// reason a file of that machine is refused anyway (an ABI or ISA variant it does not implement).
/// </summary>
public sealed record ElfMatch(ushort Machine, bool BigEndian, Func<uint, string?>? RefuseFlags = null)
{
    /// <summary>Null when the flags are acceptable, else why not.</summary>
    public string? Refusal(uint flags) => RefuseFlags?.Invoke(flags);
}
