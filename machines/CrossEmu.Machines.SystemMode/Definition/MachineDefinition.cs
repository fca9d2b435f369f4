namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>
/// A machine as its file in machines/platforms declares it: CPUs, memory and devices. Every part
/// remembers the line it came from, so that a later check (an overlap found while building the
/// bus, an IRQ wired twice) can still point at the file.
/// </summary>
public sealed record MachineDefinition(
    string Name,
    string Description,
    string Architecture,
    CpuDefinition Cpus,
    MemoryDefinition Memory,
    IReadOnlyList<DeviceDefinition> Devices,
    SourceLocation Location);

/// <summary>A file name and a 1-based line, for errors.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

public sealed record CpuDefinition(int Default, int Max, SourceLocation Location);

/// <summary>Guest RAM: how much by default, and the guest-physical windows it fills in order.</summary>
public sealed record MemoryDefinition(ulong DefaultSize, IReadOnlyList<RamWindow> Windows, SourceLocation Location)
{
    /// <summary>How much RAM the windows can hold in all (ulong.MaxValue if more, which only windows that overlap could).</summary>
    public ulong Capacity => Windows.Aggregate(0UL, (sum, w) => w.Room > ulong.MaxValue - sum ? ulong.MaxValue : sum + w.Room);
}

/// <summary>A guest-physical window that RAM fills from its base up to MaxSize (ulong.MaxValue: no limit).</summary>
public sealed record RamWindow(string Name, ulong Base, ulong MaxSize, SourceLocation Location)
{
    /// <summary>How much RAM fits: MaxSize, and without one up to the end of the physical address space.</summary>
    public ulong Room => Base >= MachineLimits.PhysicalAddressEnd ? 0 : Math.Min(MaxSize, MachineLimits.PhysicalAddressEnd - Base);
}

public enum AddressSpace { Memory, Port }

/// <summary>
/// One device: its type (a class of CrossEmu.Devices), where it sits, which interrupt input its
/// line drives, the console it talks to, and the values bound to its constructor's parameters.
/// </summary>
public sealed record DeviceDefinition(
    string Name,
    string Type,
    AddressSpace Space,
    ulong Address,
    ulong Size,
    int? Irq,
    bool Console,
    IReadOnlyDictionary<string, PropertyValue> Properties,
    SourceLocation Location);

/// <summary>A property's text as written and where, converted when it is bound to a parameter.</summary>
public sealed record PropertyValue(string Text, SourceLocation Location);
