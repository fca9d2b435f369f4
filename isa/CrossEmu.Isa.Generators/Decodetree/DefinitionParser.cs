using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace CrossEmu.Isa.Generators.Decodetree;

/// <summary>
/// Reads formats (`@name ...`) and patterns (`NAME ...`): bit strings, inline fields, field
/// references, constants, the format and argument-set references; then checks the result.
/// </summary>
internal sealed class DefinitionParser
{
    private readonly DecodeFile file;
    private readonly List<DecodeDiag> diags;
    private readonly Dictionary<string, PatternDef> firstByName = new();

    public DefinitionParser(DecodeFile file, List<DecodeDiag> diags)
    {
        this.file = file;
        this.diags = diags;
    }

    /// <summary>What the elements of one line said, before format and pattern rules apply.</summary>
    private sealed class Elements
    {
        public ulong FixedBits, FixedMask, UndefMask;
        public int Width;
        public bool TooWide;
        public bool Ok = true;
        public Token? ArgRef, FormatRef;
        public ArgSetDef? ArgSet;
        public FormatDef? Format;
        public readonly List<FieldAssign> Fields = new();
    }

    public void ReadFormat(Token head, List<Token> rest)
    {
        string name = head.Text.Substring(1);
        if (!Names.IsIdent(name))
        {
            Error(DecodeDiagnostics.Syntax, head.Pos, "'" + name + "' is not a valid format name");
            return;
        }
        var e = ReadElements("@" + name, rest);
        if (e.FormatRef != null)
            e.Ok = Fail(DecodeDiagnostics.Syntax, e.FormatRef.Pos, "A format cannot reference another format");
        if (e.Width != 0 && e.Width != file.Width && !e.TooWide)
            e.Ok = Fail(DecodeDiagnostics.BitCount, head.Pos, "@" + name,
                e.Width.ToString(CultureInfo.InvariantCulture), file.Width.ToString(CultureInfo.InvariantCulture));

        var fmt = new FormatDef { Name = name, Pos = head.Pos, Width = e.Width };
        SetBits(fmt, e);
        if (e.ArgSet != null)
        {
            fmt.ArgSet = e.ArgSet;
            foreach (var f in e.Fields)
                if (!e.ArgSet.Members.Contains(f.Name))
                    e.Ok = Fail(DecodeDiagnostics.ArgMismatch, f.Pos,
                        "Field '" + f.Name + "' of format @" + name + " is not in argument set " + e.ArgSet.Origin);
        }
        else
            fmt.ArgSet = Infer(name, e.Fields, head.Pos, "format @" + name);

        CheckMasks("@" + name, head.Pos, fmt.FixedMask, fmt.FieldMask, fmt.UndefMask);
        if (file.Formats.TryGetValue(name, out var previous))
        {
            diags.Add(new DecodeDiag(DecodeDiagnostics.Duplicate, head.Pos, previous.Pos,
                "Format '@" + name + "' is already defined at line " + previous.Pos.Line));
            return;
        }
        // A broken format is still registered so its users do not also report it as undefined.
        file.Formats[name] = fmt;
    }

