using CrossEmu.Frontends.Mips;
using CrossEmu.Isa;
using CrossEmu.Isa.Guests;
using CrossEmu.Frontends.Mips.Fpu;
using CrossEmu.Frontends.Mips.Mips32;

namespace CrossEmu.Conformance.Decoder;

/// <summary>MIPS32: mips32.decode, and fpu.decode for the FPU's opcode space, as MipsLifter routes them.</summary>
public sealed class MipsDecoderUnderTest(IGuestIsa isa, string dataFamily) : IDecoderUnderTest
{
    readonly bool bigEndian = isa.BigEndian;
    /// <summary>Prefix of fpu.decode's patterns in the data files (ADD, MADD... exist in both tables).</summary>
    public const string FpuPrefix = "fpu.";

    readonly IGuestFrontend frontend = isa.CreateFrontend();
    readonly SingleWordCode code = new(filler: 0);   // nop
    readonly Func<uint, string?> integer = PatternRecorder.For<IMips32Translator>(Mips32Decoder.Decode);
    readonly Func<uint, string?> fpu = PatternRecorder.For<IMipsFpuTranslator>(MipsFpuDecoder.Decode);

    public IReadOnlyList<DecodePattern> Patterns { get; } =
    [
        .. Mips32Decoder.Patterns.Select(p => new DecodePattern(p.Name, p.FixedMask, p.FixedBits, p.IgnoredMask,
            p.Fields.Select(f => DecodePattern.FieldMask(f.Segments.Select(s => (s.Pos, s.Len, s.FieldRef)))).ToList())),
        .. MipsFpuDecoder.Patterns.Select(p => new DecodePattern(FpuPrefix + p.Name, p.FixedMask, p.FixedBits, p.IgnoredMask,
            p.Fields.Select(f => DecodePattern.FieldMask(f.Segments.Select(s => (s.Pos, s.Len, s.FieldRef)))).ToList())),
    ];

    /// <summary>Both byte orders decode the same words: their descriptors name one set of data files.</summary>
    public string DataFamily => dataFamily;
    public bool MnemonicsCarryConditions => false;

    public string? PatternOf(uint word) =>
        MipsOpcodeSpace.IsFpuWord(word) ? fpu(word) is { } name ? FpuPrefix + name : null : integer(word);

    public bool Lifts(uint word)
    {
        // The code reader returns the little-endian view of guest memory; the frontend swaps for big endian.
        code.Word = bigEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(word) : word;
        return LiftVerdict.Defined(frontend.Lift(SingleWordCode.Pc, code, 1), SingleWordCode.Pc);
    }

}
