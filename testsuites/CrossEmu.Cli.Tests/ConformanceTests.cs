namespace CrossEmu.Cli.Tests;

/// <summary>
/// The guest programs of testsuites/conformance for arm, mips and mipsel (built by its build.sh
/// with the Debian cross compilers, -static): stdout and exit code under CrossEmu must equal the
/// expected files, and qemu-user must print the same for the same binary.
/// </summary>
[TestClass]
public sealed class ConformanceTests
{
    public static IEnumerable<object[]> Programs() =>
        GuestTarget.All.SelectMany(t => ConformanceSet.Programs(t).Select(name => new object[] { t.Name, name }));

    static string Binary(GuestTarget t, string name)
    {
        var bin = Path.Combine(ConformanceSet.BinaryDir(t), name);
        if (!File.Exists(bin))
            Assert.Inconclusive($"{bin} is not built: testsuites/conformance/build.sh {t} needs {t.Compiler} (apt-get install {t.Packages})");
        return bin;
    }

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void ProgramMatchesExpectedOutput(string target, string name)
    {
        var t = GuestTarget.Named(target);
        var bin = Binary(t, name);
        var dir = Repo.TempDirectory();
        try
        {
            var r = Repo.CrossEmu(["run", bin, .. ConformanceSet.Args(t, name)], dir, stdin: "");
            Assert.IsFalse(r.TimedOut, $"{t}/{name} did not finish");
            Assert.DoesNotContain("Unhandled exception", r.Stderr, $"{t}/{name}: the emulator crashed:\n{r.Stderr}");
            var expected = ConformanceSet.Expected(t, name);
            if (ConformanceSet.Later(t).TryGetValue(name, out var why))
            {
                if (r.ExitCode == ConformanceSet.ExpectedExitCode(t, name) && r.Stdout == expected)
                    Assert.Fail($"{t}/{name} now passes: remove it from later.txt");
                Assert.Inconclusive($"{t}/{name}: {why} (it fails cleanly: exit {r.ExitCode}, {FirstLine(r.Stderr)})");
            }
            Assert.AreEqual(expected, r.Stdout, $"{t}/{name}: stdout (stderr: {r.Stderr})");
            Assert.AreEqual(ConformanceSet.ExpectedExitCode(t, name), r.ExitCode, $"{t}/{name}: exit code (stderr: {r.Stderr})");
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void QemuAgreesWithExpectedOutput(string target, string name)
    {
        var t = GuestTarget.Named(target);
        var bin = Binary(t, name);
        var qemu = t.RequireQemu();
        var dir = Repo.TempDirectory();
        try
        {
            var r = Repo.Run(qemu, [bin, .. ConformanceSet.Args(t, name)], dir, TimeSpan.FromSeconds(60), stdin: "");
            // qemu dies by the guest's signal itself; the shell convention is 128+signal.
            int exit = r.ExitCode < 0 ? 128 - r.ExitCode : r.ExitCode;
            bool same = r.Stdout == ConformanceSet.Expected(t, name) && exit == ConformanceSet.ExpectedExitCode(t, name);
            if (ConformanceSet.QemuDiffers(t, name) is { } why)
            {
                if (same) Assert.Fail($"{t}/{name}: {t.Qemu} now agrees with the expected files: take it off qemu-differs.txt");
                Assert.Inconclusive($"{t}/{name}: {why}");
            }
            Assert.AreEqual(ConformanceSet.Expected(t, name), r.Stdout, $"{t}/{name} under {t.Qemu}");
            Assert.AreEqual(ConformanceSet.ExpectedExitCode(t, name), exit, $"{t}/{name} exit code under {t.Qemu}");
        }
        finally { Directory.Delete(dir, true); }
    }

    static string FirstLine(string s) => s.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "nothing on stderr";
}
