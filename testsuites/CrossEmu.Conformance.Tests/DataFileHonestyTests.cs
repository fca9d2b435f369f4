using CrossEmu.Conformance.Decoder;

namespace CrossEmu.Conformance.Tests;

/// <summary>
/// The goal the data files are kept to: at --count 1,000,000 no unexplained disagreement and no
/// entry that explains nothing (a stale entry would hide a future regression).
/// </summary>
[TestClass]
public sealed class DataFileHonestyTests
{
    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    [DataRow("mipsel")]
    public void AMillionRandomWordsLeaveNothingUnexplainedAndNoEntryUnused(string isa)
    {
        var options = new ConformanceOptions { Isas = [TestGuests.Of(isa)], Count = DecoderStep.CountThatMeetsEveryDifference };
        var result = new DecoderStep().Run(TestGuests.Of(isa), options, _ => { }, CancellationToken.None);
        Assert.AreEqual(0, result.Failures, string.Join("\n", result.Cases.SelectMany(c => c.Failures).Take(10)));
        Assert.IsEmpty(result.Warnings, string.Join("\n", result.Warnings));
    }
}
