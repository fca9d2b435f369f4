using CrossEmu.Frontends.X86.Boot;
using CrossEmu.Machines.SystemMode.X86.Boot;
using static CrossEmu.Machines.SystemMode.Tests.X86.Boot.BootImages;

namespace CrossEmu.Machines.SystemMode.Tests.X86.Boot;

/// <summary>The e820 map entry by entry; where the boot GDT, IDT and page tables go (their contents are tested in CrossEmu.Frontends.X86.Tests).</summary>
[TestClass]
public sealed class LayoutTablesTests
{
    [TestMethod]
    public void E820BelowThreeGiB()
    {
        using var ram = new PcRam(512 * MiB);
        var map = E820Map.For(ram.Memory);
        CollectionAssert.AreEqual(new[]
        {
            new E820Entry(0, 0x9FC00, E820Type.Ram),
            new E820Entry(0x9FC00, 0x60400, E820Type.Reserved),
            new E820Entry(0x100000, 511 * MiB, E820Type.Ram),
        }, map.ToArray());
    }

    [TestMethod]
    public void E820AboveThreeGiBContinuesAtFourGiB()
    {
        using var ram = new PcRam(5 * GiB);
        var map = E820Map.For(ram.Memory);
        CollectionAssert.AreEqual(new[]
        {
            new E820Entry(0, 0x9FC00, E820Type.Ram),
            new E820Entry(0x9FC00, 0x60400, E820Type.Reserved),
            new E820Entry(0x100000, 3 * GiB - MiB, E820Type.Ram),
            new E820Entry(4 * GiB, 2 * GiB, E820Type.Ram),
        }, map.ToArray());
    }

    [TestMethod]
    public void E820EncodesPackedTwentyByteEntries()
    {
        var table = new byte[60];
        E820Map.Encode([new E820Entry(0x1122334455667788, 0x99AABBCCDDEEFF00, E820Type.Reserved), new E820Entry(4 * GiB, GiB, E820Type.Ram)], table);
        Assert.AreEqual(0x1122334455667788ul, U64(table, 0));
        Assert.AreEqual(0x99AABBCCDDEEFF00ul, U64(table, 8));
        Assert.AreEqual(2u, U32(table, 16));
        Assert.AreEqual(4 * GiB, U64(table, 20));
        Assert.AreEqual(GiB, U64(table, 28));
        Assert.AreEqual(1u, U32(table, 36));
        Assert.IsTrue(table.AsSpan(40).IndexOfAnyExcept((byte)0) < 0, "nothing past the entries");
    }

    [TestMethod]
    public void PageTablesMapFourGiBFrom0x9000AndEndBelow0xF000()
    {
        using var ram = new PcRam(16 * MiB);
        ram.Span(0x9000, 0x7000).Fill(0xEE);
        BootTables.WritePageTables(ram.Memory);
        var expected = new byte[6 * 4096];
        IdentityPageTables.Write(expected, 0x9000, 4 * GiB);
        CollectionAssert.AreEqual(expected, ram.Span(0x9000, 0x6000).ToArray(), "PML4 0x9000, PDPT 0xA000, page directories 0xB000-0xEFFF");
        Assert.AreEqual(0xEEEEEEEEEEEEEEEEul, U64(ram.Span(0xF000, 8), 0), "nothing written past 0xEFFF");
    }

    [TestMethod]
    public void GdtAt0x500AndAnEmptyIdtAt0x520()
    {
        using var ram = new PcRam(16 * MiB);
        ram.Span(0x4F8, 0x40).Fill(0xEE);
        BootTables.WriteGdt(ram.Memory);
        var expected = new byte[BootGdt.Size];
        BootGdt.Write(expected);
        CollectionAssert.AreEqual(expected, ram.Span(0x500, BootGdt.Size).ToArray());
        Assert.AreEqual(0ul, U64(ram.Span(0x520, 8), 0), "empty IDT");
        Assert.AreEqual(0xEEEEEEEEEEEEEEEEul, U64(ram.Span(0x4F8, 8), 0), "nothing before the GDT");
        Assert.AreEqual(0xEEEEEEEEEEEEEEEEul, U64(ram.Span(0x528, 8), 0), "nothing after the IDT");
    }

    [TestMethod]
    public void VirtioMmioParameters()
    {
        var first = new VirtioMmioTransport(0xfeb00000, 0x200, 16);
        var third = new VirtioMmioTransport(0xfeb00400, 0x200, 18);
        Assert.AreEqual("virtio_mmio.device=512@0xfeb00000:16", VirtioMmioCommandLine.Device(first));
        Assert.AreEqual("console=ttyS0 virtio_mmio.device=512@0xfeb00000:16 virtio_mmio.device=512@0xfeb00400:18",
            VirtioMmioCommandLine.Append("console=ttyS0 ", [first, third]));
        Assert.AreEqual("virtio_mmio.device=4096@0xd0000000:5", VirtioMmioCommandLine.Append("", [new(0xd0000000, 0x1000, 5)]));
        Assert.AreEqual("quiet", VirtioMmioCommandLine.Append(" quiet ", []));
    }
}
