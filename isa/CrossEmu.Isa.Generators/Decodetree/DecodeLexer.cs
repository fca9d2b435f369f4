using System.Collections.Generic;

namespace CrossEmu.Isa.Generators.Decodetree;

internal sealed class Token
{
    public Token(string text, SourcePos pos)
    {
        Text = text;
        Pos = pos;
    }

    public string Text { get; }
    public SourcePos Pos { get; }

    public override string ToString() => Text;
}

/// <summary>One definition: physical lines joined by trailing backslashes, comments removed.</summary>
internal sealed class LogicalLine
{
    public LogicalLine(List<Token> tokens) => Tokens = tokens;

    public List<Token> Tokens { get; }
    public int Line => Tokens[0].Pos.Line;
}

/// <summary>A `# @key value` comment that configures the generated code.</summary>
internal sealed class HeaderValue
{
    public HeaderValue(string value, SourcePos pos)
    {
        Value = value;
        Pos = pos;
    }

    public string Value { get; }
    public SourcePos Pos { get; }
}

/// <summary>Splits a .decode text into logical lines of whitespace-separated tokens, collecting header comments.</summary>
internal static class DecodeLexer
{
    private static readonly string[] HeaderKeys = { "namespace", "name", "width" };

    public static List<LogicalLine> Read(string text, Dictionary<string, HeaderValue> headers, List<DecodeDiag> diags)
    {
        var lines = new List<LogicalLine>();
        List<Token>? pending = null;
        string[] physical = text.Split('\n');
        for (int i = 0; i < physical.Length; i++)
        {
            int lineNo = i + 1;
            string line = physical[i].TrimEnd('\r');
            int hash = line.IndexOf('#');
            if (hash >= 0)
            {
                ReadHeader(line.Substring(hash + 1), lineNo, hash + 1, headers, diags);
                line = line.Substring(0, hash);
            }

            var tokens = Split(line, lineNo);
            bool continues = false;
            if (tokens.Count > 0 && tokens[tokens.Count - 1].Text.EndsWith("\\", System.StringComparison.Ordinal))
            {
                continues = true;
                var last = tokens[tokens.Count - 1];
                tokens.RemoveAt(tokens.Count - 1);
                if (last.Text.Length > 1)
                    tokens.Add(new Token(last.Text.Substring(0, last.Text.Length - 1), new SourcePos(lineNo, last.Pos.Column, last.Pos.Length - 1)));
            }

            if (pending != null)
                pending.AddRange(tokens);
            else if (tokens.Count > 0 || continues)
                pending = tokens;

            if (!continues && pending != null)
            {
                if (pending.Count > 0)
                    lines.Add(new LogicalLine(pending));
                pending = null;
            }
        }

        if (pending != null && pending.Count > 0)
            lines.Add(new LogicalLine(pending));
        return lines;
    }

    private static List<Token> Split(string line, int lineNo)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
                i++;
            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
                i++;
            if (i > start)
                tokens.Add(new Token(line.Substring(start, i - start), new SourcePos(lineNo, start, i - start)));
        }
        return tokens;
    }

    // Only the known keys count: other comments may well mention @formats in prose.
    private static void ReadHeader(string comment, int lineNo, int column, Dictionary<string, HeaderValue> headers, List<DecodeDiag> diags)
    {
        var words = Split(comment, lineNo);
        if (words.Count == 0 || !words[0].Text.StartsWith("@", System.StringComparison.Ordinal))
            return;
        string key = words[0].Text.Substring(1);
        if (System.Array.IndexOf(HeaderKeys, key) < 0)
            return;
        var keyPos = new SourcePos(lineNo, column + words[0].Pos.Column, words[0].Pos.Length);
        // Words after the value are a remark, as in "# @name A32   (prefix for the generated types)".
        if (words.Count < 2)
        {
            diags.Add(new DecodeDiag(DecodeDiagnostics.Header, keyPos, null, "Header '@" + key + "' needs a value"));
            return;
        }
        if (headers.TryGetValue(key, out var previous))
        {
            diags.Add(new DecodeDiag(DecodeDiagnostics.Header, keyPos, previous.Pos, "Header '@" + key + "' is given twice"));
            return;
        }
        var value = words[1];
        headers[key] = new HeaderValue(value.Text, new SourcePos(lineNo, column + value.Pos.Column, value.Pos.Length));
    }
}
