using CrossEmu.Frontends.X86.Boot;
using CrossEmu.Machines.SystemMode.X86.Boot;
using static CrossEmu.Machines.SystemMode.Tests.X86.Boot.BootImages;

namespace CrossEmu.Machines.SystemMode.Tests.X86.Boot;

[TestClass]
public sealed class FirmwareAndDetectionTests
{
    static byte[] Pattern(int size)
    {
        var b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte)(i * 5 + 3);
        return b;
    }

    [TestMethod]
    public void SixtyFourKiBFirmwareEndsAtFourGiBAndOneMiB()
    {
        var raw = Pattern(64 << 10);
        var fw = FirmwareImage.Parse(raw, "bios.bin");
        Assert.AreEqual(0xFFFF0000ul, fw.High.Address);
        Assert.AreEqual(0x1_0000_0000ul, fw.High.End);
        CollectionAssert.AreEqual(raw, fw.High.Bytes.ToArray());
        Assert.AreEqual(0xF0000ul, fw.LowAlias.Address);
        Assert.AreEqual(0x100000ul, fw.LowAlias.End);
        CollectionAssert.AreEqual(raw, fw.LowAlias.Bytes.ToArray());
        var e = fw.Entry;
        Assert.AreEqual(X86CpuMode.Real16, e.Mode);
        Assert.AreEqual(0xFFFFFFF0ul, e.Cs.Base + e.Rip, "the first fetch is 16 bytes below 4 GiB");
    }

    [TestMethod]
    public void LargeFirmwareAliasesOnlyItsLast128KiB()
    {
        var raw = Pattern(1 << 20);
        var fw = FirmwareImage.Parse(raw, "bios.bin");
        Assert.AreEqual(0xFFF00000ul, fw.High.Address);
        Assert.AreEqual(0xE0000ul, fw.LowAlias.Address);
        Assert.AreEqual(128ul << 10, fw.LowAlias.Size);
        CollectionAssert.AreEqual(raw[^(128 << 10)..], fw.LowAlias.Bytes.ToArray());
    }

    [TestMethod]
    public void OddSizedFirmwareIsPaddedAtTheFront()
    {
        var raw = Pattern(100 << 10);
        var fw = FirmwareImage.Parse(raw, "bios.bin");
        Assert.AreEqual(128ul << 10, fw.High.Size);
        Assert.AreEqual(0x1_0000_0000ul - (128 << 10), fw.High.Address);
        var bytes = fw.Bytes.Span;
        Assert.IsTrue(bytes[..(28 << 10)].IndexOfAnyExcept((byte)0xFF) < 0, "padding is 0xFF");
        CollectionAssert.AreEqual(raw, bytes[(28 << 10)..].ToArray(), "the image keeps its last byte at 0xFFFFFFFF");
        Assert.AreEqual(128ul << 10, fw.LowAlias.Size);
    }

    [TestMethod]
    public void BadFirmwareSizes()
    {
        var e = Assert.ThrowsExactly<BootImageException>(() => FirmwareImage.Parse([], "bios.bin"));
        Assert.AreEqual("bios.bin: the firmware image is empty", e.Message);
        e = Assert.ThrowsExactly<BootImageException>(() => FirmwareImage.Parse(new byte[(16 << 20) + 1], "bios.bin"));
        Assert.AreEqual("bios.bin: the firmware image is 16777217 bytes; at most 16 MiB fit below 4 GiB", e.Message);
        Assert.AreEqual(0xFF000000ul, FirmwareImage.Parse(new byte[16 << 20], "bios.bin").High.Address);
        e = Assert.ThrowsExactly<BootImageException>(() => FirmwareImage.Load("/nonexistent/bios.bin"));
        Assert.AreEqual("/nonexistent/bios.bin: no such file", e.Message);
    }

    static string TempFile(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crossemu-kernel-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [TestMethod]
    public void DetectTellsTheFormatsApart()
    {
        var images = new[]
        {
            (MakeBzImage(), KernelImageKind.BzImage), (AoutKernel(), KernelImageKind.Multiboot), (ElfKernel(), KernelImageKind.Multiboot),
        };
        foreach (var (bytes, kind) in images)
        {
            var path = TempFile(bytes);
            try
            {
                var k = KernelImage.Detect(path);
                Assert.AreEqual(kind, k.Kind);
                Assert.AreEqual(kind == KernelImageKind.BzImage, k.Linux != null);
                Assert.AreEqual(kind == KernelImageKind.Multiboot, k.Multiboot != null);
            }
            finally { File.Delete(path); }
        }
    }

    [TestMethod]
    public void DetectExplainsWhatItCannotUse()
    {
        var e = Assert.ThrowsExactly<BootImageException>(() => KernelImage.Detect("/nonexistent/vmlinuz"));
        Assert.AreEqual("/nonexistent/vmlinuz: no such file", e.Message);

        e = Assert.ThrowsExactly<BootImageException>(() => KernelImage.Detect(new byte[4096], "zeros"));
        Assert.AreEqual("zeros: not a bzImage or multiboot image: no \"HdrS\" setup header at 0x202, " +
            "and no multiboot header (magic 0x1BADB002) in the first 8 KiB", e.Message);

        var elf = ElfKernel();
        elf.AsSpan(0x1000, 12).Clear();
        e = Assert.ThrowsExactly<BootImageException>(() => KernelImage.Detect(elf, "vmlinux"));
        Assert.AreEqual("vmlinux: not a bzImage or multiboot image: an ELF file without a multiboot header (for Linux use the bzImage, not vmlinux); " +
            "no multiboot header (magic 0x1BADB002) in the first 8 KiB", e.Message);

        e = Assert.ThrowsExactly<BootImageException>(() => KernelImage.Detect([], "empty"));
        Assert.AreEqual("empty: not a bzImage or multiboot image: the file is empty", e.Message);

        e = Assert.ThrowsExactly<BootImageException>(() => KernelImage.Detect(MakeBzImage(version: 0x0206), "old"));
        Assert.AreEqual("old: boot protocol 2.6: needs a 64-bit kernel with boot protocol 2.12+", e.Message, "a bzImage's own error, not 'unknown format'");

        var badSum = AoutKernel();
        badSum[0x48] ^= 1;
        e = Assert.ThrowsExactly<BootImageException>(() => KernelImage.Detect(badSum, "mb"));
        StringAssert.StartsWith(e.Message,
            "mb: not a bzImage or multiboot image: no \"HdrS\" setup header at 0x202, and bad multiboot header checksum at offset 0x40");
    }
}
