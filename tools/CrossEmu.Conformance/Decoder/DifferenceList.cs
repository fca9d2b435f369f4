using System.Globalization;

namespace CrossEmu.Conformance.Decoder;

/// <summary>
/// One intentional difference between our decoder and Capstone, from a data file
/// (testsuites/conformance/decoder/&lt;family&gt;.differences). A line is
/// <c>kind selector[,selector...] reason</c>: kind is capstone-only, ours-only, mnemonic or any;
/// a selector is pattern=GLOB (our pattern; "none" when no pattern matched), capstone=GLOB
/// (Capstone's mnemonic, ARM also without its condition), word=0xMASK/0xVALUE, word!=0xMASK/0xVALUE or lifter=refused (a pattern
/// matched but the lifter raised SIGILL); all selectors must hold. Globs take '*' and '|'.
/// </summary>
public sealed class Difference(DisagreementKind? kind, IReadOnlyList<Func<WordCheck, bool>> selectors, string text, string reason, int line)
{
    public string Text => text;
    public string Reason => reason;
    public int Line => line;
    /// <summary>Disagreements this entry explained (an entry that explains none is reported, to keep the file honest).</summary>
    public long Matches { get; private set; }

    public bool Explains(WordCheck check)
    {
        if (kind is { } k && k != check.Kind) return false;
        if (!selectors.All(s => s(check))) return false;
        Matches++;
        return true;
    }

    public static Difference Parse(string line, int number)
    {
        var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3) throw new FormatException($"differences line {number}: expected 'kind selectors reason'");
        DisagreementKind? kind = parts[0] switch
        {
            "capstone-only" => DisagreementKind.CapstoneOnly,
            "ours-only" => DisagreementKind.OursOnly,
            "mnemonic" => DisagreementKind.Mnemonic,
            "any" => null,
            _ => throw new FormatException($"differences line {number}: unknown kind '{parts[0]}'"),
        };
        var selectors = parts[1].Split(',').Select(s => Selector(s, number)).ToList();
        return new Difference(kind, selectors, $"{parts[0]} {parts[1]}", parts[2], number);
    }

    static Func<WordCheck, bool> Selector(string s, int number)
    {
        int eq = s.IndexOf('=');
        string name = eq > 0 ? s[..eq] : "", value = s[(eq + 1)..];
        switch (name)
        {
            case "pattern": return c => Glob.Matches(value, c.Pattern ?? "none");
            case "lifter" when value == "refused": return c => c.Pattern != null && !c.WeDefine;
            case "capstone": return c => c.CapstoneForms.Any(m => Glob.Matches(value, m));
            case "word" or "word!":
                var mv = value.Split('/');
                bool equal = name == "word";
                if (mv.Length == 2 && Hex(mv[0]) is uint mask && Hex(mv[1]) is uint bits)
                    return c => ((c.Word & mask) == bits) == equal;
                break;
        }
        throw new FormatException($"differences line {number}: bad selector '{s}' " +
            "(pattern=GLOB, capstone=GLOB, word=0xMASK/0xVALUE, word!=0xMASK/0xVALUE or lifter=refused)");
    }

    static uint? Hex(string s) =>
        s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && uint.TryParse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint v)
            ? v : null;
}

/// <summary>The intentional differences of one ISA family; the first entry that explains a disagreement takes it.</summary>
public sealed class DifferenceList(IReadOnlyList<Difference> entries)
{
    public static readonly DifferenceList Empty = new([]);

    public IReadOnlyList<Difference> Entries => entries;

    public static DifferenceList Parse(string text) =>
        new(DataFileLines.Of(text).Select(l => Difference.Parse(l.Line, l.Number)).ToList());

    public Difference? Explain(WordCheck check) => entries.FirstOrDefault(e => e.Explains(check));
}
