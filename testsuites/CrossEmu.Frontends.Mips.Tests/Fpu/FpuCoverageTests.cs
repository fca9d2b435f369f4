using CrossEmu.Frontends.Mips.Fpu;

namespace CrossEmu.Frontends.Mips.Tests.Fpu;

/// <summary>Every fpu.decode pattern has qemu-checked rows in both byte orders, and every row names its pattern truly.</summary>
[TestClass]
public sealed class FpuCoverageTests
{
    static IEnumerable<string> PatternsOf(uint word) =>
        MipsFpuDecoder.Patterns.Where(p => (word & p.FixedMask) == p.FixedBits).Select(p => p.Name).Take(1);

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void EveryPatternHasARow(bool bigEndian)
    {
        var names = QemuExpected.For(bigEndian).Select(c => c.Name).ToHashSet();
        var missing = MipsFpuDecoder.Patterns.Select(p => p.Name).Where(n => !names.Contains(n)).ToList();
        Assert.AreEqual(0, missing.Count, "patterns without a test row: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void EveryRowDecodesToItsPattern()
    {
        foreach (var c in QemuExpected.Mipsel)
        {
            var decoded = c.Words.SelectMany(PatternsOf).ToList();
            if (c.Name == "UNDEF")
                Assert.AreEqual(0, decoded.Count, $"{c}: decodes to {string.Join(", ", decoded)}");
            else
                CollectionAssert.Contains(decoded, c.Name, c.ToString());
        }
    }

    [TestMethod]
    public void BothByteOrdersRanTheSameCases()
    {
        var le = QemuExpected.Mipsel.Select(c => (c.Name, string.Join(" ", c.Words), c.Init)).ToList();
        var be = QemuExpected.Mips.Select(c => (c.Name, string.Join(" ", c.Words), c.Init)).ToList();
        CollectionAssert.AreEqual(le, be);
    }
}
