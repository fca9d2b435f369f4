using System.Diagnostics;

namespace CrossEmu.Conformance.Decoder;

/// <summary>
/// "decoder": every decode-table pattern's field variations and neighbours (EncodingGenerator)
/// plus Count random words, each decoded by our frontend and by Capstone (DecoderCrossCheck);
/// a case per pattern and one for the random words.
/// </summary>
public sealed class DecoderStep : IConformanceStep
{
    public const string RandomWordsCase = "random words";
    /// <summary>From this many random words on, every data-file entry is expected to explain something.</summary>
    public const int CountThatMeetsEveryDifference = 1_000_000;
    const int AdvanceEvery = 4096;

    public string Name => "decoder";

    public long TotalWork(IConformanceGuest isa, ConformanceOptions options) =>
        isa.CreateDecoderUnderTest().Patterns.Sum(EncodingGenerator.CountFor) + (long)options.Count;

    public StepResult Run(IConformanceGuest isa, ConformanceOptions options, Action<long> advance, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var result = new StepResult(isa.Name, Name);
        using var crossCheck = DecoderCrossCheck.For(isa);
        // Seeded per ISA family: mips and mipsel check the same words (and explain the same rare ones).
        var random = new Random(SeedFor(crossCheck.Ours.DataFamily, options.Seed));
        foreach (var pattern in crossCheck.Ours.Patterns)
        {
            cancel.ThrowIfCancellationRequested();
            var c = new CaseResult(pattern.Name);
            foreach (uint word in EncodingGenerator.For(pattern, random))
                crossCheck.CheckInto(c, crossCheck.Ours.Normalize(pattern, word, random));
            result.Cases.Add(c);
            advance(c.Checked);
        }
        var randomWords = new CaseResult(RandomWordsCase);
        for (int i = 0; i < options.Count; i++)
        {
            crossCheck.CheckInto(randomWords, EncodingGenerator.Next(random));
            if ((i + 1) % AdvanceEvery == 0) { advance(AdvanceEvery); cancel.ThrowIfCancellationRequested(); }
        }
        advance(options.Count % AdvanceEvery);
        result.Cases.Add(randomWords);
        // Some entries only explain rare random words: a smaller run cannot judge them.
        var unusedEntries = options.Count >= CountThatMeetsEveryDifference ? crossCheck.Differences.Entries.Where(d => d.Matches == 0) : [];
        foreach (var unused in unusedEntries)
            result.Warnings.Add($"{crossCheck.Ours.DataFamily}.differences line {unused.Line} ({unused.Text}) explained no disagreement");
        result.Elapsed = clock.Elapsed;
        return result;
    }

    /// <summary>A seed per ISA family that does not depend on string hashing (randomised per process).</summary>
    static int SeedFor(string family, ulong seed)
    {
        ulong h = 14695981039346656037UL ^ seed;
        foreach (char ch in family) h = (h ^ ch) * 1099511628211UL;
        return (int)(h ^ (h >> 32));
    }
}