    public PatternDef? ReadPattern(Token head, List<Token> rest, bool inOverlapGroup)
    {
        string name = head.Text;
        var e = ReadElements(name, rest);
        if (e.Width != file.Width && !e.TooWide)
            e.Ok = Fail(DecodeDiagnostics.BitCount, head.Pos, name,
                e.Width.ToString(CultureInfo.InvariantCulture), file.Width.ToString(CultureInfo.InvariantCulture));

        var p = new PatternDef { Name = name, Pos = head.Pos, InOverlapGroup = inOverlapGroup };
        p.FixedBits = (uint)e.FixedBits;
        p.FixedMask = (uint)e.FixedMask;
        p.UndefMask = (uint)e.UndefMask;
        p.FieldMask = MaskOf(e.Fields);
        var fields = new List<FieldAssign>();
        if (e.Format != null)
            MergeFormat(p, e, e.Format, fields);
        else
            p.ArgSet = e.ArgSet ?? Infer(name, e.Fields, head.Pos, "pattern " + name);
        CheckArguments(p, e, fields);

        e.Ok &= CheckMasks(name, head.Pos, p.FixedMask, p.FieldMask, p.UndefMask);
        uint all = p.FixedMask | p.FieldMask | p.UndefMask;
        if (all != file.InsnMask && !e.TooWide && e.Width == file.Width)
            e.Ok = Fail(DecodeDiagnostics.BitConflict, head.Pos,
                "Pattern " + name + " leaves bits " + Hex(file.InsnMask & ~all) + " unspecified: cover them with a field or mark them '-'");

        // decodetree allows a name on several patterns (one Trans method) if they share the argument set.
        if (!firstByName.TryGetValue(name, out var first))
            firstByName[name] = p;
        else if (first.ArgSet != p.ArgSet)
            e.Ok = FailAt(DecodeDiagnostics.Duplicate, head.Pos, first.Pos,
                "Pattern " + name + " is also defined at line " + first.Pos.Line + " with argument set " + first.ArgSet.Origin +
                "; every pattern of one name must use the same argument set (here " + p.ArgSet.Origin + ")");

        var ordered = FieldOrder.Sort(name, head.Pos, fields, diags);
        if (ordered == null || !e.Ok)
            return null;
        p.Fields = ordered;
        p.FixedBits &= p.FixedMask;
        p.FixedMask &= file.InsnMask;
        file.Patterns.Add(p);
        return p;
    }

    /// <summary>The format brings its bits, fields and argument set; the pattern's bits must not overlap its fixed ones.</summary>
    private void MergeFormat(PatternDef p, Elements e, FormatDef fmt, List<FieldAssign> fields)
    {
        if (e.ArgRef != null)
            e.Ok = Fail(DecodeDiagnostics.ArgMismatch, e.ArgRef.Pos,
                "Pattern " + p.Name + " gives both a format and an argument set; the format's set is used");
        if ((p.FixedMask & fmt.FixedMask) != 0)
            e.Ok = Fail(DecodeDiagnostics.BitConflict, p.Pos,
                "Fixed bits of pattern " + p.Name + " and of its format @" + fmt.Name + " overlap (" + Hex(p.FixedMask & fmt.FixedMask) + ")");
        p.Format = fmt;
        p.ArgSet = fmt.ArgSet;
        p.FixedBits |= fmt.FixedBits;
        p.FixedMask |= fmt.FixedMask;
        p.UndefMask |= fmt.UndefMask;
        p.FieldMask |= fmt.FieldMask;
        fields.AddRange(fmt.Fields);
    }

    /// <summary>Adds the pattern's own fields; together with the format's they must set exactly the set's arguments.</summary>
    private void CheckArguments(PatternDef p, Elements e, List<FieldAssign> fields)
    {
        foreach (var f in e.Fields)
        {
            if (fields.Any(g => g.Name == f.Name))
                e.Ok = Fail(DecodeDiagnostics.AssignedTwice, f.Pos, f.Name, p.Name + "' and its format '@" + p.Format!.Name);
            else
                fields.Add(f);
            if (!p.ArgSet.Members.Contains(f.Name))
                e.Ok = Fail(DecodeDiagnostics.ArgMismatch, f.Pos, "Field '" + f.Name + "' of pattern " + p.Name + " is not in argument set " + p.ArgSet.Origin);
        }
        foreach (var m in p.ArgSet.Members)
            if (!fields.Any(f => f.Name == m))
                e.Ok = Fail(DecodeDiagnostics.ArgMismatch, p.Pos, "Pattern " + p.Name + " does not set argument '" + m + "' of " + p.ArgSet.Origin);
    }

