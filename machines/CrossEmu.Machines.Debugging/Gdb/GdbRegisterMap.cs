using System.Text;
using CrossEmu.Isa.Guests;

namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>
/// An ISA's registers in gdb's numbering, with the byte order they travel in and the target
/// description (target.xml) generated from the same list, so the numbers gdb reads from the XML
/// always match what `g` and `p` send. Registers are listed in XML order; numbers cover 0..Count-1.
/// </summary>
public sealed class GdbRegisterMap
{
    readonly GdbRegister[] byNumber;

    public GdbRegisterMap(string architecture, bool bigEndian, IReadOnlyList<GdbRegister> registers)
    {
        Architecture = architecture;
        BigEndian = bigEndian;
        Registers = registers;
        byNumber = new GdbRegister[registers.Count];
        foreach (var r in registers)
        {
            if (r.Number < 0 || r.Number >= byNumber.Length || byNumber[r.Number] != null)
                throw new ArgumentException($"register {r.Name}: number {r.Number} is a duplicate or leaves a gap");
            byNumber[r.Number] = r;
        }
        TargetXml = BuildTargetXml();
    }

    /// <summary>gdb's BFD architecture name (`arm`, `mips`).</summary>
    public string Architecture { get; }
    public bool BigEndian { get; }
    /// <summary>In target-description order.</summary>
    public IReadOnlyList<GdbRegister> Registers { get; }
    public int Count => byNumber.Length;
    public GdbRegister this[int number] => byNumber[number];
    public string TargetXml { get; }

    /// <summary>The registers of an ISA's table that gdb numbers, under the names gdb's features use.</summary>
    public static unsafe GdbRegisterMap From(RegisterTable table, bool bigEndian) =>
        new(table.GdbArchitecture, bigEndian, table.Registers.Where(r => r.Gdb != null).Select(r =>
        {
            var gdb = r.Gdb!;
            var write = r.Write;
            return new GdbRegister(gdb.Number, gdb.Feature, gdb.Name ?? r.Name, gdb.Type, s => (uint)r.Read(s),
                write == null ? null : (s, v) => write(s, v), gdb.Group);
        }).ToList());

    string BuildTargetXml()
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        xml.Append($"  <architecture>{Architecture}</architecture>\n");
        foreach (var feature in Registers.GroupBy(r => r.Feature))
        {
            xml.Append($"  <feature name=\"{feature.Key}\">\n");
            foreach (var r in feature)
            {
                xml.Append($"    <reg name=\"{r.Name}\" bitsize=\"32\" regnum=\"{r.Number}\"");
                if (r.Type != null) xml.Append($" type=\"{r.Type}\"");
                if (r.Group != null) xml.Append($" group=\"{r.Group}\"");
                xml.Append("/>\n");
            }
            xml.Append("  </feature>\n");
        }
        xml.Append("</target>\n");
        return xml.ToString();
    }
}
