namespace CrossEmu.Isa.Guests;

/// <summary>An ELF file no registered ISA runs, or a name no ISA answers to; the message says why.</summary>
public sealed class UnsupportedGuestException(string message) : Exception(message);

/// <summary>
/// The guest ISAs a build of CrossEmu knows, asked by name or by ELF header. Lookup only: the
/// list itself is made once, where the descriptors are declared.
/// </summary>
public sealed class GuestIsaRegistry
{
    public GuestIsaRegistry(IEnumerable<IGuestIsa> isas)
    {
        All = isas.ToList();
        var names = All.SelectMany(i => i.Aliases.Prepend(i.Name)).GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (names != null) throw new ArgumentException($"two ISAs answer to '{names.Key}'");
    }

    public IReadOnlyList<IGuestIsa> All { get; }

    public IEnumerable<string> Names => All.Select(i => i.Name);

    /// <summary>The ISAs that also offer facet T (a layer's interface: the Linux ABI, the conformance profile).</summary>
    public IEnumerable<T> With<T>() => All.OfType<T>();

    /// <summary>The ISA with this name or alias (case-insensitive), or null.</summary>
    public IGuestIsa? Find(string nameOrAlias) =>
        All.FirstOrDefault(i => i.Aliases.Prepend(i.Name).Contains(nameOrAlias.Trim(), StringComparer.OrdinalIgnoreCase));

    /// <summary>The ISA with this name or alias; UnsupportedGuestException naming the known ones otherwise.</summary>
    public IGuestIsa Get(string nameOrAlias) =>
        Find(nameOrAlias) ?? throw new UnsupportedGuestException($"unknown ISA '{nameOrAlias}' (known: {string.Join(", ", Names)})");

    /// <summary>
    /// The ISA that runs an ELF file of this e_machine (named machineName in messages), byte order
    /// and e_flags; UnsupportedGuestException with the reason when none does.
    /// </summary>
    public IGuestIsa ForElf(ushort machine, string machineName, bool bigEndian, uint flags)
    {
        var ofMachine = All.Where(i => i.Elf.Machine == machine).ToList();
        if (ofMachine.Count == 0)
            throw new UnsupportedGuestException($"unsupported machine {machineName} (supported: {string.Join(", ", Names)})");
        var isa = ofMachine.FirstOrDefault(i => i.Elf.BigEndian == bigEndian)
            ?? throw new UnsupportedGuestException($"{(bigEndian ? "big" : "little")}-endian {machineName} programs are not supported " +
                $"({string.Join(", ", ofMachine.Select(i => i.Name))} runs {(bigEndian ? "little" : "big")}-endian ones)");
        if (isa.Elf.Refusal(flags) is { } reason) throw new UnsupportedGuestException(reason);
        return isa;
    }
}
