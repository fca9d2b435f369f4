using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CrossEmu.Isa.Generators.Decodetree;

/// <summary>
/// Emits Decode (the decision tree as nested switches and ifs: a success returns true, a failure
/// falls through to whatever comes next) and one small Match method per pattern that extracts
/// its fields and calls Trans, keeping Decode itself small enough for the JIT to optimise.
/// </summary>
internal static class DecoderEmitter
{
    public static void EmitDecode(CodeWriter w, DecodeFile f, TreeNode tree)
    {
        string iface = TypesEmitter.InterfaceName(f);
        w.Line("public const int Width = " + TypesEmitter.Int(f.Width) + ";");
        w.Line();
        w.Line("// Calls the Trans method of the pattern matching insn" + (f.Width == 16 ? " (low 16 bits)" : "") + "; false if none accepts it.");
        w.Open("public static bool Decode(" + iface + " t, uint insn)");
        EmitNode(w, f, tree, 0, 0);
        w.Line("return false;");
        w.Close();
        foreach (var p in f.Patterns)
        {
            w.Line();
            EmitMatch(w, f, p, iface);
        }
    }

    private static void EmitNode(CodeWriter w, DecodeFile f, TreeNode node, uint known, uint knownBits)
    {
        switch (node)
        {
            case LeafNode leaf:
                w.Line("if (" + leaf.Pattern.MethodName + "(t, insn)) return true;");
                break;
            case CheckNode check:
                w.Open("if ((insn & " + TypesEmitter.Hex(check.Mask) + ") == " + TypesEmitter.Hex(check.Bits) + ")");
                EmitNode(w, f, check.Body, known | check.Mask, knownBits | check.Bits);
                w.Close();
                break;
            case SeqNode seq:
                foreach (var item in seq.Items)
                    EmitNode(w, f, item, known, knownBits);
                break;
            case SwitchNode sw when sw.Cases.Count == 1:
                EmitNode(w, f, new CheckNode(sw.Mask, sw.Cases[0].Key, sw.Cases[0].Value), known, knownBits);
                break;
            case SwitchNode sw:
                EmitSwitch(w, f, sw, known, knownBits);
                break;
        }
    }

    // Non-contiguous switch bits are packed into a dense key so the C# compiler can use a jump table.
    private static void EmitSwitch(CodeWriter w, DecodeFile f, SwitchNode sw, uint known, uint knownBits)
    {
        var runs = Runs(sw.Mask);
        w.Open("switch (" + KeyExpression(runs) + ")");
        foreach (var c in sw.Cases)
        {
            w.Line("case " + TypesEmitter.Hex(Compress(runs, c.Key)) + ": // " + BitPicture(f, known | sw.Mask, knownBits | c.Key));
            w.Indent();
            EmitNode(w, f, c.Value, known | sw.Mask, knownBits | c.Key);
            w.Line("break;");
            w.Outdent();
        }
        w.Close();
    }

    /// <summary>Contiguous runs of set bits, most significant first, as (position, length).</summary>
    private static List<KeyValuePair<int, int>> Runs(uint mask)
    {
        var runs = new List<KeyValuePair<int, int>>();
        for (int bit = 31; bit >= 0;)
        {
            if ((mask & (1u << bit)) == 0)
            {
                bit--;
                continue;
            }
            int top = bit;
            while (bit >= 0 && (mask & (1u << bit)) != 0)
                bit--;
            runs.Add(new KeyValuePair<int, int>(bit + 1, top - bit));
        }
        return runs;
    }

    private static string KeyExpression(List<KeyValuePair<int, int>> runs)
    {
        int offset = runs.Sum(r => r.Value);
        var terms = new List<string>();
        foreach (var r in runs)
        {
            offset -= r.Value;
            uint m = LowMask(r.Value) << offset;
            int shift = r.Key - offset;
            terms.Add(shift == 0 ? "(insn & " + TypesEmitter.Hex(m) + ")" : "((insn >> " + shift + ") & " + TypesEmitter.Hex(m) + ")");
        }
        return string.Join(" | ", terms);
    }

