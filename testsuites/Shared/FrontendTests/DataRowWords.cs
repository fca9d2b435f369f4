using System.Reflection;

namespace CrossEmu.Testing;

/// <summary>
/// The words of a test assembly's per-instruction rows, [DataRow("words", "asm", ...)]: coverage
/// tests decode them to see which patterns have rows.
/// </summary>
public static class DataRowWords
{
    /// <summary>Every word of every row, with the test and assembler text it comes from.</summary>
    public static IEnumerable<(string Test, uint Word)> Of(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
            foreach (var m in type.GetMethods())
                foreach (var row in m.GetCustomAttributes<DataRowAttribute>())
                    if (row.Data.Length >= 2 && row.Data[0] is string words && row.Data[1] is string asm)
                        foreach (uint w in TestNumbers.ParseWords(words))
                            yield return ($"{type.Name}.{m.Name}: {asm}", w);
    }

    /// <summary>The patterns (sorted) that none of the words decodes to.</summary>
    public static List<string> Uncovered(IEnumerable<string> patterns, IEnumerable<uint> words, Func<uint, string?> patternOf)
    {
        var covered = new HashSet<string>();
        foreach (uint word in words)
            if (patternOf(word) is { } name) covered.Add(name);
        return patterns.Distinct().Where(n => !covered.Contains(n)).OrderBy(n => n).ToList();
    }
}
