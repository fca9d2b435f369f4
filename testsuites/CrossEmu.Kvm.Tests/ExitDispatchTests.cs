using System.Runtime.InteropServices;
using CrossEmu.Devices.Bus;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm.Tests;

/// <summary>Exit handling on kvm_run pages built by the test, as KVM fills them (no /dev/kvm needed).</summary>
[TestClass]
public sealed unsafe class ExitDispatchTests
{
    const int PageSize = 8192, PioOffset = 4096; // KVM puts port data at KVM_PIO_PAGE_OFFSET pages

    sealed class Page : IDisposable
    {
        public byte* Base { get; } = (byte*)NativeMemory.AlignedAlloc(PageSize, 4096);

        public Page() => new Span<byte>(Base, PageSize).Clear();

        public ref KvmRun Run => ref *(KvmRun*)Base;

        public Span<byte> Data(int length) => new(Base + PioOffset, length);

        public void Dispose() => NativeMemory.AlignedFree(Base);
    }

    static VcpuExit Serve(Page page, FakeIo io) => ExitDispatch.Serve(page.Base, PageSize, io, 3, () => "REGS");

    static void Io(Page page, byte direction, byte size, ushort port, uint count)
    {
        page.Run.ExitReason = KvmExit.Io;
        page.Run.Io = new KvmRunIo { Direction = direction, Size = size, Port = port, Count = count, DataOffset = PioOffset };
    }

    static void Mmio(Page page, ulong address, uint length, bool write)
    {
        page.Run.ExitReason = KvmExit.Mmio;
        page.Run.Mmio.PhysAddr = address;
        page.Run.Mmio.Len = length;
        page.Run.Mmio.IsWrite = (byte)(write ? 1 : 0);
    }

    [TestMethod]
    public void PortOutputOfOneItemGoesToWritePort()
    {
        using var page = new Page();
        Io(page, KvmRunIo.DirectionOut, 1, 0x3F8, 1);
        page.Data(1)[0] = 0x41;
        var io = new FakeIo();
        Assert.AreEqual(new VcpuExit(VcpuExitKind.Handled, KvmExit.Io), Serve(page, io));
        CollectionAssert.AreEqual(new[] { ("out", 0x3F8UL, AccessWidth.Byte, 0x41UL) }, io.Log.ToArray());
    }

    [TestMethod]
    public void StringOutputOfSeveralDoublewordsIsWrittenInOrder()
    {
        using var page = new Page();
        Io(page, KvmRunIo.DirectionOut, 4, 0xCFC, 2);
        MemoryMarshal.Cast<byte, uint>(page.Data(8))[0] = 0x1122_3344;
        MemoryMarshal.Cast<byte, uint>(page.Data(8))[1] = 0x5566_7788;
        var io = new FakeIo();
        Serve(page, io);
        CollectionAssert.AreEqual(new[] { 0x1122_3344UL, 0x5566_7788UL }, io.Log.Select(l => l.Value).ToArray());
        Assert.IsTrue(io.Log.All(l => l.Width == AccessWidth.DoubleWord && l.Address == 0xCFC && l.Kind == "out"));
    }

    [TestMethod]
    public void StringInputFillsEveryItemOfTheDataArea()
    {
        using var page = new Page();
        Io(page, KvmRunIo.DirectionIn, 2, 0x1F0, 3);
        ushort next = 0xA000;
        var io = new FakeIo { PortValue = (_, _) => next++ };
        Serve(page, io);
        CollectionAssert.AreEqual(new ushort[] { 0xA000, 0xA001, 0xA002 }, MemoryMarshal.Cast<byte, ushort>(page.Data(6)).ToArray());
        Assert.AreEqual(0, page.Data(8)[6], "nothing beyond count items");
        Assert.HasCount(3, io.Log);
    }

    [TestMethod]
    public void PortDataOutsideTheMappingIsRejected()
    {
        using var page = new Page();
        Io(page, KvmRunIo.DirectionIn, 4, 0x60, 2000);
        Assert.ThrowsExactly<KvmException>(() => Serve(page, new FakeIo()));
        Io(page, KvmRunIo.DirectionIn, 8, 0x60, 1);
        Assert.ThrowsExactly<KvmException>(() => Serve(page, new FakeIo()));
    }

