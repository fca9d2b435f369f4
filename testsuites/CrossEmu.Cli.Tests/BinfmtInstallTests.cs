using System.Text.RegularExpressions;
using CrossEmu.Isa.Host;

namespace CrossEmu.Cli.Tests;

/// <summary>
/// `crossemu binfmt` with the kernel: entries registered under a name prefix of this test run start
/// guest programs run as ./prog, and are removed again whatever happens. Needs root; binfmt_misc is
/// mounted for the tests when it is not, and unmounted after them only then.
/// </summary>
[TestClass]
public sealed class BinfmtInstallTests
{
    const string BinfmtMisc = "/proc/sys/fs/binfmt_misc";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    static string? unavailable;
    static bool mountedHere;

    [ClassInitialize]
    public static void Mount(TestContext _)
    {
        bool mounted = File.Exists(Path.Combine(BinfmtMisc, "register"));
        if (Libc.geteuid() != 0)
        {
            unavailable = mounted ? "registering with binfmt_misc needs root" : "binfmt_misc is not mounted, and mounting it needs root";
            return;
        }
        if (mounted) return;
        var r = Repo.Run("mount", ["-t", "binfmt_misc", "binfmt_misc", BinfmtMisc], "/", Timeout);
        if (r.ExitCode != 0) unavailable = $"cannot mount binfmt_misc: {r.Stderr.Trim()}";
        else mountedHere = true;
    }

    [ClassCleanup]
    public static void Unmount()
    {
        if (mountedHere) Repo.Run("umount", [BinfmtMisc], "/", Timeout);
    }

    /// <summary>
    /// Installs (with extra options) under a prefix no one else uses, runs the test, then uninstalls and
    /// checks that nothing of the prefix stays registered; if anything went wrong, the entries are removed
    /// directly so that no test leaves one behind.
    /// </summary>
    static void WithEntries(string tag, string[] install, Action<string, string> test)
    {
        if (unavailable != null) Assert.Inconclusive(unavailable);
        var prefix = $"cetest-{Environment.ProcessId}-{tag}";
        var work = Repo.TempDirectory();
        try
        {
            var r = Repo.CrossEmu(["binfmt", "install", "--name-prefix", prefix, "--interpreter-dir", Path.Combine(work, "launchers"), .. install], work);
            Assert.AreEqual(0, r.ExitCode, r.Stderr);
            test(prefix, work);
            var removed = Repo.CrossEmu(["binfmt", "uninstall", "--name-prefix", prefix], work);
            Assert.AreEqual(0, removed.ExitCode, removed.Stderr);
            Assert.IsEmpty(Registered(prefix + "-"), "uninstall removed every entry");
            Assert.IsEmpty(Directory.GetFiles(Path.Combine(work, "launchers")), "and their launchers");
        }
        finally
        {
            foreach (var entry in Registered(prefix + "-")) Write(entry, "-1");
        }
    }

    static string[] Registered(string prefix) => Directory.GetFiles(BinfmtMisc, prefix + "*");

