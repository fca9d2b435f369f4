using System.Xml.Linq;
using CrossEmu.Conformance.Runner;

namespace CrossEmu.Conformance.Tests;

[TestClass]
public sealed class JUnitWriterTests
{
    static XDocument RoundTrip()
    {
        var path = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");
        try
        {
            JUnitWriter.Write(path, SampleResults.Make());
            return XDocument.Load(path);
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    public void SuitesCarryTheirCounts()
    {
        var root = RoundTrip().Root!;
        Assert.AreEqual("testsuites", root.Name.LocalName);
        Assert.AreEqual("4", (string?)root.Attribute("tests"), "2 + 1 cases and 1 skipped step");
        Assert.AreEqual("1", (string?)root.Attribute("failures"));
        Assert.AreEqual("1", (string?)root.Attribute("skipped"));

        var suites = root.Elements("testsuite").ToList();
        CollectionAssert.AreEqual(new[] { "arm.decoder", "mipsel.decoder", "mips.differential" }, suites.Select(s => (string?)s.Attribute("name")).ToArray());
        Assert.AreEqual("1.500", (string?)suites[0].Attribute("time"));
        Assert.AreEqual("0", (string?)suites[0].Attribute("failures"));
        Assert.AreEqual("2", (string?)suites[1].Attribute("tests"));
        Assert.AreEqual("1", (string?)suites[1].Attribute("failures"));
    }

    [TestMethod]
    public void FailuresKeepTheirReproducersExactly()
    {
        var suite = RoundTrip().Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "mipsel.decoder");
        var failure = suite.Elements("testcase").Single(c => (string?)c.Attribute("name") == "random words").Element("failure")!;
        StringAssert.StartsWith((string?)failure.Attribute("message"), "2 of 1000 checks failed");
        var lines = failure.Value.Split('\n');
        Assert.HasCount(2, lines);
        Assert.AreEqual("mipsel word 0x7C000000: ours <defined> & \"quoted\"", lines[1], "XML escaping round-trips");
        Assert.IsNull(suite.Elements("testcase").Single(c => (string?)c.Attribute("name") == "ADDU").Element("failure"));
    }

    [TestMethod]
    public void SkippedStepsAndWarningsAreReported()
    {
        var suites = RoundTrip().Root!.Elements("testsuite").ToList();
        var skipped = suites[2].Element("testcase")!.Element("skipped")!;
        Assert.AreEqual("qemu-mips is not installed", (string?)skipped.Attribute("message"));
        StringAssert.Contains(suites[0].Element("system-out")!.Value, "explained no disagreement");
        var props = suites[0].Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.AreEqual("40", props["checked"]);
        Assert.AreEqual("2", props["explained"]);
    }
}
