using System.Text;

namespace CrossEmu.Isa.Generators.Decodetree;

/// <summary>A StringBuilder that indents lines and opens/closes braces.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder sb = new();
    private int indent;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
            sb.Append(' ', indent * 4).Append(text);
        sb.Append('\n');
        return this;
    }

    public CodeWriter Open(string header)
    {
        Line(header);
        Line("{");
        indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        indent--;
        return Line("}" + suffix);
    }

    public CodeWriter Indent()
    {
        indent++;
        return this;
    }

    public CodeWriter Outdent()
    {
        indent--;
        return this;
    }

    public override string ToString() => sb.ToString();
}
