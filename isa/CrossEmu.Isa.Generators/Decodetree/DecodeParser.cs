using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrossEmu.Isa.Generators.Decodetree;

/// <summary>
/// Turns the logical lines of a .decode file into a <see cref="DecodeFile"/>: headers, groups,
/// fields and argument sets here; formats and patterns in <see cref="DefinitionParser"/>.
/// Errors are collected and parsing goes on, so one run reports as much as it can.
/// </summary>
internal sealed class DecodeParser
{
    private readonly DecodeFile file = new();
    private readonly List<DecodeDiag> diags;
    private readonly Stack<GroupNode> groups = new();

    private DecodeParser(List<DecodeDiag> diags) => this.diags = diags;

    public static DecodeFile Parse(string text, List<DecodeDiag> diags)
    {
        var parser = new DecodeParser(diags);
        var headers = new Dictionary<string, HeaderValue>();
        var lines = DecodeLexer.Read(text, headers, diags);
        parser.ReadHeaders(headers);
        parser.ReadBody(lines);
        return parser.file;
    }

    private void Error(Microsoft.CodeAnalysis.DiagnosticDescriptor d, SourcePos pos, params string[] args) =>
        diags.Add(new DecodeDiag(d, pos, null, args));

    private void ReadHeaders(Dictionary<string, HeaderValue> headers)
    {
        var top = new SourcePos(1, 0, 0);
        if (!headers.TryGetValue("namespace", out var ns))
            Error(DecodeDiagnostics.Header, top, "Missing header '# @namespace <C# namespace>'");
        else if (!ns.Value.Split('.').All(Names.IsIdent))
            Error(DecodeDiagnostics.Header, ns.Pos, "'" + ns.Value + "' is not a C# namespace");
        else
            file.Namespace = ns.Value;

        if (!headers.TryGetValue("name", out var name))
            Error(DecodeDiagnostics.Header, top, "Missing header '# @name <type prefix>'");
        else if (!Names.IsIdent(name.Value))
            Error(DecodeDiagnostics.Header, name.Pos, "'" + name.Value + "' is not a C# identifier");
        else
            file.Name = name.Value;

        if (headers.TryGetValue("width", out var width))
        {
            if (width.Value == "16" || width.Value == "32")
                file.Width = int.Parse(width.Value, CultureInfo.InvariantCulture);
            else
                Error(DecodeDiagnostics.Header, width.Pos, "Instruction width must be 16 or 32, not '" + width.Value + "'");
        }
    }

    private void ReadBody(List<LogicalLine> lines)
    {
        groups.Push(file.Root);
        var defs = new DefinitionParser(file, diags);
        foreach (var line in lines)
        {
            var head = line.Tokens[0];
            var rest = line.Tokens.Skip(1).ToList();
            string t = head.Text;
            if (t == "{" || t == "[")
                OpenGroup(head, rest);
            else if (t == "}" || t == "]")
                CloseGroup(head, rest);
            else if (t.StartsWith("%", System.StringComparison.Ordinal))
                ReadField(head, rest);
            else if (t.StartsWith("&", System.StringComparison.Ordinal))
                ReadArgSet(head, rest);
            else if (t.StartsWith("@", System.StringComparison.Ordinal))
                defs.ReadFormat(head, rest);
            else if (Names.IsPatternName(t))
            {
                var pattern = defs.ReadPattern(head, rest, groups.Any(g => g.Overlap));
                if (pattern != null)
                    groups.Peek().Members.Add(pattern);
            }
            else
                Error(DecodeDiagnostics.Syntax, head.Pos, "Unexpected '" + t + "': expected a pattern name, %field, &argset, @format, or a group brace");
        }

        while (groups.Count > 1)
        {
            var open = groups.Pop();
            Error(DecodeDiagnostics.Syntax, open.Pos, "Group opened here is never closed");
        }
    }

    private void OpenGroup(Token head, List<Token> rest)
    {
        if (rest.Count > 0)
            Error(DecodeDiagnostics.Syntax, rest[0].Pos, "A group brace must be alone on its line");
        var group = new GroupNode(head.Text == "{") { Pos = head.Pos };
        groups.Peek().Members.Add(group);
        groups.Push(group);
    }

    private void CloseGroup(Token head, List<Token> rest)
    {
        if (rest.Count > 0)
            Error(DecodeDiagnostics.Syntax, rest[0].Pos, "A group brace must be alone on its line");
        if (groups.Count == 1)
        {
            Error(DecodeDiagnostics.Syntax, head.Pos, "'" + head.Text + "' closes no group");
            return;
        }
        var group = groups.Peek();
        if ((head.Text == "}") != group.Overlap)
        {
            Error(DecodeDiagnostics.Syntax, head.Pos,
                "'" + head.Text + "' does not match the '" + (group.Overlap ? "{" : "[") + "' opened at line " + group.Pos.Line);
            return;
        }
        groups.Pop();
        if (group.Members.Count == 0)
            Error(DecodeDiagnostics.Syntax, group.Pos, "Empty group");
    }

