using System.Text;
using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Guests;

/// <summary>
/// An ISA's architectural registers in one list: names, gdb numbering (gdb's architecture name
/// too) and the `-d cpu` layout, so the debugger, the logs and the tests read one table.
/// </summary>
public sealed class RegisterTable
{
    public RegisterTable(string gdbArchitecture, IEnumerable<GuestRegister> registers)
    {
        GdbArchitecture = gdbArchitecture;
        Registers = registers.ToList();
        var duplicate = Registers.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new ArgumentException($"register {duplicate.Key} is listed twice");
    }

    /// <summary>gdb's BFD architecture name (`arm`, `mips`).</summary>
    public string GdbArchitecture { get; }

    public IReadOnlyList<GuestRegister> Registers { get; }

    public GuestRegister this[string name] =>
        Registers.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"no register {name}");

    /// <summary>Every slot of a layout as a register (for made-up ISAs of tests, which declare no table).</summary>
    public static RegisterTable FromLayout(GuestStateLayout layout) =>
        new("", layout.Slots.Select(s => GuestRegister.FromSlot(layout, s.Index)));

    /// <summary>
    /// `-d cpu`: the pc, the word registers eight to a row in aligned columns, then the one-bit
    /// registers (flags) on a line of their own.
    /// </summary>
    public unsafe string FormatForLog(byte* state)
    {
        const int PerRow = 8;
        var words = Registers.Where(r => r.Log == CpuLogPlacement.Word).ToList();
        var flags = Registers.Where(r => r.Log == CpuLogPlacement.Flag).ToList();
        int width = Math.Max(2, words.Count == 0 ? 0 : words.Max(r => r.Name.Length));
        var sb = new StringBuilder($"{"pc".PadLeft(width)}={((CpuHeader*)state)->Pc:x8}\n");
        for (int i = 0; i < words.Count; i++)
        {
            ulong value = words[i].Read(state);
            sb.Append(words[i].Name.PadLeft(width)).Append('=').Append(words[i].Bits > 32 ? value.ToString("x16") : value.ToString("x8"))
              .Append(i % PerRow == PerRow - 1 || i == words.Count - 1 ? '\n' : ' ');
        }
        if (flags.Count > 0)
            sb.Append(' ', width - 1).AppendJoin(' ', flags.Select(r => $"{r.Name}={r.Read(state)}")).Append('\n');
        return sb.ToString();
    }
}
