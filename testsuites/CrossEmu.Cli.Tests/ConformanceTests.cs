namespace CrossEmu.Cli.Tests;

/// <summary>
/// The guest programs of testsuites/conformance/arm (built by its build.sh with
/// arm-linux-gnueabi-gcc -static): stdout and exit code under CrossEmu must equal the expected
/// files, and qemu-arm must print the same for the same binary.
/// </summary>
[TestClass]
public sealed class ConformanceTests
{
    static readonly string Sources = Path.Combine(Repo.Root, "testsuites", "conformance", "arm");
    static readonly string Binaries = Path.Combine(Repo.Root, "testsuites", "conformance", "out", "arm");

    /// <summary>Programs that need a later issue's feature, with the reason; they must still fail cleanly.</summary>
    static readonly Dictionary<string, string> Later = File.ReadAllLines(Path.Combine(Sources, "later.txt"))
        .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim());

    public static IEnumerable<object[]> Programs() =>
        Directory.GetFiles(Sources, "*.expected").Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }).OrderBy(p => (string)p[0]);

    static string[] ArgsOf(string name)
    {
        var f = Path.Combine(Sources, name + ".args");
        return File.Exists(f) ? File.ReadAllText(f).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries) : [];
    }

    static int ExpectedExitCode(string name)
    {
        var f = Path.Combine(Sources, name + ".exitcode");
        return File.Exists(f) ? int.Parse(File.ReadAllText(f).Trim()) : 0;
    }

    static string Binary(string name)
    {
        var bin = Path.Combine(Binaries, name);
        if (!File.Exists(bin))
            Assert.Inconclusive($"{bin} is not built: testsuites/conformance/build.sh needs arm-linux-gnueabi-gcc (apt-get install gcc-arm-linux-gnueabi libc6-dev-armel-cross)");
        return bin;
    }

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void ProgramMatchesExpectedOutput(string name)
    {
        var bin = Binary(name);
        var dir = Repo.TempDirectory();
        try
        {
            var r = Repo.CrossEmu(["run", bin, .. ArgsOf(name)], dir, stdin: "");
            Assert.IsFalse(r.TimedOut, $"{name} did not finish");
            Assert.DoesNotContain("Unhandled exception", r.Stderr, $"{name}: the emulator crashed:\n{r.Stderr}");
            if (Later.TryGetValue(name, out var why))
            {
                if (r.ExitCode == ExpectedExitCode(name) && r.Stdout == Repo.ReadExpected(Path.Combine(Sources, name + ".expected")))
                    Assert.Fail($"{name} now passes: remove it from later.txt");
                Assert.Inconclusive($"{name}: {why} (it fails cleanly: exit {r.ExitCode}, {FirstLine(r.Stderr)})");
            }
            Assert.AreEqual(Repo.ReadExpected(Path.Combine(Sources, name + ".expected")), r.Stdout, $"{name}: stdout (stderr: {r.Stderr})");
            Assert.AreEqual(ExpectedExitCode(name), r.ExitCode, $"{name}: exit code (stderr: {r.Stderr})");
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void QemuAgreesWithExpectedOutput(string name)
    {
        var bin = Binary(name);
        var qemu = Repo.FindExecutable("qemu-arm") ?? Repo.FindExecutable("qemu-arm-static");
        if (qemu == null) { Assert.Inconclusive("qemu-arm is not installed (apt-get install qemu-user)"); return; }
        var dir = Repo.TempDirectory();
        try
        {
            var r = Repo.Run(qemu, [bin, .. ArgsOf(name)], dir, TimeSpan.FromSeconds(60), stdin: "");
            // qemu dies by the guest's signal itself; the shell convention is 128+signal.
            int exit = r.ExitCode < 0 ? 128 - r.ExitCode : r.ExitCode;
            Assert.AreEqual(Repo.ReadExpected(Path.Combine(Sources, name + ".expected")), r.Stdout, $"{name} under qemu-arm");
            Assert.AreEqual(ExpectedExitCode(name), exit, $"{name} exit code under qemu-arm");
        }
        finally { Directory.Delete(dir, true); }
    }

    static string FirstLine(string s) => s.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "nothing on stderr";
}
