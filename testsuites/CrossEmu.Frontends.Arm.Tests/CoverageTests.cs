using CrossEmu.Testing;
using CrossEmu.Frontends.Arm.A32;

namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>
/// Every pattern of the decode tables has test rows: the words of all rows of this assembly are
/// decoded with a recording translator, and every pattern name must have been reached.
/// </summary>
[TestClass]
public sealed class CoverageTests
{
    /// <summary>The pattern the decoders pick for a word, or null when it is undefined.</summary>
    public static string? PatternOf(uint word)
    {
        if (word >> 28 == 0xF)
        {
            return PatternRecorder.PatternOf<IA32UncondTranslator>(t => A32UncondDecoder.Decode(t, word));
        }
        return PatternRecorder.PatternOf<IA32Translator>(t => A32Decoder.Decode(t, word));
    }

    /// <summary>Every word of every per-instruction row in this assembly.</summary>
    public static IEnumerable<(string Test, uint Word)> TestWords() => DataRowWords.Of(typeof(CoverageTests).Assembly);

    static IEnumerable<string> AllPatternNames() =>
        A32Decoder.Patterns.Select(p => p.Name).Concat(A32UncondDecoder.Patterns.Select(p => p.Name)).Distinct();

    [TestMethod]
    public void EveryPatternHasATestRow()
    {
        var missing = DataRowWords.Uncovered(AllPatternNames(), TestWords().Select(t => t.Word), PatternOf);
        Assert.IsEmpty(missing, "patterns without a test row: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void RowsExist()
    {
        // The coverage check above is only meaningful when rows are found.
        Assert.IsGreaterThan(500, TestWords().Count());
    }

    [TestMethod]
    public void RecorderSeesTheDecodersChoice()
    {
        Assert.AreEqual("ADD_rrri", PatternOf(0xE0810002));   // add r0, r1, r2
        Assert.AreEqual("SMUAD", PatternOf(0xE700F211));      // smuad r0, r1, r2 (before SMLAD in its group)
        Assert.AreEqual("SMLAD", PatternOf(0xE7003211));      // smlad r0, r1, r2, r3
        Assert.AreEqual("DMB", PatternOf(0xF57FF05B));        // dmb ish
        Assert.IsNull(PatternOf(0xF0000000));
    }

    [TestMethod]
    public void PatternTablesHaveNoDuplicateLines()
    {
        var a = A32Decoder.Patterns.Select(p => p.Line).ToList();
        var u = A32UncondDecoder.Patterns.Select(p => p.Line).ToList();
        Assert.HasCount(a.Distinct().Count(), a);
        Assert.HasCount(u.Distinct().Count(), u);
    }
}
