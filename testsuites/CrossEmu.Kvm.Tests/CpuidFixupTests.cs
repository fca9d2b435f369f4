using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm.Tests;

[TestClass]
public sealed class CpuidFixupTests
{
    const uint Sig = KvmCpuidEntry2.FlagSignificantIndex;

    static KvmCpuidEntry2[] IntelHost() =>
    [
        new(0, 0, 0, 0x1F, 0x756E_6547, 0x6C65_746E, 0x4965_6E69), // GenuineIntel
        new(1, 0, 0, 0x000906EA, 0x0010_0800 | 0xFF00_0000, 0x7FFA_FBFF & ~(1u << 31), 0xBFEB_FBFF),
        new(4, 0, Sig, 0x1C00_4121, 0x01C0_003F, 0x3F, 0), // L1d: type 1, level 1
        new(4, 1, Sig, 0x1C00_4122, 0x01C0_003F, 0x3F, 0), // L1i
        new(4, 2, Sig, 0x1C00_4143, 0x03C0_003F, 0x3FF, 0), // L2
        new(4, 3, Sig, 0x1C03_C163, 0x03C0_003F, 0x2FFF, 6), // L3
        new(4, 4, Sig, 0, 0, 0, 0), // end of the list
        new(0xB, 0, Sig, 1, 2, 0x100, 7),
        new(0xB, 1, Sig, 4, 12, 0x201, 7),
        new(0x1F, 0, Sig, 1, 2, 0x100, 7),
        new(0x1F, 1, Sig, 4, 12, 0x201, 7),
        new(0x4000_0000, 0, 0, 0x4000_0001, 0x4B4D_564B, 0x564B_4D56, 0x4D),
        new(0x8000_0008, 0, 0, 0x3027, 0, 0, 0),
    ];

    static KvmCpuidEntry2 Leaf(KvmCpuidEntry2[] entries, uint function, uint index = 0) =>
        entries.Single(e => e.Function == function && e.Index == index);

    [TestMethod]
    public void Leaf1CarriesTheApicIdTheLogicalCountHttAndTheHypervisorBit()
    {
        var host = IntelHost();
        var e = Leaf(CpuidFixup.ForVcpu(host, 2, 4), 1);
        Assert.AreEqual(2u, e.Ebx >> 24);
        Assert.AreEqual(4u, (e.Ebx >> 16) & 0xFF);
        Assert.AreEqual(0x0800u, e.Ebx & 0xFFFF, "CLFLUSH size and brand index are kept");
        Assert.AreNotEqual(0u, e.Ecx & (1u << 31));
        Assert.AreNotEqual(0u, e.Edx & (1u << 28));
        Assert.AreEqual(Leaf(host, 1).Eax, e.Eax);

        var single = Leaf(CpuidFixup.ForVcpu(host, 0, 1), 1);
        Assert.AreEqual(0u, single.Ebx >> 24);
        Assert.AreEqual(1u, (single.Ebx >> 16) & 0xFF);
        Assert.AreEqual(0u, single.Edx & (1u << 28), "no HTT with one vCPU");

        Assert.AreEqual(4u, (Leaf(CpuidFixup.ForVcpu(host, 2, 3), 1).Ebx >> 16) & 0xFF, "the count rounds up to a power of two");
    }

    [TestMethod]
    public void Leaf4DescribesCoresPerPackageAndSharedL3()
    {
        var fixedUp = CpuidFixup.ForVcpu(IntelHost(), 1, 4);
        for (uint i = 0; i < 4; i++)
        {
            var e = Leaf(fixedUp, 4, i);
            Assert.AreEqual(3u, e.Eax >> 26, $"sub-leaf {i}: cores per package - 1");
            uint sharing = (e.Eax >> 14) & 0xFFF;
            Assert.AreEqual(i == 3 ? 3u : 0u, sharing, $"sub-leaf {i}: logical processors sharing the cache - 1");
            Assert.AreEqual(Leaf(IntelHost(), 4, i).Eax & 0x3FFF, e.Eax & 0x3FFF, "type, level and flags are kept");
        }
        Assert.AreEqual(0u, Leaf(fixedUp, 4, 4).Eax, "the terminating sub-leaf is untouched");
    }

    [TestMethod]
    [DataRow(0xBu)]
    [DataRow(0x1Fu)]
    public void ExtendedTopologyLeavesGiveTheX2ApicIdAndOneThreadPerCore(uint leaf)
    {
        var fixedUp = CpuidFixup.ForVcpu(IntelHost(), 5, 6);
        var sub = fixedUp.Where(e => e.Function == leaf).OrderBy(e => e.Index).ToArray();
        Assert.HasCount(3, sub);
        Assert.IsTrue(sub.All(e => e.Edx == 5 && e.Flags == Sig));
        Assert.AreEqual((0u, 1u, 0x100u), (sub[0].Eax, sub[0].Ebx, sub[0].Ecx), "SMT level: one thread");
        Assert.AreEqual((3u, 6u, 0x201u), (sub[1].Eax, sub[1].Ebx, sub[1].Ecx), "core level: 6 cores, 3 ID bits");
        Assert.AreEqual((0u, 0u, 2u), (sub[2].Eax, sub[2].Ebx, sub[2].Ecx), "invalid level ends the list");
    }

    [TestMethod]
    public void OtherLeavesAreKeptAndTheInputIsNotModified()
    {
        var host = IntelHost();
        var copy = host.ToArray();
        var fixedUp = CpuidFixup.ForVcpu(host, 1, 2);
        CollectionAssert.AreEqual(copy, host);
        Assert.AreEqual(Leaf(host, 0x4000_0000), Leaf(fixedUp, 0x4000_0000));
        Assert.AreEqual(Leaf(host, 0), Leaf(fixedUp, 0));
        Assert.AreEqual(Leaf(host, 0x8000_0008), Leaf(fixedUp, 0x8000_0008), "the AMD core count is left alone on Intel");
        Assert.HasCount(host.Length + 2, fixedUp, "0xB and 0x1F each grow from two sub-leaves to three");
    }

    [TestMethod]
    public void AmdCoreCountAndExtendedApicId()
    {
        KvmCpuidEntry2[] host =
        [
            new(0, 0, 0, 0x10, 0x6874_7541, 0x444D_4163, 0x6974_6E65), // AuthenticAMD
            new(1, 0, 0, 0x00830F10, 0x0010_0800, 0, 0),
            new(0x8000_0008, 0, 0, 0x3030, 0, 0x0000_700F, 0),
            new(0x8000_001E, 0, 0, 0xF, 0x0000_0107, 0x0000_0103, 0),
        ];
        var fixedUp = CpuidFixup.ForVcpu(host, 3, 4);
        var size = Leaf(fixedUp, 0x8000_0008);
        Assert.AreEqual(3u, size.Ecx & 0xFF, "NC: cores - 1");
        Assert.AreEqual(2u, (size.Ecx >> 12) & 0xF, "ApicIdSize");
        var ext = Leaf(fixedUp, 0x8000_001E);
        Assert.AreEqual(3u, ext.Eax);
        Assert.AreEqual(3u, ext.Ebx & 0xFF);
        Assert.AreEqual(0u, (ext.Ebx >> 8) & 0xFF, "one thread per core");
        Assert.AreEqual(0u, ext.Ecx & 0xFF, "node 0");
    }

    [TestMethod]
    public void AnApicIdOutsideTheVcpuCountIsRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CpuidFixup.ForVcpu(IntelHost(), 4, 4));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CpuidFixup.ForVcpu(IntelHost(), -1, 4));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CpuidFixup.ForVcpu(IntelHost(), 0, 0));
    }
}
