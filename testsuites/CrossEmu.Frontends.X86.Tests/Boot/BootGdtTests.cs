using System.Buffers.Binary;
using CrossEmu.Frontends.X86.Boot;

namespace CrossEmu.Frontends.X86.Tests.Boot;

[TestClass]
public sealed class BootGdtTests
{
    [TestMethod]
    public void DescriptorsSitAtTheirSelectorsAndNothingIsWrittenPastTheGdt()
    {
        var gdt = new byte[BootGdt.Size + 8];
        gdt.AsSpan().Fill(0xEE);
        BootGdt.Write(gdt);
        ulong At(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(gdt.AsSpan(offset));
        Assert.AreEqual(0ul, At(0), "null descriptor");
        Assert.AreEqual(0x00CF_9B00_0000_FFFFul, At(BootGdt.Code32Selector));
        Assert.AreEqual(0x00AF_9B00_0000_FFFFul, At(BootGdt.Code64Selector), "Linux's __BOOT_CS");
        Assert.AreEqual(0x00CF_9300_0000_FFFFul, At(BootGdt.DataSelector), "Linux's __BOOT_DS");
        Assert.AreEqual(0xEEEE_EEEE_EEEE_EEEEul, At(BootGdt.Size));
    }

    [TestMethod]
    [DataRow(BootGdt.Code32Selector)]
    [DataRow(BootGdt.Code64Selector)]
    [DataRow(BootGdt.DataSelector)]
    public void TheSegmentOfASelectorIsWhatTheWrittenDescriptorLoads(ushort selector)
    {
        var gdt = new byte[BootGdt.Size];
        BootGdt.Write(gdt);
        var written = X86Segment.FromDescriptor(BinaryPrimitives.ReadUInt64LittleEndian(gdt.AsSpan(selector)), selector);
        Assert.AreEqual(written, BootGdt.Segment(selector));
        Assert.IsTrue(written.Present && written.G && written.Type % 2 == 1, "flat, present, accessed (a load never writes the GDT)");
    }

    [TestMethod]
    public void ATooSmallSpanIsRefused() =>
        Assert.ThrowsExactly<ArgumentException>(() => BootGdt.Write(new byte[BootGdt.Size - 1]));
}