    private Elements ReadElements(string owner, List<Token> tokens)
    {
        var e = new Elements();
        foreach (var t in tokens)
        {
            string s = t.Text;
            if (s.StartsWith("&", System.StringComparison.Ordinal))
                ReadArgRef(e, t);
            else if (s.StartsWith("@", System.StringComparison.Ordinal))
                ReadFormatRef(e, t);
            else if (s.StartsWith("%", System.StringComparison.Ordinal))
                AddFieldRef(e, owner, t, s.Substring(1), s.Substring(1));
            else if (s.IndexOf('=') > 0)
                ReadAssignment(e, owner, t);
            else if (Names.IsBitString(s))
                AddBits(e, owner, t);
            else if (Names.TrySplitSized(s, out string name, out bool signed, out int len) && Names.IsIdent(name) && len > 0)
                AddInlineField(e, owner, t, name, signed, len);
            else
                e.Ok = Fail(DecodeDiagnostics.Syntax, t.Pos, "Invalid token '" + s + "' in " + owner);
        }
        return e;
    }

    private void ReadArgRef(Elements e, Token t)
    {
        string n = t.Text.Substring(1);
        if (e.ArgRef != null)
            e.Ok = Fail(DecodeDiagnostics.Syntax, t.Pos, "More than one argument set");
        else if (file.ArgSets.TryGetValue(n, out var set) && !set.Implicit)
        {
            e.ArgRef = t;
            e.ArgSet = set;
        }
        else
            e.Ok = Fail(DecodeDiagnostics.Undefined, t.Pos, "argument set '&" + n + "'");
    }

    private void ReadFormatRef(Elements e, Token t)
    {
        string n = t.Text.Substring(1);
        if (e.FormatRef != null)
            e.Ok = Fail(DecodeDiagnostics.Syntax, t.Pos, "More than one format");
        else if (file.Formats.TryGetValue(n, out var fmt))
        {
            e.FormatRef = t;
            e.Format = fmt;
        }
        else
            e.Ok = Fail(DecodeDiagnostics.Undefined, t.Pos, "format '@" + n + "'");
    }

    // name=%field or name=constant
    private void ReadAssignment(Elements e, string owner, Token t)
    {
        int eq = t.Text.IndexOf('=');
        string name = t.Text.Substring(0, eq);
        string value = t.Text.Substring(eq + 1);
        if (!Names.IsIdent(name))
            e.Ok = Fail(DecodeDiagnostics.Syntax, t.Pos, "'" + name + "' is not a valid argument name");
        else if (value.StartsWith("%", System.StringComparison.Ordinal))
            AddFieldRef(e, owner, t, name, value.Substring(1));
        else if (Names.TryParseInt(value, out int c))
            Add(e, owner, new FieldAssign(name, FieldValue.Const(c), t.Pos));
        else
            e.Ok = Fail(DecodeDiagnostics.Syntax, t.Pos, "Invalid value '" + value + "': expected %field or an integer");
    }

    private void AddFieldRef(Elements e, string owner, Token t, string name, string field)
    {
        if (!Names.IsIdent(name))
            e.Ok = Fail(DecodeDiagnostics.Syntax, t.Pos, "'" + name + "' is not a valid argument name");
        else if (file.FieldDefs.TryGetValue(field, out var def))
            Add(e, owner, new FieldAssign(name, def.Value, t.Pos));
        else
            e.Ok = Fail(DecodeDiagnostics.Undefined, t.Pos, "field '%" + field + "'");
    }

    private void AddBits(Elements e, string owner, Token t)
    {
        int n = t.Text.Length;
        if (!Grow(e, owner, t, n))
            return;
        foreach (char c in t.Text)
        {
            e.FixedBits = (e.FixedBits << 1) | (c == '1' ? 1UL : 0UL);
            e.FixedMask = (e.FixedMask << 1) | (c == '0' || c == '1' ? 1UL : 0UL);
            e.UndefMask = (e.UndefMask << 1) | (c == '-' ? 1UL : 0UL);
        }
    }

    private void AddInlineField(Elements e, string owner, Token t, string name, bool signed, int len)
    {
        if (!Grow(e, owner, t, len))
            return;
        // Inline fields count from the top: the definition must end up exactly the instruction width.
        int pos = file.Width - e.Width;
        e.FixedBits <<= len;
        e.FixedMask <<= len;
        e.UndefMask <<= len;
        Add(e, owner, new FieldAssign(name, FieldValue.Extract(new[] { new Segment(pos, len, signed, null) }, null), t.Pos));
    }

