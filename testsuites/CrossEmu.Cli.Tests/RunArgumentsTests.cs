namespace CrossEmu.Cli.Tests;

[TestClass]
public sealed class RunArgumentsTests
{
    [TestMethod]
    public void QemuUserStyleOptionsThenTheGuestCommandLine()
    {
        var (o, guest) = RunArguments.Parse(["-L", "/sys/root", "-E", "A=1,B=2", "-E", "C=3", "-U", "HOME", "-d", "in_asm,unimp",
            "-D", "log.txt", "-strace", "-g", "1234", "--interp", "--stats", "--profile", "ls", "-la", "/"]);
        Assert.AreEqual("/sys/root", o.Sysroot);
        CollectionAssert.AreEqual(new[] { "A=1", "B=2", "C=3" }, o.SetEnvironment);
        CollectionAssert.AreEqual(new[] { "HOME" }, o.UnsetEnvironment);
        Assert.AreEqual("in_asm,unimp", o.Log);
        Assert.AreEqual("log.txt", o.LogFile);
        Assert.IsTrue(o.Strace && o.InterpretOnly && o.Stats && o.Profile);
        Assert.AreEqual(1234, o.GdbPort);
        CollectionAssert.AreEqual(new[] { "ls", "-la", "/" }, guest);
    }

    [TestMethod]
    public void ValuesMayBeJoinedToTheOptionName()
    {
        var (o, guest) = RunArguments.Parse(["-L/sys/root", "--strace", "-dunimp", "prog"]);
        Assert.AreEqual("/sys/root", o.Sysroot);
        Assert.AreEqual("unimp", o.Log);
        Assert.IsTrue(o.Strace);
        CollectionAssert.AreEqual(new[] { "prog" }, guest);
    }

    [TestMethod]
    public void DoubleDashEndsTheOptions()
    {
        var (o, guest) = RunArguments.Parse(["--stats", "--", "-weird-name", "--profile"]);
        Assert.IsTrue(o.Stats);
        Assert.IsFalse(o.Profile);
        CollectionAssert.AreEqual(new[] { "-weird-name", "--profile" }, guest);
    }

    /// <summary>qemu's -0: the guest's argv[0], apart from the program's path (binfmt_misc's launcher passes the preserved one).</summary>
    [TestMethod]
    public void Argv0IsQemusDashZero()
    {
        var (o, guest) = RunArguments.Parse(["-0", "sh", "-L", "/r", "/bin/busybox", "-c", "true"]);
        Assert.AreEqual("sh", o.Argv0);
        CollectionAssert.AreEqual(new[] { "/bin/busybox", "-c", "true" }, guest);
        Assert.IsNull(RunArguments.Parse(["prog"]).options.Argv0, "default: the program as given");
        Assert.AreEqual("x", RunArguments.Parse(["-0x", "prog"]).options.Argv0);
    }

    /// <summary>busybox picks its applet by argv[0]'s base name: run as `echo`, it echoes.</summary>
    [TestMethod]
    public void Argv0ReachesTheGuest()
    {
        var busybox = Path.Combine(Repo.Root, "testsuites", "out", "busybox", "armel", "bin", "busybox");
        if (!File.Exists(busybox)) Assert.Inconclusive("Debian busybox-static:armel is not fetched (testsuites/fetch-busybox.sh)");
        var r = Repo.CrossEmu(["run", "-0", "/usr/bin/echo", busybox, "hello", "argv0"], Repo.TempDirectory());
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
        Assert.AreEqual("hello argv0\n", r.Stdout);
    }

    [TestMethod]
    public void NoOptionsAndNoProgram()
    {
        var (o, guest) = RunArguments.Parse([]);
        Assert.IsNull(o.Sysroot);
        Assert.IsEmpty(guest);
    }

    [TestMethod]
    [DataRow(new[] { "-x", "prog" }, "unknown option '-x'")]
    [DataRow(new[] { "--sysroot=/", "prog" }, "unknown option '--sysroot=/'")]
    [DataRow(new[] { "-L" }, "-L needs a value")]
    [DataRow(new[] { "-g", "70000", "prog" }, "-g 70000: not a TCP port")]
    [DataRow(new[] { "-g", "gdb", "prog" }, "-g gdb: not a TCP port")]
    [DataRow(new[] { "--stats=yes", "prog" }, "--stats takes no value")]
    public void BadArgumentsSayWhatIsWrong(string[] args, string message)
    {
        var e = Assert.ThrowsExactly<UserError>(() => RunArguments.Parse(args));
        StringAssert.Contains(e.Message, message);
    }

    [TestMethod]
    public void UsageListsEveryOption()
    {
        foreach (var name in new[] { "-L", "-0", "-E", "-U", "-d", "-D", "-strace", "-g", "--interp", "--stats", "--profile" })
            StringAssert.Contains(RunArguments.Usage, name);
    }
}
