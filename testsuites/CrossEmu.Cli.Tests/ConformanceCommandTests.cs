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

    [TestMethod]
    [DataRow("--junit", "/nonexistent-dir/f.xml", "cannot write the JUnit file /nonexistent-dir/f.xml")]
    [DataRow("--workdir", "/proc/no-such-dir", "cannot create the work directory /proc/no-such-dir")]
    public void AnUnusableOutputIsReportedBeforeTheRun(string option, string path, string message)
    {
        var r = Repo.CrossEmu(["conformance", "--decoder", "--isa", "arm", "--count", "10", option, path], Work);
        Assert.AreEqual(2, r.ExitCode, r.Stdout + r.Stderr);
        StringAssert.Contains(r.Stderr, message);
        Assert.DoesNotContain("arm decoder: started", r.Stdout, "nothing ran");
        Assert.DoesNotContain("   at ", r.Stderr, "no stack trace");
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    [DataRow("mipsel")]
    public void BothStepsPassOnAFewThousandSequences(string isa)
    {
        var qemu = isa == "arm" ? "qemu-arm" : "qemu-" + isa;
        if (Repo.FindExecutable(qemu) == null) Assert.Inconclusive($"{qemu} is not installed (apt-get install qemu-user)");
        var r = Repo.CrossEmu(["conformance", "--isa", isa, "--count", "2000", "--junit", $"{isa}.xml"], Work);
        Assert.AreEqual(0, r.ExitCode, r.Stdout + r.Stderr);
        StringAssert.Matches(r.Stdout, new System.Text.RegularExpressions.Regex(@"conformance: 2 steps, [\d,]+ checked, 0 failures, [\d,]+ explained, 0 skipped"));
        StringAssert.Contains(r.Stdout, $"{isa} differential: {qemu}: ");
        var suites = XDocument.Load(Path.Combine(Work, $"{isa}.xml")).Root!.Elements("testsuite").ToList();
        CollectionAssert.AreEqual(new[] { $"{isa}.decoder", $"{isa}.differential" }, suites.Select(s => (string?)s.Attribute("name")).ToList());
    }
}
