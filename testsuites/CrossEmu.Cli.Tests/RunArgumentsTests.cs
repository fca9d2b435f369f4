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
        foreach (var name in new[] { "-L", "-E", "-U", "-d", "-D", "-strace", "-g", "--interp", "--stats", "--profile" })
            StringAssert.Contains(RunArguments.Usage, name);
    }
}
