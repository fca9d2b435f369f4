namespace CrossEmu.Cli.Tests;

/// <summary>The crossemu command as a user meets it: the demo, bad input, options.</summary>
[TestClass]
public sealed class CliTests
{
    static readonly string Work = Repo.TempDirectory();

    [TestMethod]
    public void DemoPrintsTheDemosAndTheirSpeed()
    {
        var r = Repo.CrossEmu(["demo"], Work);
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
        var expected = Repo.ReadExpected(Path.Combine(Repo.Root, "testsuites", "demo", "demo.expected"));
        Assert.StartsWith(expected, r.Stdout, "the ARM demo's own output comes first, unchanged");
        StringAssert.Matches(r.Stdout, new System.Text.RegularExpressions.Regex(@"[\d,]+ arm instructions in [\d.]+ s"));
        var mips = Repo.ReadExpected(Path.Combine(Repo.Root, "testsuites", "demo", "demo-mipsel.expected"));
        Assert.Contains(mips, r.Stdout, "then the MIPS demo's output, unchanged");
        StringAssert.Matches(r.Stdout, new System.Text.RegularExpressions.Regex(@"[\d,]+ mipsel instructions in [\d.]+ s"));
    }

    /// <summary>
    /// The guest's environment is the user's: what the `crossemu` script exports for the runtime
    /// (named in CROSSEMU_LAUNCHER_ENV) stays out, the rest arrives in order, -E replaces in place.
    /// </summary>
    [TestMethod]
    public void TheGuestDoesNotSeeWhatTheLauncherSetForTheRuntime()
    {
        var busybox = Path.Combine(Repo.Root, "testsuites", "out", "busybox", "armel", "bin", "busybox");
        if (!File.Exists(busybox)) Assert.Inconclusive("Debian busybox-static:armel is not fetched (testsuites/fetch-busybox.sh)");
        var env = new Dictionary<string, string>
        {
            ["CROSSEMU_LAUNCHER_ENV"] = "CE_TEST_HIDDEN_A:CE_TEST_HIDDEN_B",
            ["CE_TEST_HIDDEN_A"] = "1", ["CE_TEST_HIDDEN_B"] = "2", ["CE_TEST_VISIBLE"] = "3",
        };
        var r = Repo.CrossEmu(["run", busybox, "env"], Work, environment: env);
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.Contains(lines, "CE_TEST_VISIBLE=3");
        bool Hidden(string line) =>
            line.StartsWith("CE_TEST_HIDDEN_", StringComparison.Ordinal) || line.StartsWith("CROSSEMU_LAUNCHER_ENV=", StringComparison.Ordinal);
        Assert.IsFalse(lines.Any(Hidden), r.Stdout);

        var replaced = Repo.CrossEmu(["run", "-E", "CE_TEST_VISIBLE=4", busybox, "env"], Work, environment: env).Stdout.Split('\n');
        Assert.AreEqual(Array.IndexOf(lines, "CE_TEST_VISIBLE=3"), Array.IndexOf(replaced, "CE_TEST_VISIBLE=4"), "replaced where it was");
    }

