using CrossEmu.Testing;
using CrossEmu.Frontends.Mips.Mips32;

namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// Every pattern of mips32.decode has test rows: the words of all rows of this assembly are
/// decoded with a recording translator, and every pattern name must have been reached.
/// </summary>
[TestClass]
public sealed class CoverageTests
{
    /// <summary>The pattern the decoder picks for a word, or null when it is undefined here.</summary>
    public static string? PatternOf(uint word)
    {
        return PatternRecorder.PatternOf<IMips32Translator>(t => Mips32Decoder.Decode(t, word));
    }

    /// <summary>Every word of every per-instruction row in this assembly.</summary>
    public static IEnumerable<(string Test, uint Word)> TestWords() => DataRowWords.Of(typeof(CoverageTests).Assembly);

    [TestMethod]
    public void EveryPatternHasATestRow()
    {
        var missing = DataRowWords.Uncovered(Mips32Decoder.Patterns.Select(p => p.Name), TestWords().Select(t => t.Word), PatternOf);
        Assert.IsEmpty(missing, "patterns without a test row: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void RowsExist()
    {
        // The coverage check above is only meaningful when rows are found.
        Assert.IsGreaterThan(200, TestWords().Count());
    }

    [TestMethod]
    public void RecorderSeesTheDecodersChoice()
    {
        Assert.AreEqual("ADDU", PatternOf(0x00851021));   // addu $v0, $a0, $a1
        Assert.AreEqual("SLL", PatternOf(0x00000000));    // nop
        Assert.AreEqual("ROTR", PatternOf(0x00221a02));   // rotr $v1, $v0, 8
        Assert.AreEqual("SRL", PatternOf(0x00021a02));    // srl $v1, $v0, 8
        Assert.IsNull(PatternOf(0x40026000));             // mfc0 $v0, $12 (privileged)
    }

    [TestMethod]
    public void PatternTableHasNoDuplicateLines()
    {
        var lines = Mips32Decoder.Patterns.Select(p => p.Line).ToList();
        Assert.HasCount(lines.Distinct().Count(), lines);
    }
}
