using CrossEmu.Isa;

namespace CrossEmu.Conformance.Differential;

/// <summary>A generated sequence: its words, the pattern of each, and the harness's initial state for it.</summary>
sealed record GeneratedSequence(uint[] Words, string[] Patterns, uint[] Init)
{
    public GeneratedSequence Without(int index) =>
        this with { Words = [.. Words[..index], .. Words[(index + 1)..]], Patterns = [.. Patterns[..index], .. Patterns[(index + 1)..]] };
}

/// <summary>
/// Draws random instruction sequences from an ISA's decode tables: a pattern at random, its free
/// bits at random, then the ISA's rules; a word is kept only when it decodes to a pattern that is
/// not excluded and our frontend accepts it (lifters reject reserved and UNPREDICTABLE forms).
/// </summary>
sealed class SequenceGenerator(IsaProfile isa, uint window)
{
    public const int MaxLength = 8;
    readonly IGuestFrontend frontend = isa.CreateFrontend();

    public GeneratedSequence Next(Random r)
    {
        var context = isa.NewContext(r);
        int length = r.Next(1, MaxLength + 1);
        var words = new List<uint>(length);
        var names = new List<string>(length);
        while (words.Count < length)
        {
            var p = isa.Patterns[r.Next(isa.Patterns.Count)];
            uint word = p.FixedBits | (uint)r.NextInt64(0, 1L << 32) & ~p.FixedMask;
            if (!isa.Constrain(p, ref word, context)) continue;
            var actual = isa.PatternOf(word);
            if (actual == null || isa.Excluded.ContainsKey(actual.Name) || !isa.FrontendAccepts(frontend, word)) continue;
            isa.Accepted(actual, word, context);
            words.Add(word);
            names.Add(actual.Name);
        }
        return new GeneratedSequence([.. words], [.. names], isa.InitialState(context, window));
    }
}