    private static uint Compress(List<KeyValuePair<int, int>> runs, uint value)
    {
        int offset = runs.Sum(r => r.Value);
        uint key = 0;
        foreach (var r in runs)
        {
            offset -= r.Value;
            key |= ((value >> r.Key) & LowMask(r.Value)) << offset;
        }
        return key;
    }

    private static uint LowMask(int len) => len >= 32 ? 0xFFFFFFFFu : (1u << len) - 1;

    /// <summary>The bits known at a case, decodetree style: 0/1 where known, '.' elsewhere.</summary>
    private static string BitPicture(DecodeFile f, uint mask, uint bits)
    {
        var sb = new StringBuilder();
        for (int bit = f.Width - 1; bit >= 0; bit--)
        {
            uint b = 1u << bit;
            sb.Append((mask & b) == 0 ? '.' : (bits & b) != 0 ? '1' : '0');
            if (bit % 4 == 0 && bit != 0)
                sb.Append(' ');
        }
        return sb.ToString();
    }

    private static void EmitMatch(CodeWriter w, DecodeFile f, PatternDef p, string iface)
    {
        w.Line("// line " + TypesEmitter.Int(p.Pos.Line) + ": " + BitPicture(f, p.FixedMask, p.FixedBits));
        w.Open("private static bool " + p.MethodName + "(" + iface + " t, uint insn)");
        w.Line("var a = default(" + TypesEmitter.StructName(f, p.ArgSet) + ");");
        foreach (var field in p.Fields)
            w.Line("a." + Names.Escape(field.Name) + " = " + ValueExpression(field.Value) + ";");
        w.Line("return t.Trans_" + p.Name + "(ref a);");
        w.Close();
    }

    /// <summary>unchecked: a project built with overflow checks must not trap on the uint-to-int casts.</summary>
    private static string ValueExpression(FieldValue v)
    {
        if (v.Constant is int c)
            return TypesEmitter.Int(c);
        if (v.IsParameter)
            return "t." + Names.Escape(v.Function!) + "()";
        string expr = SegmentExpression(v.Segments[0], first: true);
        foreach (var s in v.Segments.Skip(1))
            expr = "((" + expr + ") << " + s.Len + ") | " + SegmentExpression(s, first: false);
        expr = "unchecked(" + expr + ")";
        return v.Function == null ? expr : "t." + Names.Escape(v.Function) + "(" + expr + ")";
    }

    // Only the first (most significant) segment's sign counts: the others sit below it.
    private static string SegmentExpression(Segment s, bool first)
    {
        string len = s.Len.ToString(CultureInfo.InvariantCulture);
        bool signed = first && s.Signed;
        if (s.Ref != null)
        {
            string src = "a." + Names.Escape(s.Ref);
            if (s.Len >= 32)
                return src;
            return signed
                ? "((" + src + " << " + (32 - s.Len) + ") >> " + (32 - s.Len) + ")"
                : "(" + src + " & " + TypesEmitter.Hex(LowMask(s.Len)).TrimEnd('u') + ")";
        }
        if (signed)
        {
            int up = 32 - s.Pos - s.Len;
            string shifted = up == 0 ? "insn" : "(insn << " + up + ")";
            return s.Len == 32 ? "(int)insn" : "((int)" + shifted + " >> " + (32 - s.Len) + ")";
        }
        if (s.Pos + s.Len >= 32)
            return s.Pos == 0 ? "(int)insn" : "(int)(insn >> " + s.Pos + ")";
        string down = s.Pos == 0 ? "insn" : "(insn >> " + s.Pos + ")";
        return "(int)(" + down + " & " + TypesEmitter.Hex(LowMask(s.Len)) + ")";
    }
}
