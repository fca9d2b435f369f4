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
        StringAssert.Matches(r.Stdout,
            new System.Text.RegularExpressions.Regex(@"conformance: 1 steps, [\d,]+ checked, 0 failures, [\d,]+ explained, 0 skipped"));
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

    /// <summary>
    /// A reference that really differs: qemu-arm told to be a Cortex-A8, which has neither the
    /// integer divide nor the multiprocessing extension, so SDIV, UDIV and PLDW raise SIGILL there
    /// and run here. Every such mismatch must come back shrunk to that one instruction, with its
    /// disassembly, both endings and a harness image that replays it.
    /// </summary>
    [TestMethod]
    public void AMismatchIsShrunkToAMinimalReproducer()
    {
        if (Repo.FindExecutable("qemu-arm") == null) Assert.Inconclusive("qemu-arm is not installed (apt-get install qemu-user)");
        string work = Repo.TempDirectory();
        var r = Repo.CrossEmu(["conformance", "--differential", "--isa", "arm", "--count", "200", "--workdir", work], work,
            TimeSpan.FromMinutes(5), environment: new Dictionary<string, string> { ["QEMU_CPU"] = "cortex-a8" });
        Assert.AreEqual(1, r.ExitCode, r.Stdout + r.Stderr);
        StringAssert.Contains(r.Stdout, "ended by SIGILL (4)");

        var reproducers = r.Stdout.Split("\n  arm seed ").Skip(1).Select(b => b.Split("\narm ")[0]).ToList();
        Assert.IsNotEmpty(reproducers, r.Stdout);
        var divides = 0;
        foreach (var text in reproducers)
        {
            var listing = text.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  0x[0-9a-f]{8}: [0-9a-f]{8}  ")).ToList();
            Assert.HasCount(1, listing, "shrunk to the one instruction qemu refuses:\n" + text);
            StringAssert.Matches(listing[0], new System.Text.RegularExpressions.Regex(@"(sdiv|udiv|pldw)\S* .*\[(SDIV|UDIV|PLDW_i|PLDW_r)\]$"), text);
            if (listing[0].Contains("div", StringComparison.Ordinal)) divides++;
            StringAssert.Contains(text, "qemu-arm: SIGILL (4), si_code ", text);
            StringAssert.Contains(text, "crossemu: reached the end", text);
            StringAssert.Contains(text, "signal: SIGILL (4) vs none (reached the end)", text);
            Assert.DoesNotContain("not shrunk", text);
            var image = System.Text.RegularExpressions.Regex.Match(text, @"harness image: (\S+)").Groups[1].Value;
            Assert.IsTrue(File.Exists(image), $"the reproducer's image {image} is kept\n{text}");
        }
        Assert.IsGreaterThan(0, divides, "the seed draws SDIV or UDIV in 200 sequences\n" + r.Stdout);
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
        StringAssert.Matches(r.Stdout,
            new System.Text.RegularExpressions.Regex(@"conformance: 2 steps, [\d,]+ checked, 0 failures, [\d,]+ explained, 0 skipped"));
        StringAssert.Contains(r.Stdout, $"{isa} differential: {qemu}: ");
        var suites = XDocument.Load(Path.Combine(Work, $"{isa}.xml")).Root!.Elements("testsuite").ToList();
        CollectionAssert.AreEqual(new[] { $"{isa}.decoder", $"{isa}.differential" }, suites.Select(s => (string?)s.Attribute("name")).ToList());
    }
}
