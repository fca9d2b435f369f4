using System.Buffers.Binary;
using CrossEmu.Frontends.X86.Boot;

namespace CrossEmu.Frontends.X86.Tests.Boot;

/// <summary>The identity map entry by entry: the 4 GiB the x86-pc boot protocols map and a partial map for ring 3.</summary>
[TestClass]
public sealed class IdentityPageTablesTests
{
    const ulong MiB = 1UL << 20, GiB = 1UL << 30;

    static ulong At(byte[] tables, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(tables.AsSpan(offset));

    [TestMethod]
    public void FourGiBWithTwoMiBPages()
    {
        int size = IdentityPageTables.Size(4 * GiB);
        Assert.AreEqual(6 * 4096, size, "PML4, PDPT, 4 page directories");
        var tables = new byte[size + 8];
        tables.AsSpan().Fill(0xEE);
        IdentityPageTables.Write(tables, 0x9000, 4 * GiB);
        Assert.AreEqual(0xA000ul | 3, At(tables, 0), "PML4[0] -> PDPT, RW|P");
        for (int i = 1; i < 512; i++) Assert.AreEqual(0ul, At(tables, 8 * i), $"PML4[{i}]");
        for (int i = 0; i < 4; i++) Assert.AreEqual(0xB000ul + 0x1000ul * (ulong)i | 3, At(tables, 0x1000 + 8 * i), $"PDPT[{i}] -> PD {i}");
        for (int i = 4; i < 512; i++) Assert.AreEqual(0ul, At(tables, 0x1000 + 8 * i), $"PDPT[{i}]");
        for (int n = 0; n < 2048; n++)
            Assert.AreEqual((ulong)n * 2 * MiB | 0x83, At(tables, 0x2000 + 8 * n), $"PD {n / 512} entry {n % 512}: PS|RW|P");
        Assert.AreEqual(0xEEEE_EEEE_EEEE_EEEEul, At(tables, size), "nothing written past the tables");
    }

    [TestMethod]
    public void APartialGigabyteAndUserPages()
    {
        ulong bytes = 2 * GiB + 4 * MiB;
        int size = IdentityPageTables.Size(bytes);
        Assert.AreEqual(5 * 4096, size, "PML4, PDPT, 3 page directories");
        var tables = new byte[size];
        IdentityPageTables.Write(tables, 0x10_0000, bytes, user: true);
        Assert.AreEqual(0x10_1000ul | 7, At(tables, 0), "U|RW|P");
        Assert.AreEqual(0x10_4000ul | 7, At(tables, 0x1000 + 16));
        Assert.AreEqual(0ul, At(tables, 0x1000 + 24));
        Assert.AreEqual(0x87ul, At(tables, 0x2000));
        Assert.AreEqual((2 * GiB + 2 * MiB) | 0x87, At(tables, 0x4000 + 8));
        Assert.AreEqual(0ul, At(tables, 0x4000 + 16), "nothing mapped past the end");
    }

    [TestMethod]
    public void BadArgumentsAreRefused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => IdentityPageTables.Write(new byte[3 * 4096], 0x1000, 2 * GiB), "too small");
        Assert.ThrowsExactly<ArgumentException>(() => IdentityPageTables.Write(new byte[3 * 4096], 0x1800, GiB), "not page-aligned");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => IdentityPageTables.Size(513 * GiB));
    }
}
