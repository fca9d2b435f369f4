namespace CrossEmu.Isa.Tests.Translation;

/// <summary>A reader that implements only TryRead32 still reads halfwords and byte streams.</summary>
[TestClass]
public sealed class CodeReaderDefaultsTests
{
    static readonly ICodeReader Code = new TestCode().At(0x1000, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17);

    [TestMethod]
    public void HalfwordsAtAnyEvenAddressOfAWord()
    {
        Assert.IsTrue(Code.TryRead16(0x1002, out ushort half));
        Assert.AreEqual((ushort)0x1312, half);
        Assert.IsTrue(Code.TryRead16(0x1006, out half));
        Assert.AreEqual((ushort)0x1716, half);
        Assert.IsFalse(Code.TryRead16(0x1008, out _));
    }

    [TestMethod]
    public void ByteReadsStopAtTheFirstUnreadableByte()
    {
        var into = new byte[8];
        Assert.AreEqual(5, Code.Read(0x1003, into));
        CollectionAssert.AreEqual(new byte[] { 0x13, 0x14, 0x15, 0x16, 0x17, 0, 0, 0 }, into);
        Assert.AreEqual(0, Code.Read(0x1008, into));
        Assert.AreEqual(2, Code.Read(0x1001, into.AsSpan(0, 2)));
    }
}
