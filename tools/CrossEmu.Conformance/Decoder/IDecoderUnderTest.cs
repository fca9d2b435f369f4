namespace CrossEmu.Conformance.Decoder;

/// <summary>Our side of the cross-check for one ISA: its decode tables and the real frontend.</summary>
public interface IDecoderUnderTest
{
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

public static class DecodersUnderTest
{
    public static IDecoderUnderTest For(string isa) => isa switch
    {
        "arm" => new ArmDecoderUnderTest(),
        "mips" => new MipsDecoderUnderTest(bigEndian: true),
        "mipsel" => new MipsDecoderUnderTest(bigEndian: false),
        _ => throw new ArgumentException($"no decoder for the ISA '{isa}'"),
    };
}
