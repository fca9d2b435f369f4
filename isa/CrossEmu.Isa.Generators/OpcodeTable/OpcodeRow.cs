using System.Collections.Generic;

namespace CrossEmu.Isa.Generators.OpcodeTable;

/// <summary>One row of Opcodes.def.</summary>
internal sealed class OpcodeRow
{
    public string Name = "";
    public string Result = "void";
    public List<string> Args = new List<string>();
    public List<string> Attributes = new List<string>();
    public string? AuxName;
    public string? Aux2Name;
    public int Line;

    public bool Has(string attribute) => Attributes.Contains(attribute);
}
