using System.Numerics;

namespace CrossEmu.Conformance.Decoder;

/// <summary>
/// Words that exercise one pattern: for each field all-zeros, all-ones, each single bit set
/// and a few random values, the other fields and the '-' bits random, the fixed bits kept.
/// Then the pattern's neighbours: each fixed bit flipped once (fields random, '-' bits zero as
/// the architecture wants them), which probes the boundaries between patterns and reserved space.
/// </summary>
public static class EncodingGenerator
{
    /// <summary>Random values per field (and words for a pattern without fields).</summary>
    public const int RandomPerField = 8;

    public static int CountFor(DecodePattern p) =>
        (p.FieldMasks.Count == 0 ? RandomPerField : p.FieldMasks.Sum(m => 2 + BitOperations.PopCount(m) + RandomPerField))
        + BitOperations.PopCount(p.FixedMask);

    public static IEnumerable<uint> For(DecodePattern p, Random random)
    {
        uint Word(uint field, uint value) => p.FixedBits | (value & field) | (Next(random) & ~p.FixedMask & ~field);

        if (p.FieldMasks.Count == 0)
            for (int i = 0; i < RandomPerField; i++) yield return Word(0, 0);
        foreach (uint field in p.FieldMasks)
        {
            yield return Word(field, 0);
            yield return Word(field, ~0u);
            for (uint bits = field; bits != 0; bits &= bits - 1)
                yield return Word(field, bits & (0u - bits));
            for (int i = 0; i < RandomPerField; i++) yield return Word(field, Next(random));
        }
        uint fields = ~p.FixedMask & ~p.IgnoredMask;
        for (uint bits = p.FixedMask; bits != 0; bits &= bits - 1)
            yield return (p.FixedBits ^ (bits & (0u - bits))) | (Next(random) & fields);
    }

    public static uint Next(Random random) => (uint)random.NextInt64(0, 1L << 32);
}
