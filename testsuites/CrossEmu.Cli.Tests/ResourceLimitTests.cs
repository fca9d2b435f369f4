using System.Text.RegularExpressions;
using CrossEmu.Isa.Host;

namespace CrossEmu.Cli.Tests;

/// <summary>
/// Guests pushed to their limits end cleanly (testsuites/conformance/limits): 2,000 threads start and are
/// joined; default 8 MiB stacks fill the 32-bit address space and pthread_create then fails with EAGAIN;
/// a guest that forks until EAGAIN under RLIMIT_NPROC (the host's, or one it sets itself) gets EAGAIN from
/// fork, not children that die in start-up, and leaves no host process behind. Root is exempt from
/// RLIMIT_NPROC on Linux, so the fork tests run the guest as user nobody (setpriv).
/// </summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[DoNotParallelize]   // the fork tests count user nobody's processes, and thousands of threads are enough at a time
public sealed partial class ResourceLimitTests
{
    const int Nobody = 65534;

    static string Program(GuestTarget t, string name)
    {
        var bin = Path.Combine(ConformanceSet.BinaryDir(t), "limits", name);
        if (!File.Exists(bin)) Assert.Inconclusive($"{bin} is not built (testsuites/conformance/build.sh, needs {t.Compiler})");
        return bin;
    }

    [TestMethod]
    [DataRow("arm"), DataRow("mips"), DataRow("mipsel")]
    public void TwoThousandThreadsStartAndAreJoined(string target)
    {
        var bin = Program(GuestTarget.Named(target), "many_threads");
        // 128 KiB stacks: MIPS's PTHREAD_STACK_MIN, and 2,000 of them fit the guest's address space.
        var r = Repo.CrossEmu(["run", bin, "2000", "131072"], Repo.TempDirectory(), TimeSpan.FromMinutes(3));
        Assert.IsFalse(r.TimedOut, "did not finish");
        Assert.AreEqual("created 2000 of 2000\njoined 2000, results right 1, every thread ran 1\n", r.Stdout, r.Stderr);
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
    }

    [TestMethod]
    public void DefaultStacksFillTheAddressSpaceThenPthreadCreateFails()
    {
        var bin = Program(GuestTarget.Arm, "many_threads");
        var r = Repo.CrossEmu(["run", bin, "2000"], Repo.TempDirectory(), TimeSpan.FromMinutes(3));
        Assert.IsFalse(r.TimedOut, "did not finish");
        var m = CreatedThenEagain().Match(r.Stdout);
        Assert.IsTrue(m.Success, r.Stdout + r.Stderr);
        int made = int.Parse(m.Groups[1].Value);
        // 8 MiB stacks in a 4 GiB address space: a few hundred, as qemu-arm and an ARM Linux give.
        Assert.IsTrue(made is > 100 and < 600, $"{made} threads");
        StringAssert.Contains(r.Stdout, $"joined {made}, results right 1, every thread ran 1\n");
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
    }

    [GeneratedRegex(@"^created (\d+) of 2000, then Resource temporarily unavailable\n")]
    private static partial Regex CreatedThenEagain();

    [TestMethod]
    public void ForkUntilEagainUnderTheHostsLimitEndsCleanly()
    {
        var r = RunAsNobody(["prlimit", "--nproc=200"], Program(GuestTarget.Arm, "fork_until_eagain"));
        var m = ForkedThenEagain().Match(r.Stdout);
        Assert.IsTrue(m.Success, r.Stdout + r.Stderr);
        int forked = int.Parse(m.Groups[1].Value);
        Assert.IsTrue(forked >= 1, r.Stdout);
        Assert.AreEqual($"reaped {forked} killed by SIGTERM\n", r.Stdout[m.Length..], r.Stderr);
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
    }

    [TestMethod]
    public void ForkUntilEagainUnderTheGuestsOwnLimitEndsCleanly()
    {
        // setrlimit(RLIMIT_NPROC, 4) as nobody: the guest and 3 children, then EAGAIN, as on Linux.
        var r = RunAsNobody([], Program(GuestTarget.Mipsel, "fork_until_eagain"), "4");
        Assert.AreEqual("forked 3, then Resource temporarily unavailable\nreaped 3 killed by SIGTERM\n", r.Stdout, r.Stderr);
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
    }

    [GeneratedRegex(@"^forked (\d+), then Resource temporarily unavailable\n")]
    private static partial Regex ForkedThenEagain();

    /// <summary>Runs `crossemu run program args` as user nobody (through setpriv, after the given wrapper
    /// command); checks that nobody runs anything before and after.</summary>
    static Repo.Result RunAsNobody(string[] wrapper, string program, params string[] args)
    {
        if (Libc.geteuid() != 0) Assert.Inconclusive("needs root to run the guest as another user (root is exempt from RLIMIT_NPROC)");
        var setpriv = Repo.FindExecutable("setpriv") ?? throw new AssertInconclusiveException("setpriv is not installed (util-linux)");
        var dotnet = Repo.FindExecutable("dotnet") ?? throw new AssertInconclusiveException("dotnet is not on PATH");
        foreach (var file in new[] { Repo.CliDll, program })
            if (!OthersCanRead(file)) Assert.Inconclusive($"user nobody cannot read {file} (a directory above it is not world-searchable)");
        if (ProcessesOf(Nobody) > 0) Assert.Inconclusive("user nobody already runs processes: the task count would not be the guest's");
        string[] command = [$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp",
            .. wrapper, dotnet, Repo.CliDll, "run", program, .. args];
        var r = Repo.Run(setpriv, command, "/tmp", TimeSpan.FromMinutes(3));
        Assert.IsFalse(r.TimedOut, $"did not finish: {r.Stdout}{r.Stderr}");
        Thread.Sleep(500);
        Assert.AreEqual(0, ProcessesOf(Nobody), "a host process of the guest was left behind");
        return r;
    }

    static bool OthersCanRead(string file)
    {
        if ((File.GetUnixFileMode(file) & UnixFileMode.OtherRead) == 0) return false;
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(file)); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            if ((File.GetUnixFileMode(dir) & UnixFileMode.OtherExecute) == 0) return false;
        return true;
    }

    static int ProcessesOf(int uid) =>
        Directory.EnumerateDirectories("/proc").Count(d =>
        {
            if (!char.IsAsciiDigit(Path.GetFileName(d)[0])) return false;
            try
            {
                var line = File.ReadLines(Path.Combine(d, "status")).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
                return line != null && line[4..].TrimStart().Split('\t')[0] == uid.ToString();
            }
            catch (IOException) { return false; }
        });
}
