using CrossEmu.Frontends.X86.Boot;

namespace CrossEmu.Frontends.X86.Tests.Boot;

/// <summary>GDT descriptors taken apart into the segment register the CPU caches when a selector loads them.</summary>
[TestClass]
public sealed class SegmentDescriptorTests
{
    [TestMethod]
    public void FlatCodeAndDataDescriptorsGiveFourGiBSegments()
    {
        Assert.AreEqual(new X86Segment(0x08, 0, 0xFFFFFFFF, 0xB, Present: true, Dpl: 0, Db: true, S: true, L: false, G: true, Avl: false),
            X86Segment.FromDescriptor(0x00CF_9B00_0000_FFFF, 0x08), "32-bit code");
        Assert.AreEqual(new X86Segment(0x10, 0, 0xFFFFFFFF, 0xB, Present: true, Dpl: 0, Db: false, S: true, L: true, G: true, Avl: false),
            X86Segment.FromDescriptor(0x00AF_9B00_0000_FFFF, 0x10), "64-bit code: L=1 needs D=0");
        Assert.AreEqual(new X86Segment(0x18, 0, 0xFFFFFFFF, 0x3, Present: true, Dpl: 0, Db: true, S: true, L: false, G: true, Avl: false),
            X86Segment.FromDescriptor(0x00CF_9300_0000_FFFF, 0x18), "data");
    }

    [TestMethod]
    public void EveryFieldIsTakenApart()
    {
        // base 0x12345678, limit 0xABCDE (bytes, G clear), access 0xF2 (P, DPL 3, S, data RW), flags AVL
        Assert.AreEqual(new X86Segment(0x2B, 0x12345678, 0xABCDE, 0x2, Present: true, Dpl: 3, Db: false, S: true, L: false, G: false, Avl: true),
            X86Segment.FromDescriptor(0x12_1A_F2_345678_BCDE, 0x2B));
    }

    [TestMethod]
    public void ATssDescriptorIsASystemSegmentWithAByteLimit()
    {
        Assert.AreEqual(new X86Segment(0x40, 0x6000, 0x67, X86Segment.TypeBusyTss, Present: true, Dpl: 0, Db: false, S: false, L: false, G: false, Avl: false),
            X86Segment.FromDescriptor(0x0000_8B00_6000_0067, 0x40));
    }

    [TestMethod]
    public void ANullDescriptorIsUnusable()
    {
        var s = X86Segment.FromDescriptor(0, 0);
        Assert.IsTrue(s.Unusable);
        Assert.IsFalse(s.Present);
    }
}