    // %name pos:len pos:slen other:len ... !function=f
    private void ReadField(Token head, List<Token> rest)
    {
        string name = head.Text.Substring(1);
        if (!Names.IsIdent(name))
        {
            Error(DecodeDiagnostics.Syntax, head.Pos, "'" + name + "' is not a valid field name");
            return;
        }

        var segments = new List<Segment>();
        string? function = null;
        int total = 0;
        uint mask = 0;
        foreach (var t in rest)
        {
            if (t.Text.StartsWith("!function=", System.StringComparison.Ordinal))
            {
                string f = t.Text.Substring("!function=".Length);
                if (!Names.IsIdent(f))
                    Error(DecodeDiagnostics.Syntax, t.Pos, "'" + f + "' is not a valid function name");
                else if (function != null)
                    Error(DecodeDiagnostics.Syntax, t.Pos, "Field '%" + name + "' has two !function");
                else
                    function = f;
                continue;
            }

            if (!Names.TrySplitSized(t.Text, out string left, out bool signed, out int len) || len < 1)
            {
                Error(DecodeDiagnostics.Syntax, t.Pos, "Invalid field element '" + t.Text + "': expected pos:len, pos:slen, field:len or !function=name");
                continue;
            }
            total += len;
            if (Names.IsIdent(left))
            {
                segments.Add(new Segment(0, len, signed, left));
                continue;
            }
            if (!int.TryParse(left, NumberStyles.None, CultureInfo.InvariantCulture, out int pos))
            {
                Error(DecodeDiagnostics.Syntax, t.Pos, "Invalid field position '" + left + "'");
                continue;
            }
            if (pos + len > file.Width)
            {
                Error(DecodeDiagnostics.OutsideWidth, t.Pos,
                    "Field '%" + name + "' segment " + t.Text + " reaches bit " + (pos + len - 1) + ", outside the " + file.Width + "-bit instruction");
                continue;
            }
            var seg = new Segment(pos, len, signed, null);
            if ((mask & seg.Mask) != 0)
                Error(DecodeDiagnostics.BitConflict, t.Pos, "Segments of field '%" + name + "' overlap");
            mask |= seg.Mask;
            segments.Add(seg);
        }

        if (rest.Count == 0)
            Error(DecodeDiagnostics.Syntax, head.Pos, "Field '%" + name + "' has no bits and no !function");
        if (total > file.Width)
            Error(DecodeDiagnostics.OutsideWidth, head.Pos,
                "Field '%" + name + "' is " + total + " bits long, wider than the " + file.Width + "-bit instruction");
        if (file.FieldDefs.TryGetValue(name, out var previous))
        {
            diags.Add(new DecodeDiag(DecodeDiagnostics.Duplicate, head.Pos, previous.Pos,
                "Field '%" + name + "' is already defined at line " + previous.Pos.Line));
            return;
        }
        // Registered even when broken, so its users do not also report it as undefined.
        file.FieldDefs[name] = new FieldAssign(name, FieldValue.Extract(segments, function), head.Pos);
    }

    // &name a b c [!extern]
    private void ReadArgSet(Token head, List<Token> rest)
    {
        string name = head.Text.Substring(1);
        if (!Names.IsIdent(name))
        {
            Error(DecodeDiagnostics.Syntax, head.Pos, "'" + name + "' is not a valid argument set name");
            return;
        }
        var members = new List<string>();
        foreach (var t in rest)
        {
            if (t.Text == "!extern")
                continue;
            if (t.Text.IndexOf(':') > 0)
                Error(DecodeDiagnostics.Syntax, t.Pos, "Typed argument '" + t.Text + "' is not supported: every argument is an int");
            else if (!Names.IsIdent(t.Text))
                Error(DecodeDiagnostics.Syntax, t.Pos, "'" + t.Text + "' is not a valid argument name");
            else if (members.Contains(t.Text))
                Error(DecodeDiagnostics.Duplicate, t.Pos, "Argument '" + t.Text + "' appears twice in '&" + name + "'");
            else
                members.Add(t.Text);
        }

        if (file.ArgSets.TryGetValue(name, out var existing))
        {
            // A set inferred earlier under the same struct name is fine if it is the same set.
            if (existing.Implicit && existing.Members.SequenceEqual(members))
                existing.Implicit = false;
            else
                diags.Add(new DecodeDiag(DecodeDiagnostics.Duplicate, head.Pos, existing.Pos,
                    "Argument set '&" + name + "' is already defined by " + existing.Origin + " at line " + existing.Pos.Line));
            return;
        }
        var set = new ArgSetDef(name, members, head.Pos, false, "&" + name);
        file.ArgSets[name] = set;
        file.ArgSetOrder.Add(set);
    }
}
