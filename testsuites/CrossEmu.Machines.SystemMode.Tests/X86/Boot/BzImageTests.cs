using CrossEmu.Machines.SystemMode.X86.Boot;
using static CrossEmu.Machines.SystemMode.Tests.X86.Boot.BootImages;

namespace CrossEmu.Machines.SystemMode.Tests.X86.Boot;

[TestClass]
public sealed class BzImageTests
{
    static string ErrorOf(byte[] image)
    {
        var e = Assert.ThrowsExactly<BootImageException>(() => BzImage.Parse(image, "vmlinuz"));
        Assert.IsFalse(e.Message.Contains('\n'), "one line");
        StringAssert.StartsWith(e.Message, "vmlinuz: ", "names the file");
        return e.Message;
    }

    [TestMethod]
    public void ParsesTheSetupHeader()
    {
        var k = BzImage.Parse(MakeBzImage(setupSects: 30, pmSize: 0x3000, initSize: 0x2345000, prefAddress: 0x1000000,
            kernelAlignment: 0x200000, cmdlineSize: 0x7FF, initrdAddrMax: 0x37FFFFFF), "vmlinuz");
        Assert.AreEqual(30, k.SetupSectors);
        Assert.AreEqual((ushort)0x020F, k.Version);
        Assert.AreEqual((byte)0x01, k.LoadFlags);
        Assert.AreEqual(0x200000u, k.KernelAlignment);
        Assert.IsTrue(k.Relocatable);
        Assert.AreEqual((ushort)0x7F, k.XLoadFlags);
        Assert.AreEqual(0x7FFu, k.CmdlineSize);
        Assert.AreEqual(0x37FFFFFFu, k.InitrdAddrMax);
        Assert.AreEqual(0x2345000u, k.InitSize);
        Assert.AreEqual(0x1000000ul, k.PrefAddress);
        Assert.AreEqual(0x2CCu, k.PayloadOffset);
        Assert.AreEqual(0x1234u, k.PayloadLength);
        Assert.AreEqual(31 * 512, k.KernelOffset);
        Assert.AreEqual(0x3000, k.ProtectedModeKernel.Length);
        Assert.AreEqual((byte)7, k.ProtectedModeKernel[1]);
        Assert.AreEqual(0x26C - 0x1F1, k.SetupHeader.Length, "0x202 + the jump's offset byte");
        Assert.AreEqual((byte)0x5A, k.SetupHeader[^1]);
    }

    [TestMethod]
    public void SetupSectsZeroMeansFour()
    {
        var k = BzImage.Parse(MakeBzImage(setupSects: 0), "vmlinuz");
        Assert.AreEqual(4, k.SetupSectors);
        Assert.AreEqual(5 * 512, k.KernelOffset);
    }

    [TestMethod]
    public void NoHdrSIsNotABzImage()
    {
        var image = MakeBzImage();
        image[0x202] = (byte)'X';
        Assert.AreEqual("vmlinuz: not a bzImage (no \"HdrS\" setup header at 0x202)", ErrorOf(image));
    }

    [TestMethod]
    public void NoBootFlagIsNotABzImage()
    {
        var image = MakeBzImage();
        image[0x1FE] = 0;
        Assert.AreEqual("vmlinuz: not a bzImage (no boot flag 0xAA55 at 0x1FE)", ErrorOf(image));
    }

    [TestMethod]
    public void TinyFileIsNotABzImage() =>
        Assert.AreEqual("vmlinuz: not a bzImage (100 bytes, too short for a setup header)", ErrorOf(new byte[100]));

    [TestMethod]
    public void OldProtocolIsRefused() =>
        Assert.AreEqual("vmlinuz: boot protocol 2.11: needs a 64-bit kernel with boot protocol 2.12+", ErrorOf(MakeBzImage(version: 0x020B)));

    [TestMethod]
    public void ThirtyTwoBitKernelIsRefused() =>
        Assert.AreEqual("vmlinuz: boot protocol 2.15 without XLF_KERNEL_64: needs a 64-bit kernel with boot protocol 2.12+",
            ErrorOf(MakeBzImage(xloadflags: 0x02)));

    [TestMethod]
    public void TruncatedKernelIsReported()
    {
        var image = MakeBzImage(pmSize: 0x4000);
        Assert.AreEqual("vmlinuz: truncated: 17920 bytes, but the setup code ends at 2560 and the kernel needs 16384 more",
            ErrorOf(image[..(image.Length - 1024)]));
    }

    [TestMethod]
    public void TruncatedSetupHeaderIsReported() =>
        Assert.AreEqual("vmlinuz: truncated: 560 bytes end inside the setup header", ErrorOf(MakeBzImage()[..0x230]));

    [TestMethod]
    public void CommandLineMustFitCmdlineSize()
    {
        var k = BzImage.Parse(MakeBzImage(cmdlineSize: 10), "vmlinuz");
        CollectionAssert.AreEqual("console=tt\0"u8.ToArray(), k.EncodeCommandLine("console=tt"));
        var e = Assert.ThrowsExactly<BootImageException>(() => k.EncodeCommandLine("console=ttyS0"));
        Assert.AreEqual("vmlinuz: the command line is 13 bytes, longer than the kernel's cmdline_size of 10", e.Message);
    }

    [TestMethod]
    public void MissingFileIsOneLine()
    {
        var e = Assert.ThrowsExactly<BootImageException>(() => BzImage.Load("/nonexistent/vmlinuz"));
        Assert.AreEqual("/nonexistent/vmlinuz: no such file", e.Message);
    }
}
