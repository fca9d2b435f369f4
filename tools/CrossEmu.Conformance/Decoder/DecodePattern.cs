namespace CrossEmu.Conformance.Decoder;

/// <summary>
/// One pattern of a decode table, independent of the record type the generator emits per table.
/// Name is the key used in the data files: the pattern name, prefixed with the table
/// ("fpu.ADD") where two tables of one ISA share a name.
/// </summary>
public sealed record DecodePattern(string Name, uint FixedMask, uint FixedBits, uint IgnoredMask, IReadOnlyList<uint> FieldMasks)
{
    /// <summary>The word-bit mask of a field from its segments (segments that copy another field add no bits).</summary>
    public static uint FieldMask(IEnumerable<(int Pos, int Len, string? Ref)> segments) =>
        segments.Where(s => s.Ref == null && s.Len > 0)
                .Aggregate(0u, (mask, s) => mask | (s.Len >= 32 ? ~0u : ((1u << s.Len) - 1) << s.Pos));
}
