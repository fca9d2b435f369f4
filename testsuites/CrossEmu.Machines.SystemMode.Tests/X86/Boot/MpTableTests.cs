using CrossEmu.Machines.SystemMode.X86.Boot;
using static CrossEmu.Machines.SystemMode.Tests.X86.Boot.BootImages;

namespace CrossEmu.Machines.SystemMode.Tests.X86.Boot;

/// <summary>The MP tables read back the way Linux's mpparse.c reads them.</summary>
[TestClass]
public sealed class MpTableTests
{
    static byte Sum(ReadOnlySpan<byte> b)
    {
        byte s = 0;
        foreach (var x in b) s += x;
        return s;
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(4)]
    public void TablesDescribeTheCpusTheIoApicAndTheInterrupts(int cpus)
    {
        using var ram = new PcRam(16 * MiB);
        ram.Span(0x9FC00, 0x400).Fill(0xEE);
        MpTable.Write(ram.Memory, cpus);

        var fp = ram.Span(0x9FC00, 16);
        CollectionAssert.AreEqual("_MP_"u8.ToArray(), fp[..4].ToArray());
        Assert.AreEqual(0x9FC10u, U32(fp, 4), "physptr");
        Assert.AreEqual((byte)1, fp[8], "length in paragraphs");
        Assert.AreEqual((byte)4, fp[9], "spec 1.4");
        Assert.AreEqual((byte)0, Sum(fp), "floating pointer checksum");
        Assert.AreEqual((byte)0, fp[11], "feature1 0: a configuration table follows");

        int length = U16(ram.Span(0x9FC14, 2), 0);
        Assert.AreEqual(44 + 20 * cpus + 8 + 8 + 24 * 8 + 2 * 8, length);
        Assert.IsLessThanOrEqualTo(0xA0000ul, 0x9FC10ul + (ulong)length, "below 640 KiB");
        var t = ram.Span(0x9FC10, length);
        CollectionAssert.AreEqual("PCMP"u8.ToArray(), t[..4].ToArray());
        Assert.AreEqual((byte)4, t[6], "spec");
        Assert.AreEqual((byte)0, Sum(t), "configuration table checksum");
        Assert.AreEqual(0xFEE00000u, U32(t, 36), "local APIC address");
        Assert.AreEqual(cpus + 2 + 24 + 2, U16(t, 34), "entry count");
        Assert.AreEqual((ushort)0, U16(t, 40), "no extended table");

        int at = 44;
        for (int i = 0; i < cpus; i++, at += 20)
        {
            Assert.AreEqual((byte)0, t[at], $"CPU {i}: processor entry");
            Assert.AreEqual((byte)i, t[at + 1], $"CPU {i}: APIC id");
            Assert.AreEqual((byte)0x14, t[at + 2], $"CPU {i}: APIC version");
            Assert.AreEqual(i == 0 ? (byte)3 : (byte)1, t[at + 3], $"CPU {i}: enabled{(i == 0 ? ", bootstrap" : "")}");
            Assert.AreEqual(0x600u, U32(t, at + 4), $"CPU {i}: signature");
            Assert.AreEqual(0x201u, U32(t, at + 8), $"CPU {i}: features FPU|APIC");
            Assert.AreEqual(0ul, U64(t, at + 12), $"CPU {i}: reserved");
        }

        Assert.AreEqual((byte)1, t[at], "bus entry");
        Assert.AreEqual((byte)0, t[at + 1], "bus id");
        CollectionAssert.AreEqual("ISA   "u8.ToArray(), t.Slice(at + 2, 6).ToArray());
        at += 8;

        Assert.AreEqual((byte)2, t[at], "I/O APIC entry");
        Assert.AreEqual((byte)cpus, t[at + 1], "I/O APIC id = CPU count");
        Assert.AreEqual((byte)0x11, t[at + 2], "I/O APIC version");
        Assert.AreEqual((byte)1, t[at + 3], "usable");
        Assert.AreEqual(0xFEC00000u, U32(t, at + 4));
        at += 8;

        for (int pin = 0; pin < 24; pin++, at += 8)
        {
            var e = t.Slice(at, 8).ToArray();
            CollectionAssert.AreEqual(new byte[] { 3, 0, 0, 0, 0, (byte)pin, (byte)cpus, (byte)pin }, e,
                $"pin {pin}: I/O interrupt, INT, conforming, ISA irq {pin} -> I/O APIC {cpus} pin {pin}");
        }

        CollectionAssert.AreEqual(new byte[] { 4, 3, 0, 0, 0, 0, 0, 0 }, t.Slice(at, 8).ToArray(), "ExtINT on LINT0 of the BSP");
        CollectionAssert.AreEqual(new byte[] { 4, 1, 0, 0, 0, 0, 0xFF, 1 }, t.Slice(at + 8, 8).ToArray(), "NMI on LINT1 of every CPU");
        Assert.AreEqual(length, at + 16);
        Assert.AreEqual((byte)0xEE, ram.Span(0x9FC10 + (ulong)length, 1)[0], "nothing written past the table");
    }

    [TestMethod]
    public void CpuCountIsBounded()
    {
        using var ram = new PcRam(16 * MiB);
        Assert.AreEqual(37, MpTable.MaxCpus);
        MpTable.Write(ram.Memory, MpTable.MaxCpus);
        Assert.AreEqual(1024, MpTable.SizeFor(37), "37 CPUs fill the last KiB of base memory exactly");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MpTable.Write(ram.Memory, 38));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MpTable.Write(ram.Memory, 0));
    }
}
