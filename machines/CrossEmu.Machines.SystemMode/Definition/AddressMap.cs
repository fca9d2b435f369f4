namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>One row of a machine's address map, for `crossemu machines NAME`.</summary>
public sealed record AddressMapRow(AddressSpace Space, ulong Start, ulong End, string Kind, string Name, string Type, int? Irq);

public static class AddressMap
{
    /// <summary>RAM as the given size fills the windows, then every device, each space in address order.</summary>
    public static IReadOnlyList<AddressMapRow> Of(MachineDefinition machine, ulong memorySize)
    {
        var rows = new List<AddressMapRow>();
        foreach (var (window, size) in FillWindows(machine.Memory, memorySize))
            rows.Add(new AddressMapRow(AddressSpace.Memory, window.Base, window.Base + size - 1, "RAM", window.Name, FormatSize(size), null));
        foreach (var d in machine.Devices)
            rows.Add(new AddressMapRow(d.Space, d.Address, d.Address + d.Size - 1, d.Space == AddressSpace.Port ? "I/O" : "MMIO", d.Name, d.Type, d.Irq));
        return rows.OrderBy(r => r.Space).ThenBy(r => r.Start).ToList();
    }

    /// <summary>How much of the RAM goes into each window, in order, up to each window's maximum.</summary>
    public static IReadOnlyList<(RamWindow Window, ulong Size)> FillWindows(MemoryDefinition memory, ulong size)
    {
        var result = new List<(RamWindow, ulong)>();
        ulong left = size;
        foreach (var w in memory.Windows)
        {
            if (left == 0) break;
            var take = Math.Min(left, w.Room);
            if (take == 0) continue;
            result.Add((w, take));
            left -= take;
        }
        if (left != 0)
            throw new ArgumentOutOfRangeException(nameof(size),
                $"{FormatSize(size)} of RAM does not fit in the machine's RAM windows ({FormatSize(memory.Capacity)} at most)");
        return result;
    }

    public static string FormatSize(ulong bytes) =>
        bytes == ulong.MaxValue ? "unlimited"
        : bytes % (1UL << 30) == 0 ? $"{bytes >> 30} GiB"
        : bytes % (1UL << 20) == 0 ? $"{bytes >> 20} MiB"
        : bytes % (1UL << 10) == 0 ? $"{bytes >> 10} KiB"
        : $"{bytes} bytes";
}