    [TestMethod]
    public void MmioReadsFillTheDataAndWritesCarryIt()
    {
        using var page = new Page();
        Mmio(page, 0xFEE0_0020, 4, write: false);
        var io = new FakeIo { MemoryValue = (_, _) => 0xDEAD_BEEF };
        Assert.AreEqual(VcpuExitKind.Handled, Serve(page, io).Kind);
        fixed (byte* d = page.Run.Mmio.Data) Assert.AreEqual(0xDEAD_BEEFu, *(uint*)d);

        page.Run.Mmio.IsWrite = 1;
        page.Run.Mmio.Len = 8;
        fixed (byte* d = page.Run.Mmio.Data) *(ulong*)d = 0x0102_0304_0506_0708;
        Serve(page, io);
        Assert.AreEqual(("mw", 0xFEE0_0020UL, AccessWidth.QuadWord, 0x0102_0304_0506_0708UL), io.Log[^1]);
    }

    [TestMethod]
    public void AnOddMmioLengthIsServedByteByByte()
    {
        using var page = new Page();
        Mmio(page, 0x1000, 3, write: true);
        fixed (byte* d = page.Run.Mmio.Data) { d[0] = 1; d[1] = 2; d[2] = 3; }
        var io = new FakeIo();
        Serve(page, io);
        CollectionAssert.AreEqual(
            new[] { ("mw", 0x1000UL, AccessWidth.Byte, 1UL), ("mw", 0x1001UL, AccessWidth.Byte, 2UL), ("mw", 0x1002UL, AccessWidth.Byte, 3UL) },
            io.Log.ToArray());
    }

    [TestMethod]
    [DataRow(KvmExit.Hlt, VcpuExitKind.Halted)]
    [DataRow(KvmExit.Shutdown, VcpuExitKind.TripleFault)]
    [DataRow(KvmExit.Intr, VcpuExitKind.Interrupted)]
    [DataRow(KvmExit.IrqWindowOpen, VcpuExitKind.Handled)]
    [DataRow(KvmExit.Unknown, VcpuExitKind.Error)]
    [DataRow(KvmExit.Debug, VcpuExitKind.Error)]
    [DataRow(99u, VcpuExitKind.Error)]
    public void ExitReasonsAreClassified(uint reason, VcpuExitKind kind)
    {
        using var page = new Page();
        page.Run.ExitReason = reason;
        var exit = Serve(page, new FakeIo());
        Assert.AreEqual(kind, exit.Kind);
        Assert.AreEqual(reason, exit.Reason);
        if (kind is VcpuExitKind.Error or VcpuExitKind.TripleFault)
        {
            Assert.Contains("vCPU 3", exit.Message!);
            Assert.Contains("REGS", exit.Message!);
        }
        if (reason == 99) Assert.Contains("exit reason 99", exit.Message!);
    }

    [TestMethod]
    [DataRow(KvmSystemEvent.Shutdown, VcpuExitKind.SystemShutdown)]
    [DataRow(KvmSystemEvent.Reset, VcpuExitKind.SystemReset)]
    [DataRow(KvmSystemEvent.Crash, VcpuExitKind.SystemCrash)]
    [DataRow(KvmSystemEvent.Suspend, VcpuExitKind.Error)]
    public void SystemEventsAreClassified(uint type, VcpuExitKind kind)
    {
        using var page = new Page();
        page.Run.ExitReason = KvmExit.SystemEvent;
        page.Run.SystemEvent.Type = type;
        Assert.AreEqual(kind, Serve(page, new FakeIo()).Kind);
    }

    [TestMethod]
    public void AnInternalErrorNamesTheSuberrorItsDataAndTheRegisters()
    {
        using var page = new Page();
        page.Run.ExitReason = KvmExit.InternalError;
        page.Run.Internal.Suberror = KvmInternalError.Emulation;
        page.Run.Internal.Ndata = 2;
        page.Run.Internal.Data[0] = 0xAB;
        page.Run.Internal.Data[1] = 0xCD;
        var exit = Serve(page, new FakeIo());
        Assert.AreEqual(VcpuExitKind.Error, exit.Kind);
        Assert.Contains("KVM_EXIT_INTERNAL_ERROR: KVM_INTERNAL_ERROR_EMULATION", exit.Message!);
        Assert.Contains("data: 0xab 0xcd", exit.Message!);
        Assert.EndsWith("REGS", exit.Message!);
    }

    [TestMethod]
    public void AFailedEntryNamesTheHardwareReason()
    {
        using var page = new Page();
        page.Run.ExitReason = KvmExit.FailEntry;
        page.Run.FailEntry.HardwareEntryFailureReason = 0x80000021;
        page.Run.FailEntry.Cpu = 1;
        var exit = Serve(page, new FakeIo());
        Assert.AreEqual(VcpuExitKind.Error, exit.Kind);
        Assert.Contains("hardware_entry_failure_reason 0x80000021, host cpu 1", exit.Message!);
    }
}
