using CrossEmu.Conformance.Decoder;

namespace CrossEmu.Conformance.Tests;

[TestClass]
public sealed class DecoderStepTests
{
    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    [DataRow("mipsel")]
    public void NoUnexplainedDisagreementsOnASmallCount(string isa)
    {
        var step = new DecoderStep();
        var options = new ConformanceOptions { Isas = [TestGuests.Of(isa)], Count = 3000, Seed = 7 };
        long advanced = 0;
        var result = step.Run(TestGuests.Of(isa), options, n => advanced += n, CancellationToken.None);

        var failures = result.Cases.SelectMany(c => c.Failures).Take(10).ToList();
        Assert.AreEqual(0, result.Failures, string.Join("\n", failures));
        Assert.AreEqual(step.TotalWork(TestGuests.Of(isa), options), advanced, "the progress bar reaches its end");
        Assert.AreEqual(advanced, result.Checked);
        Assert.AreEqual(TestGuests.Of(isa).CreateDecoderUnderTest().Patterns.Count + 1, result.Cases.Count, "a case per pattern and one for the random words");
        Assert.IsGreaterThan(0, result.Explained, "Capstone decodes words we reject (coprocessors, ASEs): explained, not skipped");
    }

    [TestMethod]
    public void EncodingsKeepTheFixedBitsAndVaryEachField()
    {
        var add = TestGuests.Of("arm").CreateDecoderUnderTest().Patterns.First(p => p.Name == "ADD_rrri");
        var words = EncodingGenerator.For(add, new Random(1)).ToList();
        Assert.HasCount(EncodingGenerator.CountFor(add), words);
        int neighbours = System.Numerics.BitOperations.PopCount(add.FixedMask);
        var own = words.Take(words.Count - neighbours).ToList();
        Assert.IsTrue(own.All(w => (w & add.FixedMask) == add.FixedBits));
        foreach (uint field in add.FieldMasks)
        {
            Assert.IsTrue(own.Any(w => (w & field) == 0), "all-zeros");
            Assert.IsTrue(own.Any(w => (w & field) == field), "all-ones");
        }
        Assert.IsTrue(words.Skip(own.Count).All(w => System.Numerics.BitOperations.PopCount((w ^ add.FixedBits) & add.FixedMask) == 1),
            "then each fixed bit flipped once");
    }

    [TestMethod]
    public void MipsAndMipselSeeTheSameWordsTheSameWay()
    {
        using var big = DecoderCrossCheck.For(TestGuests.Of("mips"));
        using var little = DecoderCrossCheck.For(TestGuests.Of("mipsel"));
        foreach (uint word in new uint[] { 0x00851021, 0x8FBF001C, 0x46020800, 0xBC000000, 0x03E00008 })
        {
            var b = big.Check(word);
            var l = little.Check(word);
            Assert.AreEqual(b.Pattern, l.Pattern);
            Assert.AreEqual(b.WeDefine, l.WeDefine);
            Assert.AreEqual(b.Capstone with { Operands = "" }, l.Capstone with { Operands = "" }, $"0x{word:X8}");
        }
    }
}
