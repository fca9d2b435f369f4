using CrossEmu.Cli.SystemMode;

namespace CrossEmu.Cli.Tests;

[TestClass]
public sealed class SystemArgumentsTests
{
    [TestMethod]
    public void QemuStyleCommandLine()
    {
        var o = SystemArguments.Parse(["-M", "x86-pc", "-accel", "kvm", "-kernel", "bzImage", "-initrd", "initrd.gz",
            "-append", "console=ttyS0 quiet", "-m", "1G", "-smp", "cpus=2", "-drive", "file=disk.img,if=virtio,readonly=on",
            "-drive", "file=b.img,format=raw", "-nographic"]);
        Assert.AreEqual("x86-pc", o.Machine);
        Assert.AreEqual("kvm", o.Accelerator);
        Assert.AreEqual("bzImage", o.Kernel);
        Assert.AreEqual("initrd.gz", o.Initrd);
        Assert.AreEqual("console=ttyS0 quiet", o.Append);
        Assert.AreEqual(1UL << 30, o.MemorySize);
        Assert.AreEqual(2, o.Cpus);
        Assert.HasCount(2, o.Drives);
        Assert.AreEqual(new Machines.SystemMode.DriveOption("disk.img", true), o.Drives[0]);
        Assert.AreEqual(new Machines.SystemMode.DriveOption("b.img", false), o.Drives[1]);
    }

    [TestMethod]
    [DataRow("512", 512UL << 20)]
    [DataRow("512M", 512UL << 20)]
    [DataRow("2G", 2UL << 30)]
    [DataRow("size=64M", 64UL << 20)]
    [DataRow("65536K", 64UL << 20)]
    public void MemorySizes(string text, ulong bytes) =>
        Assert.AreEqual(bytes, SystemArguments.Parse(["-m", text]).MemorySize);

    [TestMethod]
    [DataRow(new[] { "-m", "lots" }, "-m lots: expected a size")]
    [DataRow(new[] { "-m", "0" }, "-m 0: expected a size")]
    [DataRow(new[] { "-smp", "0" }, "-smp 0: expected a number of CPUs")]
    [DataRow(new[] { "-drive", "file=a.img,if=ide" }, "only if=virtio is supported")]
    [DataRow(new[] { "-drive", "file=a.img,format=qcow2" }, "only format=raw")]
    [DataRow(new[] { "-drive", "if=virtio" }, "file= is missing")]
    [DataRow(new[] { "-drive", "file=a.img,cache=none" }, "unknown or unsupported key 'cache'")]
    [DataRow(new[] { "-kernel" }, "-kernel needs a value")]
    [DataRow(new[] { "-vga", "std" }, "unknown option '-vga'")]
    public void BadArgumentsSayWhatIsWrong(string[] args, string message)
    {
        var e = Assert.ThrowsExactly<UserError>(() => SystemArguments.Parse(args));
        StringAssert.Contains(e.Message, message);
    }
}