    private bool Grow(Elements e, string owner, Token t, int bits)
    {
        if (e.TooWide)
            return false;
        e.Width += bits;
        if (e.Width <= file.Width)
            return true;
        e.TooWide = true;
        e.Ok = Fail(DecodeDiagnostics.OutsideWidth, t.Pos,
            "'" + t.Text + "' goes past the " + file.Width + "-bit instruction width in " + owner + " (" + e.Width + " bits so far)");
        return false;
    }

    private void Add(Elements e, string owner, FieldAssign f)
    {
        if (e.Fields.Any(g => g.Name == f.Name))
            e.Ok = Fail(DecodeDiagnostics.AssignedTwice, f.Pos, f.Name, owner);
        else
            e.Fields.Add(f);
    }

    /// <summary>Finds or makes the argument set a format or pattern without `&amp;set` implies.</summary>
    private ArgSetDef Infer(string name, List<FieldAssign> fields, SourcePos pos, string origin)
    {
        var members = fields.Select(f => f.Name).ToList();
        if (file.ArgSets.TryGetValue(name, out var existing))
        {
            // The same name again (a pattern defined twice, or `&Arg_x`) is fine with the same members.
            if (existing.Members.SequenceEqual(members))
                return existing;
            diags.Add(new DecodeDiag(DecodeDiagnostics.Duplicate, pos, existing.Pos,
                "The argument set inferred for " + origin + " (Arg_" + name + ") differs from the one of " + existing.Origin +
                " at line " + existing.Pos.Line + "; declare an &argset and use it in both"));
            return new ArgSetDef(name, members, pos, true, origin);
        }
        var set = new ArgSetDef(name, members, pos, true, origin);
        file.ArgSets[name] = set;
        file.ArgSetOrder.Add(set);
        return set;
    }

    private static void SetBits(FormatDef d, Elements e)
    {
        d.FixedBits = (uint)e.FixedBits;
        d.FixedMask = (uint)e.FixedMask;
        d.UndefMask = (uint)e.UndefMask;
        d.Fields.AddRange(e.Fields);
        d.FieldMask = MaskOf(e.Fields);
    }

    private bool CheckMasks(string owner, SourcePos pos, uint fixedMask, uint fieldMask, uint undefMask)
    {
        bool ok = true;
        if ((fieldMask & fixedMask) != 0)
            ok = Fail(DecodeDiagnostics.BitConflict, pos, "In " + owner + " bits " + Hex(fieldMask & fixedMask) + " are both fixed and part of a field");
        if ((fieldMask & undefMask) != 0)
            ok = Fail(DecodeDiagnostics.BitConflict, pos,
                "In " + owner + " bits " + Hex(fieldMask & undefMask) + " are both ignored ('-') and part of a field");
        if ((fixedMask & undefMask) != 0)
            ok = Fail(DecodeDiagnostics.BitConflict, pos, "In " + owner + " bits " + Hex(fixedMask & undefMask) + " are both fixed and ignored ('-')");
        return ok;
    }

    private static uint MaskOf(List<FieldAssign> fields)
    {
        uint m = 0;
        foreach (var f in fields)
            m |= f.Value.Mask;
        return m;
    }

    private string Hex(uint v) => "0x" + v.ToString(file.Width == 16 ? "X4" : "X8", CultureInfo.InvariantCulture);

    private void Error(DiagnosticDescriptor d, SourcePos pos, params string[] args) => diags.Add(new DecodeDiag(d, pos, null, args));

    private bool Fail(DiagnosticDescriptor d, SourcePos pos, params string[] args)
    {
        Error(d, pos, args);
        return false;
    }

    private bool FailAt(DiagnosticDescriptor d, SourcePos pos, SourcePos other, params string[] args)
    {
        diags.Add(new DecodeDiag(d, pos, other, args));
        return false;
    }
}
