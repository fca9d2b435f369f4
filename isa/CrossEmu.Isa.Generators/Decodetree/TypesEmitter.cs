using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrossEmu.Isa.Generators.Decodetree;

/// <summary>
/// Emits the types a decoder is used through: one struct per argument set, the translator
/// interface, the pattern-description records and the Patterns table.
/// </summary>
internal static class TypesEmitter
{
    public static string StructName(DecodeFile f, ArgSetDef set) => f.Name + "Arg_" + set.Name;

    public static string InterfaceName(DecodeFile f) => "I" + f.Name + "Translator";

    public static void EmitArgStructs(CodeWriter w, DecodeFile f)
    {
        foreach (var set in f.ArgSetOrder)
        {
            w.Line("// " + (set.Implicit ? "Inferred for " : "Argument set ") + set.Origin +
                " (line " + set.Pos.Line.ToString(CultureInfo.InvariantCulture) + ").");
            w.Open("public struct " + StructName(f, set));
            foreach (var m in set.Members)
                w.Line("public int " + Names.Escape(m) + ";");
            w.Close();
            w.Line();
        }
    }

    public static void EmitInterface(CodeWriter w, DecodeFile f)
    {
        w.Line("// Implemented by the lifter. Trans_X returns false for \"not this pattern\" (undefined encoding, missing");
        w.Line("// feature): inside a { } group the next pattern is tried, otherwise Decode returns false.");
        w.Line("// The int methods are the !function transforms, called while fields are extracted.");
        w.Open("public interface " + InterfaceName(f));
        foreach (var group in f.Patterns.GroupBy(p => p.Name))
        {
            var first = group.First();
            string lines = string.Join(", ", group.Select(p => p.Pos.Line.ToString(CultureInfo.InvariantCulture)));
            w.Line("// line" + (group.Count() > 1 ? "s " : " ") + lines);
            w.Line("bool Trans_" + first.Name + "(ref " + StructName(f, first.ArgSet) + " a);");
        }
        foreach (var fn in Functions(f, parameter: false))
            w.Line("int " + Names.Escape(fn) + "(int x);");
        foreach (var fn in Functions(f, parameter: true))
            w.Line("int " + Names.Escape(fn) + "();");
        w.Close();
        w.Line();
    }

    /// <summary>Distinct !function names used by patterns, in first-use order.</summary>
    private static IEnumerable<string> Functions(DecodeFile f, bool parameter) =>
        f.Patterns.SelectMany(p => p.Fields)
            .Where(a => a.Value.Function != null && a.Value.IsParameter == parameter)
            .Select(a => a.Value.Function!)
            .Distinct();

    public static void EmitInfoTypes(CodeWriter w, DecodeFile f)
    {
        string n = f.Name;
        w.Line("// One run of bits of a field: Pos/Len in the instruction word, or the low Len bits of the field FieldRef.");
        w.Line("public sealed record " + n + "FieldSegment(int Pos, int Len, bool Signed, string? FieldRef);");
        w.Line("// How a pattern sets one argument: segments (first one most significant) through Function, or a Constant.");
        w.Line("public sealed record " + n + "FieldInfo(string Name, " + n + "FieldSegment[] Segments, string? Function, int? Constant);");
        w.Line("// A pattern: (insn & FixedMask) == FixedBits selects it; FieldMask bits feed its fields, IgnoredMask bits are '-'.");
        w.Line("// ArgSet is the argument struct's type name. InOverlapGroup: an earlier { } member may take its words first.");
        w.Line("public sealed record " + n + "PatternInfo(string Name, uint FixedMask, uint FixedBits, int Line, string ArgSet, " +
               n + "FieldInfo[] Fields, uint FieldMask, uint IgnoredMask, bool InOverlapGroup);");
        w.Line();
    }

    public static void EmitPatternTable(CodeWriter w, DecodeFile f)
    {
        string n = f.Name;
        w.Line("// Every pattern in file order, for tests and fuzzers that enumerate encodings.");
        w.Line("public static readonly " + n + "PatternInfo[] Patterns = new " + n + "PatternInfo[]");
        w.Line("{").Indent();
        foreach (var p in f.Patterns)
        {
            w.Line("new " + n + "PatternInfo(\"" + p.Name + "\", " + Hex(p.FixedMask) + ", " + Hex(p.FixedBits) + ", " +
                   p.Pos.Line.ToString(CultureInfo.InvariantCulture) + ", \"" + StructName(f, p.ArgSet) + "\", new " + n + "FieldInfo[]");
            w.Line("{").Indent();
            foreach (var member in p.ArgSet.Members)
                w.Line(FieldInfo(n, p.Fields.First(a => a.Name == member)) + ",");
            w.Outdent().Line("}, " + Hex(p.FieldMask) + ", " + Hex(p.UndefMask) + ", " + (p.InOverlapGroup ? "true" : "false") + "),");
        }
        w.Outdent().Line("};");
    }

    private static string FieldInfo(string n, FieldAssign a)
    {
        var v = a.Value;
        string segs = v.Segments.Count == 0
            ? "System.Array.Empty<" + n + "FieldSegment>()"
            : "new " + n + "FieldSegment[] { " + string.Join(", ", v.Segments.Select(s =>
                "new " + n + "FieldSegment(" + Int(s.Pos) + ", " + Int(s.Len) + ", " + (s.Signed ? "true" : "false") + ", " +
                (s.Ref == null ? "null" : "\"" + s.Ref + "\"") + ")")) + " }";
        return "new " + n + "FieldInfo(\"" + a.Name + "\", " + segs + ", " +
               (v.Function == null ? "null" : "\"" + v.Function + "\"") + ", " +
               (v.Constant is int c ? Int(c) : "null") + ")";
    }

    public static string Hex(uint v) => "0x" + v.ToString("X8", CultureInfo.InvariantCulture) + "u";

    public static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
