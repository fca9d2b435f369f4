using System.Collections;
using System.Reflection;

namespace CrossEmu.Conformance.Differential;

/// <summary>One run of a field's bits in the instruction word (the first segment is the most significant).</summary>
readonly record struct FieldSegment(int Pos, int Len);

/// <summary>A field of a decode pattern that comes from instruction bits.</summary>
sealed record FieldSpec(string Name, FieldSegment[] Segments)
{
    public int Width => Segments.Sum(s => s.Len);

    public uint Get(uint word)
    {
        uint v = 0;
        foreach (var s in Segments) v = v << s.Len | word >> s.Pos & Mask(s.Len);
        return v;
    }

    public uint Set(uint word, uint value)
    {
        for (int i = Segments.Length - 1; i >= 0; i--)
        {
            var s = Segments[i];
            word = word & ~(Mask(s.Len) << s.Pos) | (value & Mask(s.Len)) << s.Pos;
            value >>= s.Len;
        }
        return word;
    }

    static uint Mask(int len) => len >= 32 ? ~0u : (1u << len) - 1;
}

/// <summary>A pattern of a generated decoder, in the terms the sequence generator needs.</summary>
sealed record PatternSpec(string Table, string Name, uint FixedMask, uint FixedBits, string ArgSet, IReadOnlyDictionary<string, FieldSpec> Fields)
{
    public bool Matches(uint word) => (word & FixedMask) == FixedBits;

    public FieldSpec? Field(string name) => Fields.GetValueOrDefault(name);

    /// <summary>The static Patterns table of a generated decoder (its PatternInfo records, read by reflection
    /// because every decode file gets record types of its own).</summary>
    public static List<PatternSpec> FromDecoder(Type decoder, string table)
    {
        var patterns = (IEnumerable)(decoder.GetField("Patterns", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? throw new InvalidOperationException($"{decoder.Name} has no Patterns table"));
        var list = new List<PatternSpec>();
        foreach (var p in patterns)
        {
            var fields = new Dictionary<string, FieldSpec>();
            foreach (var f in (IEnumerable)Prop(p, "Fields"))
            {
                var segments = ((IEnumerable)Prop(f, "Segments")).Cast<object>()
                    .Where(s => Prop(s, "FieldRef") == null)
                    .Select(s => new FieldSegment((int)Prop(s, "Pos"), (int)Prop(s, "Len"))).ToArray();
                if (segments.Length > 0) fields[(string)Prop(f, "Name")] = new FieldSpec((string)Prop(f, "Name"), segments);
            }
            list.Add(new PatternSpec(table, (string)Prop(p, "Name"), (uint)Prop(p, "FixedMask"), (uint)Prop(p, "FixedBits"),
                (string)Prop(p, "ArgSet"), fields));
        }
        return list;
    }

    static object Prop(object o, string name) => o.GetType().GetProperty(name)!.GetValue(o)!;
}
