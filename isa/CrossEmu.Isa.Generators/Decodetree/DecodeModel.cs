using System.Collections.Generic;

namespace CrossEmu.Isa.Generators.Decodetree;

/// <summary>A place in the .decode file: 1-based line, 0-based column, length in characters.</summary>
internal readonly struct SourcePos : System.IEquatable<SourcePos>
{
    public SourcePos(int line, int column, int length)
    {
        Line = line;
        Column = column;
        Length = length;
    }

    public int Line { get; }
    public int Column { get; }
    public int Length { get; }

    public bool Equals(SourcePos other) => Line == other.Line && Column == other.Column && Length == other.Length;

    public override bool Equals(object? obj) => obj is SourcePos p && Equals(p);

    public override int GetHashCode() => (Line * 397) ^ (Column * 31) ^ Length;
}

/// <summary>
/// A run of bits taken from the instruction word (Ref == null) or from the low bits of another
/// field of the same pattern (Ref != null, Pos is then 0). Only the first segment's sign matters,
/// later segments are concatenated below it.
/// </summary>
internal sealed class Segment
{
    public Segment(int pos, int len, bool signed, string? fieldRef)
    {
        Pos = pos;
        Len = len;
        Signed = signed;
        Ref = fieldRef;
    }

    public int Pos { get; }
    public int Len { get; }
    public bool Signed { get; }
    public string? Ref { get; }

    /// <summary>Bits of the instruction word this segment reads (0 for a field reference).</summary>
    public uint Mask => Ref != null ? 0u : (uint)(((1UL << Len) - 1) << Pos);
}

/// <summary>How one argument gets its value: a constant, or segments optionally passed through a function.</summary>
internal sealed class FieldValue
{
    private FieldValue(IReadOnlyList<Segment> segments, string? function, int? constant)
    {
        Segments = segments;
        Function = function;
        Constant = constant;
    }

    public static FieldValue Const(int value) => new(new Segment[0], null, value);

    public static FieldValue Extract(IReadOnlyList<Segment> segments, string? function) => new(segments, function, null);

    public IReadOnlyList<Segment> Segments { get; }
    public string? Function { get; }
    public int? Constant { get; }

    /// <summary>A "parameter": a function called without any bits of the instruction.</summary>
    public bool IsParameter => Constant == null && Segments.Count == 0;

    public uint Mask
    {
        get
        {
            uint m = 0;
            foreach (var s in Segments)
                m |= s.Mask;
            return m;
        }
    }
}

/// <summary>A name bound to a field value: an argument assignment inside a format or pattern, or a `%name` definition.</summary>
internal sealed class FieldAssign
{
    public FieldAssign(string name, FieldValue value, SourcePos pos)
    {
        Name = name;
        Value = value;
        Pos = pos;
    }

    public string Name { get; }
    public FieldValue Value { get; }
    public SourcePos Pos { get; }
}

/// <summary>An `&amp;name` argument set, or one inferred from a format or pattern (Implicit).</summary>
internal sealed class ArgSetDef
{
    public ArgSetDef(string name, List<string> members, SourcePos pos, bool isImplicit, string origin)
    {
        Name = name;
        Members = members;
        Pos = pos;
        Implicit = isImplicit;
        Origin = origin;
    }

    /// <summary>The struct is &lt;decoder&gt;Arg_&lt;Name&gt;; an inferred set takes its format's or pattern's name.</summary>
    public string Name { get; }
    public List<string> Members { get; }
    public SourcePos Pos { get; }
    public bool Implicit { get; set; }

    /// <summary>Where it came from, for messages ("&amp;rrr", "format @opr", "pattern ADD").</summary>
    public string Origin { get; }
}

/// <summary>An `@name` format: bits, fields and an argument set that patterns reuse.</summary>
internal sealed class FormatDef
{
    public string Name { get; set; } = "";
    public SourcePos Pos { get; set; }
    public uint FixedMask { get; set; }
    public uint FixedBits { get; set; }

    /// <summary>Bits marked '-': ignored by the CPU.</summary>
    public uint UndefMask { get; set; }
    public uint FieldMask { get; set; }

    /// <summary>Bits given in the definition's bit strings (0 for a format with none).</summary>
    public int Width { get; set; }
    public List<FieldAssign> Fields { get; } = new();
    public ArgSetDef ArgSet { get; set; } = null!;
}

/// <summary>A node of the pattern tree: a pattern or a group.</summary>
internal abstract class DecodeNode
{
    public SourcePos Pos { get; set; }

    /// <summary>Bits every word matching this node has (for a group: what all members agree on).</summary>
    public uint FixedMask { get; set; }
    public uint FixedBits { get; set; }
}

internal sealed class PatternDef : DecodeNode
{
    public string Name { get; set; } = "";
    public FormatDef? Format { get; set; }
    public ArgSetDef ArgSet { get; set; } = null!;
    public uint UndefMask { get; set; }
    public uint FieldMask { get; set; }

    /// <summary>Every argument of the set, format assignments first, in evaluation order once checked.</summary>
    public List<FieldAssign> Fields { get; set; } = new();
    public bool InOverlapGroup { get; set; }

    /// <summary>Unique among the file's patterns: names may repeat, lines may not.</summary>
    public string MethodName => "Match_" + Name + "_L" + Pos.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>`{ }` (Overlap: members tried in order) or `[ ]` (members must not overlap); the file itself is a `[ ]`.</summary>
internal sealed class GroupNode : DecodeNode
{
    public GroupNode(bool overlap) => Overlap = overlap;

    public bool Overlap { get; }
    public List<DecodeNode> Members { get; } = new();
}

/// <summary>Everything parsed from one .decode file.</summary>
internal sealed class DecodeFile
{
    public string Namespace { get; set; } = "";
    public string Name { get; set; } = "";
    public int Width { get; set; } = 32;
    public uint InsnMask => Width == 32 ? 0xFFFFFFFFu : (uint)((1UL << Width) - 1);

    public GroupNode Root { get; } = new(false);
    /// <summary>The `%name` definitions.</summary>
    public Dictionary<string, FieldAssign> FieldDefs { get; } = new();
    public Dictionary<string, ArgSetDef> ArgSets { get; } = new();
    public Dictionary<string, FormatDef> Formats { get; } = new();

    /// <summary>Every pattern in file order, groups flattened.</summary>
    public List<PatternDef> Patterns { get; } = new();

    /// <summary>Argument sets in declaration order (explicit and inferred), each struct emitted once.</summary>
    public List<ArgSetDef> ArgSetOrder { get; } = new();
}
