using System.Xml.Linq;

namespace CrossEmu.Cli.Tests;

/// <summary>`crossemu conformance` as CI runs it: stdout redirected, JUnit XML written.</summary>
[TestClass]
public sealed class ConformanceCommandTests
{
    static readonly string Work = Repo.TempDirectory();

    [TestMethod]
    public void DecoderCrossCheckOnMipselPassesAndWritesJUnit()
    {
        var r = Repo.CrossEmu(["conformance", "--decoder", "--isa", "mipsel", "--count", "2000", "--junit", "f.xml"], Work);
        Assert.AreEqual(0, r.ExitCode, r.Stdout + r.Stderr);
        StringAssert.Matches(r.Stdout, new System.Text.RegularExpressions.Regex(@"conformance: 1 steps, [\d,]+ checked, 0 failures, [\d,]+ explained, 0 skipped"));
        StringAssert.Contains(r.Stdout, "mipsel decoder: started", "plain progress lines when stdout is not a terminal");
        Assert.DoesNotContain("\u001b[", r.Stdout, "no escape codes in a log");

        var xml = XDocument.Load(Path.Combine(Work, "f.xml"));
        var suite = xml.Root!.Elements("testsuite").Single();
        Assert.AreEqual("mipsel.decoder", (string?)suite.Attribute("name"));
        Assert.AreEqual("0", (string?)suite.Attribute("failures"));
        Assert.IsGreaterThan(100, suite.Elements("testcase").Count(), "a case per decode pattern");
        Assert.IsTrue(suite.Elements("testcase").Any(c => (string?)c.Attribute("name") == "random words"));
    }

    [TestMethod]
    public void BadArgumentsExitWithTwo()
    {
        var r = Repo.CrossEmu(["conformance", "--isa", "sparc"], Work);
        Assert.AreEqual(2, r.ExitCode, r.Stderr);
        StringAssert.Contains(r.Stderr, "unknown ISA 'sparc'");
    }
}
