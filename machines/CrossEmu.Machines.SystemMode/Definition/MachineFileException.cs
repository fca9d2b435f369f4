using System.Text;

namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>A broken machine file: the message reads "file:line: what is wrong", on one line. <see cref="Exception.InnerException"/>
/// is the host's refusal when there was one (RAM it could not allocate).</summary>
public sealed class MachineFileException(SourceLocation location, string problem, Exception? inner = null)
    : Exception($"{location}: {problem.Trim().ReplaceLineEndings("; ")}", inner)
{
    public SourceLocation Location { get; } = location;
    public string Problem { get; } = problem;

    /// <summary>Text from the file, quoted for a message: control characters escaped and a long text cut
    /// short, so that the message stays one readable line whatever the file holds.</summary>
    public static string Quote(string text)
    {
        const int Shown = 40;
        var quoted = new StringBuilder("'");
        foreach (var c in text.Length > Shown + 8 ? text[..Shown] : text)
            quoted.Append(c switch
            {
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        return text.Length > Shown + 8 ? quoted.Append($"...' ({text.Length} characters)").ToString() : quoted.Append('\'').ToString();
    }
}
