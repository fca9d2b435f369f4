using System.Globalization;

namespace CrossEmu.Conformance.Decoder;

/// <summary>How our verdict and Capstone's differ on one word.</summary>
public enum DisagreementKind
{
    None,
    /// <summary>Capstone disassembles the word, we raise SIGILL for it.</summary>
    CapstoneOnly,
    /// <summary>We run the word, Capstone does not disassemble it.</summary>
    OursOnly,
    /// <summary>Both define it, but Capstone's mnemonic is not one our pattern accepts.</summary>
    Mnemonic,
}

/// <summary>One word as both sides see it. Pattern: what our tables matched (null: none).</summary>
public sealed record WordCheck(string Isa, uint Word, string? Pattern, bool WeDefine, CapstoneVerdict Capstone, DisagreementKind Kind)
{
    /// <summary>Capstone's mnemonic and its forms without a condition suffix (ARM), for data-file selectors.</summary>
    public IReadOnlyList<string> CapstoneForms { get; init; } = [];

    /// <summary>Compares the two verdicts; the mnemonic is only compared when both sides define the word.</summary>
    public static WordCheck Of(string isa, uint word, string? pattern, bool weDefine, CapstoneVerdict capstone, MnemonicTable mnemonics)
    {
        var kind = (weDefine, capstone.Defined) switch
        {
            (false, false) => DisagreementKind.None,
            (false, true) => DisagreementKind.CapstoneOnly,
            (true, false) => DisagreementKind.OursOnly,
            _ => pattern != null && mnemonics.Accepts(pattern, capstone.Mnemonic) ? DisagreementKind.None : DisagreementKind.Mnemonic,
        };
        return new WordCheck(isa, word, pattern, weDefine, capstone, kind)
        {
            CapstoneForms = capstone.Defined && kind != DisagreementKind.None ? mnemonics.Variants(capstone.Mnemonic).ToList() : [],
        };
    }

    /// <summary>A self-contained reproducer: the word, both verdicts and what was expected.</summary>
    public string Reproducer(MnemonicTable mnemonics)
    {
        string ours = WeDefine ? $"defined ({Pattern})"
            : Pattern != null ? $"undefined (pattern {Pattern} matched, the lifter refused it)" : "undefined (no pattern)";
        string text = $"{Isa} word 0x{Word.ToString("X8", CultureInfo.InvariantCulture)}: ours {ours}, Capstone {Capstone}";
        return Kind == DisagreementKind.Mnemonic && Pattern != null
            ? text + $"; {Pattern} accepts {string.Join(" ", mnemonics.AcceptedFor(Pattern))}"
            : text;
    }
}