    /// <summary>One write, as binfmt_misc's files take them.</summary>
    static void Write(string path, string text)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        f.Write(System.Text.Encoding.ASCII.GetBytes(text));
    }

    /// <summary>
    /// A /bin/sh command line in a directory: ./prog started by the kernel, not by crossemu run. Programs are
    /// copied there by the shell too: a file this multi-threaded process had open for writing could still be
    /// open in a child that another test forks meanwhile, and exec would fail with ETXTBSY.
    /// </summary>
    static Repo.Result Shell(string directory, string script, params string[] args)
    {
        Directory.CreateDirectory(directory);
        return Repo.Run("/bin/sh", ["-c", script, "sh", .. args], directory, Timeout);
    }

    /// <summary>
    /// Each ISA's conformance program `args`, copied and started as ./args, prints what it prints under
    /// `crossemu run`. A file with only an ARM ELF header then fails with CrossEmu's own one-line error:
    /// CrossEmu's entry ran, not a qemu-user-binfmt one for the same files (the kernel tries the entry
    /// registered last first, and ours is).
    /// </summary>
    [TestMethod]
    public void GuestProgramsRunAsDotSlashProg()
    {
        var built = GuestTarget.All.Where(t => File.Exists(Path.Combine(ConformanceSet.BinaryDir(t), "args"))).ToList();
        if (built.Count == 0) Assert.Inconclusive("the conformance programs are not built (testsuites/conformance/build.sh arm mips mipsel)");
        WithEntries("run", [], (prefix, work) =>
        {
            foreach (var t in built)
            {
                var program = Path.Combine(ConformanceSet.BinaryDir(t), "args");
                var r = Shell(Path.Combine(work, t.Name), "cp \"$1\" args && shift && ./args \"$@\"", [program, .. ConformanceSet.Args(t, "args")]);
                Assert.AreEqual(0, r.ExitCode, $"{t}: {r.Stderr}");
                Assert.AreEqual(ConformanceSet.Expected(t, "args"), r.Stdout, t.Name);
            }
            var arm = Path.Combine(ConformanceSet.BinaryDir(built[0]), "args");
            var refused = Shell(work, "head -c 52 \"$1\" > header-only && chmod +x header-only && ./header-only", arm);
            Assert.AreEqual(1, refused.ExitCode, refused.Stderr);
            Assert.AreEqual("crossemu: ./header-only: truncated ELF (program headers)\n", refused.Stderr);
        });
    }

    /// <summary>Flag P: busybox finds its applet by argv[0], which the kernel preserves apart from the file's path.</summary>
    [TestMethod]
    public void Argv0IsPreserved()
    {
        var busybox = Path.Combine(Repo.Root, "testsuites", "out", "busybox", "armel", "bin", "busybox");
        if (!File.Exists(busybox)) Assert.Inconclusive("Debian busybox-static:armel is not fetched (testsuites/fetch-busybox.sh)");
        WithEntries("argv0", ["--arch", "arm"], (prefix, work) =>
        {
            var copied = Shell(work, "cp \"$1\" bb && ln -s bb basename", busybox);
            Assert.AreEqual(0, copied.ExitCode, copied.Stderr);
            var echo = Repo.Run("/bin/bash", ["-c", "exec -a echo ./bb hello binfmt"], work, Timeout);
            Assert.AreEqual((0, "hello binfmt\n"), (echo.ExitCode, echo.Stdout), echo.Stderr);
            var basename = Shell(work, "./basename /a/b/c");
            Assert.AreEqual((0, "c\n"), (basename.ExitCode, basename.Stdout), basename.Stderr);
        });
    }

    /// <summary>
    /// status lists CrossEmu's entries and another entry that claims the same files (here one that claims
    /// ARM files of an OS ABI our programs do not have, so it takes none of theirs from tests running
    /// meanwhile); uninstall leaves that entry alone.
    /// </summary>
    [TestMethod]
    public void StatusShowsOurEntriesAndRivals()
    {
        if (unavailable != null) Assert.Inconclusive(unavailable);
        var rival = $"cetest-{Environment.ProcessId}-rival";
        try
        {
            // ARM little-endian ELF32 files whose OS ABI is 0x61 (ARM's own), which no Linux program has
            string magic = @"\x7fELF\x01\x01\x01\x61" + string.Concat(Enumerable.Repeat(@"\x00", 10)) + @"\x28\x00";
            string mask = string.Concat(Enumerable.Repeat(@"\xff", 8)) + string.Concat(Enumerable.Repeat(@"\x00", 10)) + @"\xff\xff";
            Write(Path.Combine(BinfmtMisc, "register"), $":{rival}:M::{magic}:{mask}:/bin/false:");
            WithEntries("status", ["--arch", "arm,mips"], (prefix, work) =>
            {
                var status = Repo.CrossEmu(["binfmt", "status", "--name-prefix", prefix, "--arch", "arm"], work);
                Assert.AreEqual(0, status.ExitCode, status.Stderr);
                // One entry a line: name, state, flags, interpreter, aligned in columns.
                var lines = status.Stdout.Split('\n').Select(l => Regex.Replace(l, " +", " ")).ToList();
                Assert.AreEqual("binfmt_misc at /proc/sys/fs/binfmt_misc: enabled", lines[0]);
                Assert.AreEqual($"{prefix}-arm enabled flags PF interpreter {Path.Combine(work, "launchers", prefix + "-arm")}", lines[1]);
                Assert.Contains($"{rival} enabled flags interpreter /bin/false (arm)", lines);

                var mips = Repo.CrossEmu(["binfmt", "status", "--name-prefix", prefix, "--arch", "mips,mipsel"], work).Stdout;
                StringAssert.Matches(mips, new Regex($@"^{prefix}-mips +enabled +flags PF ", RegexOptions.Multiline));
                StringAssert.Matches(mips, new Regex($@"^{prefix}-mipsel +not registered$", RegexOptions.Multiline));
                Assert.DoesNotContain(rival, mips, "it claims no MIPS files");
            });
            Assert.IsTrue(File.Exists(Path.Combine(BinfmtMisc, rival)), "uninstall removes CrossEmu's entries only");
        }
        finally
        {
            if (File.Exists(Path.Combine(BinfmtMisc, rival))) Write(Path.Combine(BinfmtMisc, rival), "-1");
        }
    }
}
