namespace CrossEmu.Conformance.Decoder;

/// <summary>Our side of the cross-check for one ISA: its decode tables and the real frontend.</summary>
public interface IDecoderUnderTest
{
    /// <summary>The name of the data files (FAMILY.mnemonics, FAMILY.differences); byte orders of one ISA share them.</summary>
    string DataFamily { get; }

    /// <summary>Whether Capstone's mnemonics carry condition suffixes the data files leave out (ARM's addeq).</summary>
    bool MnemonicsCarryConditions { get; }

    IReadOnlyList<DecodePattern> Patterns { get; }

    /// <summary>The pattern the decode tables pick for the word (data-file key), or null when none matches.</summary>
    string? PatternOf(uint word);

    /// <summary>
    /// Lifts the word alone with the real frontend: false when the block ends with an
    /// undefined-instruction exit at its pc (no pattern, or a lifter-level check refused it).
    /// </summary>
    bool Lifts(uint word);

    /// <summary>Adjusts a word generated for pattern p so that it stays in p's table (ARM: cond != 1111).</summary>
    uint Normalize(DecodePattern p, uint word, Random random) => word;
}
