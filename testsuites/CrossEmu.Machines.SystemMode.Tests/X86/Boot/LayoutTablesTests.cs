using CrossEmu.Machines.SystemMode.X86.Boot;
using static CrossEmu.Machines.SystemMode.Tests.X86.Boot.BootImages;

namespace CrossEmu.Machines.SystemMode.Tests.X86.Boot;

/// <summary>The e820 map, the identity page tables and the boot GDT, each checked entry by entry.</summary>
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
    public void PageTablesIdentityMapFourGiBWithTwoMiBPages()
    {
        using var ram = new PcRam(16 * MiB);
        ram.Span(0x9000, 0x7000).Fill(0xEE);
        IdentityPageTables.Write(ram.Memory);
        var pml4 = ram.Span(0x9000, 4096);
        Assert.AreEqual(0xA000ul | 3, U64(pml4, 0), "PML4[0] -> PDPT, RW|P");
        for (int i = 1; i < 512; i++) Assert.AreEqual(0ul, U64(pml4, 8 * i), $"PML4[{i}]");
        var pdpt = ram.Span(0xA000, 4096);
        for (int i = 0; i < 4; i++) Assert.AreEqual(0xB000ul + 0x1000ul * (ulong)i | 3, U64(pdpt, 8 * i), $"PDPT[{i}] -> PD {i}");
        for (int i = 4; i < 512; i++) Assert.AreEqual(0ul, U64(pdpt, 8 * i), $"PDPT[{i}]");
        var pds = ram.Span(0xB000, 0x4000);
        for (int n = 0; n < 2048; n++)
            Assert.AreEqual((ulong)n * 2 * MiB | 0x83, U64(pds, 8 * n), $"PD {n / 512} entry {n % 512}: PS|RW|P");
        Assert.AreEqual(0xEEEEEEEEEEEEEEEEul, U64(ram.Span(0xF000, 8), 0), "nothing written past 0xEFFF");
    }

    [TestMethod]
    public void GdtDescriptorsDecodeBackToFlatSegments()
    {
        using var ram = new PcRam(16 * MiB);
        ram.Span(0x500, 0x28).Fill(0xEE);
        BootGdt.Write(ram.Memory);
        var gdt = ram.Span(0x500, 32);
        Assert.AreEqual(0ul, U64(gdt, 0), "null descriptor");
        Assert.AreEqual(0ul, U64(ram.Span(0x520, 8), 0), "empty IDT");

        var code32 = X86Segment.FromDescriptor(U64(gdt, 8), 0x08);
        Assert.AreEqual(new X86Segment(0x08, 0, 0xFFFFFFFF, 0xB, Present: true, Dpl: 0, Db: true, S: true, L: false, G: true, Avl: false), code32);
        var code64 = X86Segment.FromDescriptor(U64(gdt, 16), 0x10);
        Assert.AreEqual(new X86Segment(0x10, 0, 0xFFFFFFFF, 0xB, Present: true, Dpl: 0, Db: false, S: true, L: true, G: true, Avl: false), code64);
        var data = X86Segment.FromDescriptor(U64(gdt, 24), 0x18);
        Assert.AreEqual(new X86Segment(0x18, 0, 0xFFFFFFFF, 0x3, Present: true, Dpl: 0, Db: true, S: true, L: false, G: true, Avl: false), data);
        Assert.AreEqual(code64, BootGdt.Segment(BootGdt.Code64Selector), "the entry state uses the written descriptor");
    }

    [TestMethod]
    public void DescriptorFieldsAreTakenApart()
    {
        // base 0x12345678, limit 0xABCDE (bytes, G clear), access 0xF2 (P, DPL 3, S, data RW), flags AVL
        ulong d = 0x12_1A_F2_345678_BCDE;
        var s = X86Segment.FromDescriptor(d, 0x2B);
        Assert.AreEqual(new X86Segment(0x2B, 0x12345678, 0xABCDE, 0x2, Present: true, Dpl: 3, Db: false, S: true, L: false, G: false, Avl: true), s);
    }

    [TestMethod]
    public void ResetVectorIsTheX86PowerOnState()
    {
        var e = X86EntryState.ResetVector();
        Assert.AreEqual(X86CpuMode.Real16, e.Mode);
        Assert.AreEqual(0xFFF0ul, e.Rip);
        Assert.AreEqual(new X86Segment(0xF000, 0xFFFF0000, 0xFFFF, 0xB, Present: true, Dpl: 0, Db: false, S: true, L: false, G: false, Avl: false), e.Cs);
        Assert.AreEqual(new X86Segment(0, 0, 0xFFFF, 0x3, Present: true, Dpl: 0, Db: false, S: true, L: false, G: false, Avl: false), e.Ds);
        Assert.AreEqual(e.Ds, e.Ss);
        Assert.AreEqual(0x60000010ul, e.Cr0, "CD | NW | ET");
        Assert.AreEqual((0ul, 0ul, 0ul), (e.Cr3, e.Cr4, e.Efer));
        Assert.AreEqual(2ul, e.Rflags);
        Assert.AreEqual((ushort)0xFFFF, e.IdtLimit);
    }

    [TestMethod]
    public void Protected32FlatIsMultibootsState()
    {
        var e = X86EntryState.Protected32Flat(0x100080, 0x2BADB002, 0x8000);
        Assert.AreEqual(X86CpuMode.Protected32, e.Mode);
        Assert.AreEqual((0x100080ul, 0x2BADB002ul, 0x8000ul), (e.Rip, e.Rax, e.Rbx));
        Assert.AreEqual(0x11ul, e.Cr0, "PE | ET, no paging");
        Assert.AreEqual((0ul, 0ul), (e.Cr4, e.Efer));
        Assert.AreEqual(2ul, e.Rflags, "IF and VM clear");
        Assert.AreEqual(BootGdt.Segment(0x08), e.Cs);
        Assert.IsTrue(e.Cs.Db && !e.Cs.L);
        Assert.AreEqual(BootGdt.Segment(0x18), e.Ss);
        Assert.AreEqual((0x500ul, (ushort)31), (e.GdtBase, e.GdtLimit));
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
