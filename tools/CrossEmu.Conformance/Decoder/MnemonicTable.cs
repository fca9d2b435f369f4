namespace CrossEmu.Conformance.Decoder;

/// <summary>
/// Which Capstone mnemonics each of our patterns may print, from a data file
/// (testsuites/conformance/decoder/&lt;family&gt;.mnemonics): a line is a pattern name followed by
/// mnemonic globs. A pattern not listed accepts its own name's stem (before '_', after a table
/// prefix), that stem + "s" and stem + ".*". ARM mnemonics are also tried without a trailing condition.
/// </summary>
public sealed class MnemonicTable
{
    static readonly string[] ArmConditions = ["eq", "ne", "cs", "hs", "cc", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al"];

    readonly Dictionary<string, string[]> accepted;
    readonly bool stripConditions;

    public MnemonicTable(IReadOnlyDictionary<string, string[]> entries, bool stripConditions)
    {
        accepted = new Dictionary<string, string[]>(entries, StringComparer.Ordinal);
        this.stripConditions = stripConditions;
    }

    public static MnemonicTable Parse(string text, bool stripConditions)
    {
        var entries = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (line, number) in DataFileLines.Of(text))
        {
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2) throw new FormatException($"mnemonics line {number}: expected a pattern and at least one mnemonic");
            if (!entries.TryAdd(words[0], words[1..])) throw new FormatException($"mnemonics line {number}: {words[0]} listed twice");
        }
        return new MnemonicTable(entries, stripConditions);
    }

    public IReadOnlyList<string> AcceptedFor(string pattern)
    {
        if (accepted.TryGetValue(pattern, out var list)) return list;
        string stem = pattern[(pattern.IndexOf('.') + 1)..].Split('_')[0].ToLowerInvariant();
        return [stem, stem + "s", stem + ".*"];
    }

    public bool Accepts(string pattern, string mnemonic)
    {
        var globs = AcceptedFor(pattern);
        return Variants(mnemonic).Any(m => globs.Any(g => Glob.Matches(g, m)));
    }

    /// <summary>The mnemonic as printed, and (ARM) without each condition suffix it may end with.</summary>
    public IEnumerable<string> Variants(string mnemonic)
    {
        yield return mnemonic;
        if (!stripConditions) yield break;
        foreach (var c in ArmConditions)
            if (mnemonic.Length > c.Length && mnemonic.EndsWith(c, StringComparison.Ordinal))
                yield return mnemonic[..^c.Length];
    }
}