    static void AssertOneLineError(Repo.Result r, string fragment)
    {
        Assert.AreEqual(1, r.ExitCode, r.Stderr);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, r.Stderr);
        StringAssert.Contains(lines[0], fragment);
        Assert.DoesNotContain(" at ", lines[0], "no stack trace");
    }

    [TestMethod]
    public void MissingFileIsOneLine() =>
        AssertOneLineError(Repo.CrossEmu(["run", "/nonexistent/prog"], Work), "no such file");

    [TestMethod]
    public void NonElfFileIsOneLine()
    {
        var f = Path.Combine(Work, "text.txt");
        File.WriteAllText(f, "#!/bin/sh\necho not an elf\n");
        AssertOneLineError(Repo.CrossEmu(["run", f], Work), "not an ELF");
    }

    [TestMethod]
    public void TruncatedElfIsOneLine()
    {
        var f = Path.Combine(Work, "truncated.elf");
        File.WriteAllBytes(f, File.ReadAllBytes(Path.Combine(Repo.Root, "tools", "CrossEmu.Cli", "Demo", "demo-arm.elf"))[..200]);
        AssertOneLineError(Repo.CrossEmu(["run", f], Work), "truncated");
    }

    [TestMethod]
    public void UnsupportedMachineIsOneLine()
    {
        // The host's own /bin/true is an x86-64 ELF.
        AssertOneLineError(Repo.CrossEmu(["run", "/bin/true"], Work), "ELF");
    }

    [TestMethod]
    public void UnknownLogItemIsOneLine() =>
        AssertOneLineError(Repo.CrossEmu(["run", "-d", "bogus", "/bin/true"], Work), "unknown log item 'bogus'");

    [TestMethod]
    public void GuestArgumentsAfterTheProgramAreNotCrossEmuOptions()
    {
        var bin = Path.Combine(Repo.Root, "testsuites", "conformance", "out", "arm", "args");
        if (!File.Exists(bin)) Assert.Inconclusive("the conformance programs are not built (needs arm-linux-gnueabi-gcc)");
        var r = Repo.CrossEmu(["run", "-E", "CROSSEMU_TEST=1", bin, "-d", "--flag", "x"], Work);
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
        StringAssert.Contains(r.Stdout, "-d");
        StringAssert.Contains(r.Stdout, "--flag");
    }

    [TestMethod]
    public void ProfileSplitsTheWallTimeAndCountsTheWork()
    {
        var bin = Path.Combine(Repo.Root, "testsuites", "conformance", "out", "arm", "qsort");
        if (!File.Exists(bin)) Assert.Inconclusive("the conformance programs are not built (needs arm-linux-gnueabi-gcc)");
        var r = Repo.CrossEmu(["run", "--profile", bin], Work);
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
        var rows = new System.Text.RegularExpressions.Regex(@"^  (.+?) +(\d+\.\d{3}) s +(\d+\.\d)%$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Matches(r.Stderr);
        Assert.HasCount(7, rows, r.Stderr);
        var lifting = rows.Single(m => m.Groups[1].Value.StartsWith("lifting", StringComparison.Ordinal));
        Assert.IsGreaterThan(0.0, double.Parse(lifting.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), r.Stderr);
        StringAssert.Matches(r.Stderr, new System.Text.RegularExpressions.Regex(@"lifting [1-9][\d,]* blocks"));
        StringAssert.Matches(r.Stderr, new System.Text.RegularExpressions.Regex(@"interpreter: [1-9][\d,]* block runs"));
        StringAssert.Contains(r.Stderr, "crossemu: compile thread:");
    }

    /// <summary>Runs an ARM conformance program with `-d items -D file`; the log's text.</summary>
    static string LoggedRun(string program, string items, int expectedExitCode)
    {
        var bin = Path.Combine(Repo.Root, "testsuites", "conformance", "out", "arm", program);
        if (!File.Exists(bin)) Assert.Inconclusive("the conformance programs are not built (needs arm-linux-gnueabi-gcc)");
        var log = Path.Combine(Work, $"{items}.txt");
        var r = Repo.CrossEmu(["run", "-d", items, "-D", log, bin], Work);
        Assert.AreEqual(expectedExitCode, r.ExitCode, r.Stderr);
        return File.ReadAllText(log);
    }

    [TestMethod]
    public void InAsmAndOpLogsShowGuestCodeAndIr()
    {
        var text = LoggedRun("exitcode", "in_asm,op", 42);
        StringAssert.Contains(text, "IN:");
        StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"0x[0-9a-f]{8}:  [0-9a-f]{8}      (ldr|str|mov|push|bl|add|sub)"));
        StringAssert.Contains(text, "OP after optimization:");
        StringAssert.Contains(text, "GetReg32");
    }

    [TestMethod]
    public void ExecAndCpuLogsShowEachBlockEntryWithItsRegisters()
    {
        var lines = LoggedRun("exitcode", "exec,cpu", 42).Split('\n');
        int entry = Array.FindIndex(lines, l => l.StartsWith("Trace: [", StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, entry, "a Trace line per block entered");
        StringAssert.Matches(lines[entry], new System.Text.RegularExpressions.Regex(@"^Trace: \[[0-9a-f]{8}\] \d+ insns$"));
        StringAssert.Matches(lines[entry + 1], new System.Text.RegularExpressions.Regex(@"^ *pc=[0-9a-f]{8}$"), "the pc of the block entered first");
        StringAssert.Matches(lines[entry + 2], new System.Text.RegularExpressions.Regex(@"^ *r0=[0-9a-f]{8} +r1=[0-9a-f]{8} .* +r7=[0-9a-f]{8}$"),
            "eight registers to a row");
        Assert.IsTrue(lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\bsp=[0-9a-f]{8}\b")), "sp is among the registers");
    }

    [TestMethod]
    public void IntAndUnimpLogsShowTheUndefinedInstructionAndTheSignal()
    {
        var text = LoggedRun("udf", "int,unimp", 132);
        StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"undefined instruction 0xe7f000f0 at 0x[0-9a-f]{8}"));
        StringAssert.Contains(text, "exception Undefined at pc");
        StringAssert.Contains(text, "signal SIGILL (4, code 1, address ");
        StringAssert.Contains(text, "): default action");
    }
}
