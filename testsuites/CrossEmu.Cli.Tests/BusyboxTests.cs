using System.Text;

namespace CrossEmu.Cli.Tests;

/// <summary>
/// Debian's busybox-static:armel (fetched by testsuites/fetch-busybox.sh) under CrossEmu must print
/// exactly what it prints under qemu-arm, with the same exit code.
/// </summary>
[TestClass]
public sealed class BusyboxTests
{
    static readonly string Busybox = Path.Combine(Repo.Root, "testsuites", "out", "busybox", "armel", "bin", "busybox");
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
        return dir;
    }

    public static IEnumerable<object[]> Commands() =>
    [
        ["echo", new[] { "echo", "hello", "from", "busybox" }],
        ["ls", new[] { "ls", "-la", "/" }],
        ["sort", new[] { "sort", "table.txt" }],
        ["md5sum", new[] { "md5sum", "big.txt" }],
        ["sha256sum", new[] { "sha256sum", "big.txt" }],
        ["gzip", new[] { "gzip", "-9", "-c", "big.txt" }],
        ["wc", new[] { "wc", "big.txt", "table.txt" }],
        ["sed", new[] { "sed", "-e", "s/line\\([0-9]*\\)/L\\1!/", "-e", "/beta/d", "table.txt" }],
        ["awk", new[] { "awk", "{s+=$1} END {print s}", "table.txt" }],
        ["sh", new[] { "sh", "-c", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo $i" }],
        ["false", new[] { "false" }],
    ];

    [TestMethod]
    [DynamicData(nameof(Commands))]
    public void SameOutputAndExitCodeAsQemu(string name, string[] command)
    {
        if (!File.Exists(Busybox)) Assert.Inconclusive($"{Busybox} is missing: testsuites/fetch-busybox.sh could not fetch busybox-static:armel (needs root, apt and the armel index)");
        var qemu = Repo.FindExecutable("qemu-arm");
        if (qemu == null) Assert.Inconclusive("qemu-arm is not installed (apt-get install qemu-user)");
        var dir = Data.Value;
        // `ls -la /` sees /tmp change while other tests run: compare a few times before calling it a difference.
        for (int attempt = 1; ; attempt++)
        {
            var ours = Repo.CrossEmu(["run", Busybox, .. command], dir, TimeSpan.FromMinutes(3));
            var theirs = Repo.Run(qemu, [Busybox, .. command], dir, TimeSpan.FromMinutes(3));
            Assert.IsFalse(ours.TimedOut, $"{name}: CrossEmu did not finish");
            if (name == "ls" && ours.Stdout != theirs.Stdout && attempt < 3) continue;
            Assert.AreEqual(theirs.ExitCode, ours.ExitCode, $"{name}: exit code (stderr: {ours.Stderr})");
            Assert.AreEqual(theirs.Stdout.Length, ours.Stdout.Length, $"{name}: stdout length");
            Assert.AreEqual(theirs.Stdout, ours.Stdout, $"{name}: stdout");
            Assert.AreEqual(theirs.Stderr, ours.Stderr, $"{name}: stderr");
            return;
        }
    }
}
