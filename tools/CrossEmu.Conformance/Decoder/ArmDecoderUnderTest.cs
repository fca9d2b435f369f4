using CrossEmu.Isa;
using CrossEmu.Isa.Guests;
using CrossEmu.Frontends.Arm.A32;

namespace CrossEmu.Conformance.Decoder;

/// <summary>A32: a32.decode for conditional words, a32uncond.decode for cond = 1111, as A32Lifter routes them.</summary>
public sealed class ArmDecoderUnderTest(IGuestIsa isa) : IDecoderUnderTest
{
    readonly IGuestFrontend frontend = isa.CreateFrontend();
    readonly SingleWordCode code = new(filler: 0xE1A00000);   // mov r0, r0
    readonly Func<uint, string?> conditional = PatternRecorder.For<IA32Translator>(A32Decoder.Decode);
    readonly Func<uint, string?> unconditional = PatternRecorder.For<IA32UncondTranslator>(A32UncondDecoder.Decode);
    readonly HashSet<string> conditionalNames = A32Decoder.Patterns.Select(p => p.Name).ToHashSet();

    public IReadOnlyList<DecodePattern> Patterns { get; } =
    [
        .. A32Decoder.Patterns.Select(p => new DecodePattern(p.Name, p.FixedMask, p.FixedBits, p.IgnoredMask,
            p.Fields.Select(f => DecodePattern.FieldMask(f.Segments.Select(s => (s.Pos, s.Len, s.FieldRef)))).ToList())),
        .. A32UncondDecoder.Patterns.Select(p => new DecodePattern(p.Name, p.FixedMask, p.FixedBits, p.IgnoredMask,
            p.Fields.Select(f => DecodePattern.FieldMask(f.Segments.Select(s => (s.Pos, s.Len, s.FieldRef)))).ToList())),
    ];

    public string DataFamily => isa.Name;
    public bool MnemonicsCarryConditions => true;

    public string? PatternOf(uint word) => word >> 28 == 0xF ? unconditional(word) : conditional(word);

    public bool Lifts(uint word)
    {
        code.Word = word;
        return LiftVerdict.Defined(frontend.Lift(SingleWordCode.Pc, code, 1), SingleWordCode.Pc);
    }

    /// <summary>a32.decode leaves the condition as '-', but 1111 belongs to the other table: pick another condition.</summary>
    public uint Normalize(DecodePattern p, uint word, Random random) =>
        word >> 28 == 0xF && conditionalNames.Contains(p.Name)
            ? (word & 0x0FFF_FFFF) | ((uint)random.Next(15) << 28)
            : word;
}
