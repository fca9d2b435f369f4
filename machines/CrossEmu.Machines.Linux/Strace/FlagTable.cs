using System.Text;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>
/// Names for the bits of a flag word: `A|B|0x40`, leftover bits in hex. Entries are tried in order and
/// may cover several bits (list a composite such as O_SYNC before its parts).
/// </summary>
public sealed class FlagTable
{
    readonly (string Name, uint Value)[] entries;

    public FlagTable(params (string Name, uint Value)[] entries) => this.entries = entries;

    public IReadOnlyList<(string Name, uint Value)> Entries => entries;

    /// <summary>The same names at another ABI's values: each value goes through hostToGuest. When two
    /// names land on one guest value the first keeps it, and names with no guest value are dropped.</summary>
    public FlagTable ToGuest(Func<uint, uint> hostToGuest)
    {
        var seen = new HashSet<uint>();
        var guest = new List<(string, uint)>();
        foreach (var (name, value) in entries)
        {
            uint g = hostToGuest(value);
            if (g != 0 && seen.Add(g)) guest.Add((name, g));
        }
        return new FlagTable(guest.ToArray());
    }

    /// <summary>The word as names; zero as "0" unless a prefix (an O_RDONLY, a MAP_PRIVATE) was written.</summary>
    public string Format(uint value, string? prefix = null)
    {
        var sb = new StringBuilder(prefix);
        foreach (var (name, bits) in entries)
        {
            if (bits == 0 || (value & bits) != bits) continue;
            if (sb.Length > 0) sb.Append('|');
            sb.Append(name);
            value &= ~bits;
        }
        if (value != 0 || sb.Length == 0)
        {
            if (sb.Length > 0) sb.Append('|');
            sb.Append(value == 0 ? "0" : $"0x{value:x}");
        }
        return sb.ToString();
    }
}

/// <summary>Names for the values of an enumeration-like argument (a command, a clock id); others in decimal.</summary>
public sealed class ValueTable
{
    readonly Dictionary<long, string> names = new();

    public ValueTable(params (string Name, long Value)[] entries)
    {
        foreach (var (name, value) in entries) names.TryAdd(value, name);
    }

    public string? Find(long value) => names.GetValueOrDefault(value);

    public string Format(long value) => names.GetValueOrDefault(value) ?? value.ToString();
}
