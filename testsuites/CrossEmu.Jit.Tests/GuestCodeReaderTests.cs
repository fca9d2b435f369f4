using CrossEmu.Isa;
using CrossEmu.Isa.Memory;
using CrossEmu.Jit.Runtime;

namespace CrossEmu.Jit.Tests;

/// <summary>The engine's code reader: every read needs all of its bytes on executable pages.</summary>
[TestClass]
public sealed class GuestCodeReaderTests
{
    const uint Code = 0x10000, Data = 0x11000;

    static GuestMemory CodeThenData()
    {
        var memory = new GuestMemory();
        memory.Map(Code, GuestMemory.PageSize, PagePermissions.Read | PagePermissions.Execute);
        memory.Map(Data, GuestMemory.PageSize, PagePermissions.ReadWrite);
        memory.WriteUnchecked(Data - 4, [0x10, 0x11, 0x12, 0x13]);
        memory.WriteUnchecked(Data, [0x20, 0x21]);
        return memory;
    }

    [TestMethod]
    public void WordsAndHalfwordsMustBeExecutableToTheLastByte()
    {
        using var memory = CodeThenData();
        ICodeReader reader = new GuestCodeReader(memory);
        Assert.IsTrue(reader.TryRead32(Data - 4, out uint word));
        Assert.AreEqual(0x13121110u, word);
        Assert.IsTrue(reader.TryRead16(Data - 2, out ushort half));
        Assert.AreEqual((ushort)0x1312, half);
        Assert.IsFalse(reader.TryRead16(Data - 1, out _), "straddles into a page that is not executable");
        Assert.IsFalse(reader.TryRead32(Data - 2, out _));
        Assert.IsFalse(reader.TryRead16(Data, out _));
    }

    [TestMethod]
    public void ByteReadsStopWhereTheExecutablePagesEnd()
    {
        using var memory = CodeThenData();
        ICodeReader reader = new GuestCodeReader(memory);
        var into = new byte[8];
        Assert.AreEqual(3, reader.Read(Data - 3, into));
        CollectionAssert.AreEqual(new byte[] { 0x11, 0x12, 0x13, 0, 0, 0, 0, 0 }, into);
        Assert.AreEqual(0, reader.Read(Data, into));
        Assert.AreEqual(8, reader.Read(Code, into));
    }

    [TestMethod]
    public void ByteReadsRunAcrossExecutablePagesButNotPastTheTopOfTheSpace()
    {
        using var memory = new GuestMemory();
        memory.Map(Code, 2 * GuestMemory.PageSize, PagePermissions.Read | PagePermissions.Execute);
        memory.Map(0xFFFF_F000, GuestMemory.PageSize, PagePermissions.Read | PagePermissions.Execute);
        ICodeReader reader = new GuestCodeReader(memory);
        var into = new byte[15];
        Assert.AreEqual(15, reader.Read(Code + GuestMemory.PageSize - 5, into));
        Assert.AreEqual(2, reader.Read(0xFFFF_FFFE, into));
    }
}
