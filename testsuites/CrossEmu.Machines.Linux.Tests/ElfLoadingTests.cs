using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Startup;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

[TestClass]
public sealed class ElfLoadingTests
{
    static ProcessStart Load(ArmProcessFixture f, byte[] elfBytes, string name = "/tmp/prog") =>
        ProgramLoader.Load(f.Process, ElfFile.Parse(elfBytes, name), [name], [], name);

    [TestMethod]
    public void SegmentsAreMappedWithTheirPermissions()
    {
        using var f = new ArmProcessFixture();
        var start = Load(f, ElfBuilder.TextAndData());
        Assert.AreEqual(0x10100u, start.Entry);
        Assert.AreEqual(PagePermissions.Read | PagePermissions.Execute, f.Memory.PermissionsAt(0x10000));
        Assert.AreEqual(PagePermissions.ReadWrite, f.Memory.PermissionsAt(0x20000));
        Assert.AreEqual(PagePermissions.ReadWrite, f.Memory.PermissionsAt(0x22fff), "bss pages");
        Assert.AreEqual(PagePermissions.None, f.Memory.PermissionsAt(0x23000), "nothing past the segment");
        Assert.AreEqual(PagePermissions.None, f.Memory.PermissionsAt(0x11000));
        CollectionAssert.AreEqual(new byte[] { 0x01, 0x00, 0xa0, 0xe3 }, f.Read(0x10100, 4));
        CollectionAssert.AreEqual(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }, f.Read(0x10000, 4), "the headers share the text page, as with mmap");
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 0, 0 }, f.Read(0x20000, 10), "data then zeroed bss");
        Assert.IsFalse(f.Memory.TryWrite(0x10000, [0]), "text is not writable");
    }

    /// <summary>A data segment of 3 pages whose file ends 0x100 bytes into it: the rest of that page reads as
    /// zero, the next two pages raise SIGBUS (BUS_ADRERR) as Linux's file mapping does, the bss after is zero.</summary>
    [TestMethod]
    public unsafe void PagesOfASegmentPastTheEndOfTheFileRaiseSigbus()
    {
        using var f = new ArmProcessFixture();
        var data = Enumerable.Range(1, 0x3000).Select(i => (byte)i).ToArray();
        var elf = ElfBuilder.Build([new TestSegment(0x10100, [0x01, 0x00, 0xa0, 0xe3], 4, ElfBuilder.PfR | ElfBuilder.PfX),
            new TestSegment(0x20000, data, 0x4000, ElfBuilder.PfR | ElfBuilder.PfW)], entry: 0x10100, gnuStackFlags: null);
        Load(f, elf[..^(0x3000 - 0x100)]);
        CollectionAssert.AreEqual(data[..0x100], f.Read(0x20000, 0x100), "the bytes the file has");
        Assert.AreEqual(0, f.Read(0x20100, 1)[0], "then zero to the end of that page");
        var space = f.Process.AddressSpace;
        Assert.IsTrue(space.IsPastEndOfFile(0x21) && space.IsPastEndOfFile(0x22));
        Assert.IsFalse(f.Memory.IsAccessible(0x21000, 1, PagePermissions.Read));
        Assert.AreEqual(PagePermissions.ReadWrite, f.Memory.PermissionsAt(0x23000), "bss past the file part");
        var header = new Isa.State.CpuHeader { FaultAddress = 0x21008 };
        var signal = f.Process.SignalForExit(&header, Isa.State.ExitReason.MemoryFault);
        Assert.AreEqual((7, 2, 0x21008u), (signal!.Value.Signal, signal.Value.Code, signal.Value.Address), "SIGBUS, BUS_ADRERR");
    }

    [TestMethod]
    public void BrkStartsAtThePageAfterTheHighestSegment()
    {
        using var f = new ArmProcessFixture();
        Load(f, ElfBuilder.TextAndData());
        Assert.AreEqual(0x23000u, f.Process.AddressSpace.BrkStart);
        Assert.AreEqual(0x23000, f.Call("brk", 0));
    }

    [TestMethod]
    public void SegmentsSharingAPageKeepBothContentsAndPermissions()
    {
        var bytes = ElfBuilder.Build(
        [
            new TestSegment(0x10000, [1, 2, 3, 4], 0x20, ElfBuilder.PfR | ElfBuilder.PfW),
            new TestSegment(0x10100, Enumerable.Repeat((byte)0xAA, 16).ToArray(), 16, ElfBuilder.PfR),
        ], entry: 0x10000);
        using var f = new ArmProcessFixture();
        Load(f, bytes);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4, 0, 0, 0, 0 }, f.Read(0x10000, 8));
        Assert.AreEqual(0xAA, f.Read(0x10100, 1)[0]);
        Assert.AreEqual(PagePermissions.ReadWrite, f.Memory.PermissionsAt(0x10000), "shared page gets both segments' permissions");
    }

    [TestMethod]
    public void StaticPieIsLoadedAtTheBias()
    {
        using var f = new ArmProcessFixture();
        var start = Load(f, ElfBuilder.TextAndData(type: 3));
        uint bias = f.Process.Abi.Layout.PieBase - 0x10000;
        Assert.AreEqual(bias, start.Program.Bias);
        Assert.AreEqual(0x10100u + bias, start.Entry);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4 }, f.Read(0x20000 + bias, 4));
        Assert.AreEqual(PagePermissions.None, f.Memory.PermissionsAt(0x10000), "nothing at the unbiased address");
        Assert.AreEqual(0x23000u + bias, f.Process.AddressSpace.BrkStart);
    }

    [TestMethod]
    public void DynamicProgramWithoutItsLoaderNamesTheInterpreterAndTheFix()
    {
        var bytes = ElfBuilder.Build([new TestSegment(0x10000, [0, 0, 0, 0], 4, ElfBuilder.PfR)], 0x10000,
            interpreter: "/lib/ld-crossemu-missing.so.3");
        using var f = new ArmProcessFixture();
        var e = Assert.ThrowsExactly<GuestLoadException>(() => Load(f, bytes));
        StringAssert.Contains(e.Message, "dynamically linked: needs PT_INTERP /lib/ld-crossemu-missing.so.3");
        StringAssert.Contains(e.Message, "-L");
    }

    [TestMethod]
    public void RealStaticProgramLoads()
    {
        var exe = ArmToolchain.Compile("int main(void) { return 0; }");
        using var f = new ArmProcessFixture();
        var start = ProgramLoader.Load(f.Process, ElfFile.Load(exe), [exe], [], exe);
        var elf = start.Program.File;
        Assert.AreEqual(elf.Entry, start.Entry);
        foreach (var seg in elf.LoadSegments)
        {
            var perm = f.Memory.PermissionsAt(seg.VirtualAddress);
            Assert.AreEqual((seg.Flags & 1) != 0, perm.HasFlag(PagePermissions.Execute), $"segment 0x{seg.VirtualAddress:x} X");
            Assert.AreEqual((seg.Flags & 2) != 0, perm.HasFlag(PagePermissions.Write), $"segment 0x{seg.VirtualAddress:x} W");
            uint n = Math.Min(seg.FileSize, 64u);
            CollectionAssert.AreEqual(elf.Bytes.AsSpan((int)seg.Offset, (int)n).ToArray(), f.Read(seg.VirtualAddress, (int)n));
        }
    }
}
