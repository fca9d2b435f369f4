using System.Text.RegularExpressions;

namespace CrossEmu.Cli.Tests;

/// <summary>`crossemu run -strace` on Debian's busybox (fetched by testsuites/fetch-busybox.sh): one
/// decoded line per syscall, with the pid first and errors by name, for ARM and MIPS.</summary>
[TestClass]
public sealed partial class StraceTests
{
    // A call with its result, a signal (--- SIGCHLD {...} ---) or the end (+++ exited with 1 +++).
    [GeneratedRegex(@"^\d+ (\w+\(.*\) = (-1 E[A-Z0-9]+ \(.+\)|\S+)|--- SIG\w+ \{.*\} ---|\+\+\+ (exited with \d+|killed by SIG\w+) \+\+\+)$")]
    private static partial Regex StraceLine();

    static string Busybox(string debianArch)
    {
        string path = Path.Combine(Repo.Root, "testsuites", "out", "busybox", debianArch, "bin", "busybox");
        if (!File.Exists(path))
            Assert.Inconclusive($"{path} is missing: testsuites/fetch-busybox.sh could not fetch busybox-static:{debianArch}");
        return path;
    }

    [TestMethod]
    [DataRow("armel")]
    [DataRow("mipsel")]
    public void CatOfAMissingFileShowsTheOpenAndItsError(string debianArch)
    {
        var busybox = Busybox(debianArch);
        var dir = Repo.TempDirectory();
        string missing = "/nonexistent-" + Path.GetFileName(dir);
        var r = Repo.CrossEmu(["run", "-strace", busybox, "cat", "/etc/hostname", missing], dir, TimeSpan.FromMinutes(2));
        Assert.IsFalse(r.TimedOut);
        Assert.AreEqual(1, r.ExitCode, r.Stderr);

        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var traced = lines.Where(l => l.Length > 0 && char.IsAsciiDigit(l[0])).ToArray();
        foreach (var line in traced) Assert.IsTrue(StraceLine().IsMatch(line), $"not an strace line: {line}");
        string pid = traced[0][..traced[0].IndexOf(' ')];
        Assert.IsTrue(traced.All(l => l.StartsWith(pid + " ")), "every line starts with the same pid");

        Assert.Contains($"{pid} openat(AT_FDCWD,\"/etc/hostname\",O_RDONLY|O_LARGEFILE) = ", r.Stderr);
        Assert.Contains($"{pid} openat(AT_FDCWD,\"{missing}\",O_RDONLY|O_LARGEFILE) = -1 ENOENT (No such file or directory)", r.Stderr);
        // rseq is not implemented: ENOSYS by name, which is 89 in MIPS's numbering and 38 in ARM's.
        Assert.Contains($"{pid} rseq(...) = -1 ENOSYS (Function not implemented)", r.Stderr);
        StringAssert.Matches(r.Stderr, new Regex(@$"{pid} write\(2,""cat: can't open '/nonexistent-[^""]*""\.\.\.,\d+\) = \d+"));
        CollectionAssert.AreEqual(new[] { $"{pid} exit_group(1) = ?", $"{pid} +++ exited with 1 +++" }, traced[^2..]);
    }

    [TestMethod]
    [DataRow("armel")]
    [DataRow("mipsel")]
    public void LogFileTakesTheLinesAndMappingsAreDecoded(string debianArch)
    {
        var busybox = Busybox(debianArch);
        var dir = Repo.TempDirectory();
        string log = Path.Combine(dir, "strace.log");
        var r = Repo.CrossEmu(["run", "-strace", "-D", log, busybox, "ls", "-l", "/"], dir, TimeSpan.FromMinutes(2));
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
        Assert.DoesNotContain("exit_group", r.Stderr, "the lines go to the -D file");
        string text = File.ReadAllText(log);
        StringAssert.Matches(text, new Regex(@"\d+ statx\(AT_FDCWD,""/"",AT_SYMLINK_NOFOLLOW\|AT_NO_AUTOMOUNT,STATX_BASIC_STATS," +
            @"\{stx_mask=0x[0-9a-f]+, stx_mode=S_IFDIR\|0[0-7]+, "));
        StringAssert.Matches(text, new Regex(@"\d+ brk\(NULL\) = 0x[0-9a-f]+"));
        Assert.Contains(" exit_group(0) = ?", text);
    }
}
