using System.Reflection;

namespace CrossEmu.Testing;

/// <summary>
/// Recorded test cases kept as data: a text file embedded in the test assembly (under its file
/// name), one case a line, columns separated by '|', '#' starting a comment line.
/// </summary>
public static class CaseFile
{
    /// <summary>The trimmed columns of every case line of the embedded file.</summary>
    public static IReadOnlyList<string[]> Rows(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"{name} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } text && !text.StartsWith('#'))
                rows.Add(text.Split('|', StringSplitOptions.TrimEntries));
        return rows;
    }
}
