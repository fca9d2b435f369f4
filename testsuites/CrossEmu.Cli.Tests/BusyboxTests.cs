using System.Text;

namespace CrossEmu.Cli.Tests;

/// <summary>
/// Debian's busybox-static for one architecture (fetched by testsuites/fetch-busybox.sh) under
/// CrossEmu must print exactly what it prints under that architecture's qemu-user, with the same
/// exit code. One subclass per architecture; the commands are the same for all.
/// </summary>
public abstract class BusyboxTestsBase
{
    /// <summary>Debian's architecture name (the directory under testsuites/out/busybox).</summary>
    private protected abstract string DebianArch { get; }
    private protected abstract GuestTarget Target { get; }

    string Busybox => Path.Combine(Repo.Root, "testsuites", "out", "busybox", DebianArch, "bin", "busybox");

    static readonly Lazy<string> Data = new(MakeData);

    /// <summary>A work directory with a 10 MB compressible file and a small table of numbers.</summary>
    static string MakeData()
    {
        var dir = Repo.TempDirectory();
        var rng = new Random(12345);
        var words = new[] { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa" };
        var sb = new StringBuilder();
        while (sb.Length < 10_000_000)
            sb.Append(rng.Next(100000)).Append(' ').Append(words[rng.Next(words.Length)]).Append(' ').Append(rng.Next(1000) / 7.0).Append('\n');
        File.WriteAllText(Path.Combine(dir, "big.txt"), sb.ToString(0, 10_000_000));
        var lines = Enumerable.Range(0, 2000).Select(i => $"{rng.Next(1_000_000)} {words[i % words.Length]} line{i}");
        File.WriteAllLines(Path.Combine(dir, "table.txt"), lines);
        File.WriteAllText(Path.Combine(dir, "script.sh"), Script);
        MakeTree(Path.Combine(dir, "tree"));
        return dir;
    }

    /// <summary>
    /// A directory for `ls -la` whose listing nothing else changes (listing "/" raced with other
    /// tests creating directories under /tmp): files of several sizes and modes, a subdirectory,
    /// a symlink, all with fixed times.
    /// </summary>
    static void MakeTree(string tree)
    {
        Directory.CreateDirectory(Path.Combine(tree, "sub"));
        File.WriteAllText(Path.Combine(tree, "empty"), "");
        File.WriteAllText(Path.Combine(tree, "small.txt"), "hello\n");
        File.WriteAllBytes(Path.Combine(tree, "big.bin"), new byte[123_457]);
        File.WriteAllText(Path.Combine(tree, "run.sh"), "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(tree, "run.sh"), (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(Path.Combine(tree, "link"), "small.txt");
        var then = new DateTime(2024, 3, 14, 15, 9, 26, DateTimeKind.Utc);
        foreach (var entry in new[] { "sub", "empty", "small.txt", "big.bin", "run.sh", "" })
        {
            var path = Path.Combine(tree, entry);
            if (Directory.Exists(path)) Directory.SetLastWriteTimeUtc(path, then);
            else File.SetLastWriteTimeUtc(path, then);
        }
    }

    public static IEnumerable<object[]> Commands() =>
    [
        ["echo", new[] { "echo", "hello", "from", "busybox" }],
        ["ls", new[] { "ls", "-la", "tree" }],
        ["sort", new[] { "sort", "table.txt" }],
        ["md5sum", new[] { "md5sum", "big.txt" }],
        ["sha256sum", new[] { "sha256sum", "big.txt" }],
        ["gzip", new[] { "gzip", "-9", "-c", "big.txt" }],
        ["wc", new[] { "wc", "big.txt", "table.txt" }],
        ["sed", new[] { "sed", "-e", "s/line\\([0-9]*\\)/L\\1!/", "-e", "/beta/d", "table.txt" }],
        ["awk", new[] { "awk", "{s+=$1} END {print s}", "table.txt" }],
        ["sh", new[] { "sh", "-c", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo $i" }],
        ["false", new[] { "false" }],
        // Guest processes: fork, exec of the applets, pipes, waits, SIGPIPE (yes must die of it).
        ["substitution", new[] { "sh", "-c", "echo $(echo a b c | wc -w)" }],
        ["pipeline", new[] { "sh", "-c", "seq 1 1000 | sort -r | head -3" }],
        ["script", new[] { "sh", "script.sh" }],
    ];

    /// <summary>A function, a subshell, a background job and wait, a pipe into a loop, an exit status.</summary>
    const string Script = """
        greet() { echo "hello $1"; }
        greet world
        x=$( (cd /; pwd; echo sub) | tr '\n' ' ')
        echo "subshell: $x"
        (sleep 0.2; echo background done) &
        bg=$!
        echo started
        wait $bg
        echo "wait status $?"
        for i in 1 2 3; do echo "item $i"; done | while read l; do echo "got $l"; done
        false || echo "false failed: $?"
        exit 3
        """;

    /// <summary>
    /// `yes` must die of SIGPIPE once head has its bytes (before, CrossEmu's yes ran on forever). Only stdout and
    /// the status are compared: under qemu-user 7.2 the shell runs the host's GNU yes (see below) with SIGPIPE
    /// ignored, which prints "Broken pipe"; Linux's busybox yes dies silently.
    /// </summary>
    [TestMethod]
    public void YesDiesOfSigpipeInAPipeline()
    {
        if (!File.Exists(Busybox)) Assert.Inconclusive($"{Busybox} is missing (testsuites/fetch-busybox.sh)");
        var ours = Repo.CrossEmu(["run", Busybox, "sh", "-c", "yes | head -c 1000000 | wc -c"], Data.Value, TimeSpan.FromMinutes(2));
        Assert.IsFalse(ours.TimedOut, "yes did not end");
        Assert.AreEqual(0, ours.ExitCode, ours.Stderr);
        Assert.AreEqual("1000000\n", ours.Stdout);
        Assert.AreEqual("", ours.Stderr);
    }

    /// <summary>
    /// gzip in a pipeline: the shell execs the applet through /proc/self/exe, which qemu-user 7.2 refuses
    /// (ENOEXEC), so under qemu the shell falls back to the host's GNU gzip (another header). Linux runs
    /// busybox's gzip, as CrossEmu does: the expected digest is that of qemu running the applet directly.
    /// </summary>
    [TestMethod]
    public void GzipInAPipelineIsBusyboxsGzip()
    {
        if (!File.Exists(Busybox)) Assert.Inconclusive($"{Busybox} is missing (testsuites/fetch-busybox.sh)");
        var qemu = Target.RequireQemu();
        var dir = Data.Value;
        var ours = Repo.CrossEmu(["run", Busybox, "sh", "-c", "gzip -9 -c table.txt | md5sum"], dir, TimeSpan.FromMinutes(3));
        var direct = Repo.Run(qemu, [Busybox, "gzip", "-9", "-c", "table.txt"], dir, TimeSpan.FromMinutes(3));
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.Latin1.GetBytes(direct.Stdout)));
        Assert.AreEqual(0, ours.ExitCode, ours.Stderr);
        Assert.AreEqual($"{digest}  -\n", ours.Stdout);
    }

    [TestMethod]
    [DynamicData(nameof(Commands))]
    public void SameOutputAndExitCodeAsQemu(string name, string[] command)
    {
        if (!File.Exists(Busybox))
            Assert.Inconclusive($"{Busybox} is missing: testsuites/fetch-busybox.sh could not fetch busybox-static:{DebianArch} " +
                $"(needs root, apt and the {DebianArch} index)");
        var qemu = Target.RequireQemu();
        var dir = Data.Value;
        var ours = Repo.CrossEmu(["run", Busybox, .. command], dir, TimeSpan.FromMinutes(3));
        var theirs = Repo.Run(qemu, [Busybox, .. command], dir, TimeSpan.FromMinutes(3));
        Assert.IsFalse(ours.TimedOut, $"{name}: CrossEmu did not finish");
        Assert.AreEqual(theirs.ExitCode, ours.ExitCode, $"{name}: exit code (stderr: {ours.Stderr})");
        Assert.AreEqual(theirs.Stdout.Length, ours.Stdout.Length, $"{name}: stdout length");
        Assert.AreEqual(theirs.Stdout, ours.Stdout, $"{name}: stdout");
        Assert.AreEqual(theirs.Stderr, ours.Stderr, $"{name}: stderr");
    }
}

/// <summary>busybox-static:armel against qemu-arm.</summary>
[TestClass]
public sealed class BusyboxTests : BusyboxTestsBase
{
    private protected override string DebianArch => "armel";
    private protected override GuestTarget Target => GuestTarget.Arm;
}

/// <summary>busybox-static:mipsel against qemu-mipsel.</summary>
[TestClass]
public sealed class MipselBusyboxTests : BusyboxTestsBase
{
    private protected override string DebianArch => "mipsel";
    private protected override GuestTarget Target => GuestTarget.Mipsel;
}
