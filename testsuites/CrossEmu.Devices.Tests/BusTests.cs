using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Memory;

namespace CrossEmu.Devices.Tests;

[TestClass]
public sealed class BusTests
{
    [TestMethod]
    public void RegionsListTheMapInOrderWithKindsAndDeviceTypes()
    {
        using var ram = new GuestRam(0, 0x10000);
        var bus = new SystemBus();
        bus.AddMmio("uart", 0xd000_0000, 0x100, new RecordingPeripheral(AccessWidths.Byte));
        bus.AddRam("ram", ram);
        bus.AddRom("bios", 0xffff_0000, new byte[0x10000]);
        bus.AddPorts("com1", 0x3f8, 8, new RecordingPeripheral(AccessWidths.Byte));
        var regions = bus.Regions;
        CollectionAssert.AreEqual(new[] { "ram", "uart", "bios", "com1" }, regions.Select(r => r.Name).ToArray());
        Assert.AreEqual(RegionKind.Ram, regions[0].Kind);
        Assert.AreEqual(0xd000_00ffUL, regions[1].Last);
        Assert.AreEqual(nameof(RecordingPeripheral), regions[1].DeviceType);
        Assert.AreEqual(RegionKind.Rom, regions[2].Kind);
        Assert.AreEqual(RegionKind.Port, regions[3].Kind);
        Assert.AreEqual(0x400UL, regions[3].End);
        StringAssert.Contains(regions[3].ToString(), "0x03f8-0x03ff");
    }

    [TestMethod]
    public void OverlappingRegionsAreRefusedNamingBoth()
    {
        using var ram = new GuestRam(0, 0x10000);
        var bus = new SystemBus();
        bus.AddRam("ram", ram);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => bus.AddMmio("late", 0xf000, 0x2000, new RecordingPeripheral(AccessWidths.Byte)));
        StringAssert.Contains(e.Message, "late");
        StringAssert.Contains(e.Message, "ram");
        bus.AddPorts("a", 0x60, 5, new RecordingPeripheral(AccessWidths.Byte));
        e = Assert.ThrowsExactly<InvalidOperationException>(() => bus.AddPorts("b", 0x64, 1, new RecordingPeripheral(AccessWidths.Byte)));
        StringAssert.Contains(e.Message, "b");
        StringAssert.Contains(e.Message, "a (Port");
        // Ports and memory are separate spaces.
        bus.AddMmio("mmio60", 0x10060, 4, new RecordingPeripheral(AccessWidths.Byte));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => bus.AddPorts("wrap", 0xfffe, 4, new RecordingPeripheral(AccessWidths.Byte)));
    }

    [TestMethod]
    public void RamThatWouldEndPastTheAddressSpaceIsRefused()
    {
        // Its end (base + size) would wrap to 0: a region [base, 0) that contains nothing and overlaps nothing.
        using var ram = new GuestRam(0xffff_ffff_ffff_f000, 0x1000);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SystemBus().AddRam("top", ram));
        StringAssert.Contains(e.Message, "top: 0xfffffffffffff000+0x1000 goes past the end of the address space");
    }

    [TestMethod]
    public void RamAndRomAreReachableThroughMmioAccesses()
    {
        using var ram = new GuestRam(0x1000, 0x1000);
        var bus = new SystemBus();
        bus.AddRam("ram", ram);
        bus.AddRom("rom", 0x8000, [1, 2, 3, 4, 5, 6, 7, 8]);
        bus.WriteMemory(0x1010, AccessWidth.DoubleWord, 0xdeadbeef);
        Assert.AreEqual(0xbeefUL, bus.ReadMemory(0x1010, AccessWidth.Word));
        Assert.AreEqual(0xefUL, ram.Span(0x1010, 1)[0]);
        Assert.AreEqual(0x0807060504030201UL, bus.ReadMemory(0x8000, AccessWidth.QuadWord));
        var log = new RecordingLog();
        var bus2 = new SystemBus(log.Log);
        bus2.AddRom("rom", 0x8000, [1, 2, 3, 4]);
        bus2.WriteMemory(0x8000, AccessWidth.Byte, 0xff);
        Assert.AreEqual(1UL, bus2.ReadMemory(0x8000, AccessWidth.Byte));
        Assert.IsTrue(log.Any("ROM rom"));
    }

    [TestMethod]
    public void WideAccessesSplitIntoDeclaredWidthsLittleEndian()
    {
        var dev = new RecordingPeripheral(AccessWidths.Byte);
        var bus = new SystemBus();
        bus.AddMmio("dev", 0x1000, 64, dev);
        bus.WriteMemory(0x1004, AccessWidth.DoubleWord, 0x44332211);
        CollectionAssert.AreEqual(new[] { "W1@4=11", "W1@5=22", "W1@6=33", "W1@7=44" }, dev.Accesses);
        dev.Accesses.Clear();
        Assert.AreEqual(0x44332211UL, bus.ReadMemory(0x1004, AccessWidth.DoubleWord));
        Assert.HasCount(4, dev.Accesses);

        var dev32 = new RecordingPeripheral(AccessWidths.DoubleWord);
        bus.AddMmio("dev32", 0x2000, 64, dev32);
        bus.WriteMemory(0x2008, AccessWidth.QuadWord, 0x8877665544332211);
        CollectionAssert.AreEqual(new[] { "W4@8=44332211", "W4@12=88776655" }, dev32.Accesses);
    }

    [TestMethod]
    public void NarrowReadsArePartOfAWiderRead()
    {
        var dev = new RecordingPeripheral(AccessWidths.DoubleWord);
        dev.Store[4] = 0x11; dev.Store[5] = 0x22; dev.Store[6] = 0x33; dev.Store[7] = 0x44;
        var bus = new SystemBus();
        bus.AddMmio("dev", 0x1000, 64, dev);
        Assert.AreEqual(0x33UL, bus.ReadMemory(0x1006, AccessWidth.Byte));
        Assert.AreEqual(0x4433UL, bus.ReadMemory(0x1006, AccessWidth.Word));
        CollectionAssert.AreEqual(new[] { "R4@4", "R4@4" }, dev.Accesses);
    }

    [TestMethod]
    public void NarrowWritesAreReadModifyWriteOnlyWhenTheDeviceAllowsIt()
    {
        var log = new RecordingLog();
        var strict = new RecordingPeripheral(AccessWidths.DoubleWord);
        var lenient = new RecordingPeripheral(AccessWidths.DoubleWord, allowRmw: true);
        var bus = new SystemBus(log.Log);
        bus.AddMmio("strict", 0x1000, 64, strict);
        bus.AddMmio("lenient", 0x2000, 64, lenient);
        lenient.Store[0] = 0xaa; lenient.Store[1] = 0xbb; lenient.Store[2] = 0xcc; lenient.Store[3] = 0xdd;
        bus.WriteMemory(0x2001, AccessWidth.Byte, 0x55);
        CollectionAssert.AreEqual(new[] { "R4@0", "W4@0=ddcc55aa" }, lenient.Accesses);
        bus.WriteMemory(0x1001, AccessWidth.Byte, 0x55);
        Assert.IsEmpty(strict.Accesses);
        Assert.IsTrue(log.Any("takes DoubleWord accesses only"));
    }

    [TestMethod]
    public void UnclaimedAccessesReadAllOnesAndAreLoggedOncePerAddress()
    {
        var log = new RecordingLog();
        var bus = new SystemBus(log.Log);
        Assert.AreEqual(0xffffffffUL, bus.ReadMemory(0x5000, AccessWidth.DoubleWord));
        Assert.AreEqual(0xffUL, bus.ReadPort(0x80, AccessWidth.Byte));
        Assert.AreEqual(ulong.MaxValue, bus.ReadMemory(0x5000, AccessWidth.QuadWord));
        bus.WritePort(0x80, AccessWidth.Byte, 1);
        bus.WritePort(0x80, AccessWidth.Byte, 2);
        bus.ReadMemory(0x5000, AccessWidth.DoubleWord);
        Assert.AreEqual(1, log.Count("address 0x5000"));
        Assert.AreEqual(1, log.Count("port 0x0080"));
    }

    [TestMethod]
    public void AnAccessCrossingARegionEdgeGoesByteByByte()
    {
        using var ram = new GuestRam(0x1000, 0x1000);
        var dev = new RecordingPeripheral(AccessWidths.Byte);
        var bus = new SystemBus();
        bus.AddRam("ram", ram);
        bus.AddMmio("dev", 0x2000, 16, dev);
        ram.Span(0x1ffe, 2).Fill(0x77);
        dev.Store[0] = 0x11; dev.Store[1] = 0x22;
        Assert.AreEqual(0x22117777UL, bus.ReadMemory(0x1ffe, AccessWidth.DoubleWord));
        // Half in the device, half in nothing.
        dev.Store[14] = 0x33; dev.Store[15] = 0x44;
        Assert.AreEqual(0xffff4433UL, bus.ReadMemory(0x200e, AccessWidth.DoubleWord));
    }

    [TestMethod]
    public void AnAccessWiderThanASmallRegionDoesNotReachPastIt()
    {
        var log = new RecordingLog();
        var dev = new RecordingPeripheral(AccessWidths.UpTo32, size: 8);
        var bus = new SystemBus(log.Log);
        bus.AddPorts("one", 0x501, 1, dev);
        Assert.AreEqual(0xffffff00UL, bus.ReadPort(0x501, AccessWidth.DoubleWord), "one byte from the device, three from nothing");
        bus.WritePort(0x501, AccessWidth.Word, 0x1234);
        CollectionAssert.AreEqual(new[] { "R1@0", "W1@0=34" }, dev.Accesses);
        Assert.IsTrue(log.Any("port 0x0502"));
    }

    [TestMethod]
    public void DmaReachesRamOnlyAndSpansAdjacentBlocks()
    {
        using var low = new GuestRam(0, 0x1000);
        using var high = new GuestRam(0x1000, 0x1000);
        var bus = new SystemBus();
        bus.AddRam("low", low);
        bus.AddRam("high", high);
        bus.AddMmio("dev", 0x2000, 16, new RecordingPeripheral(AccessWidths.Byte));
        Assert.IsTrue(bus.TryWrite(0xffe, new byte[] { 1, 2, 3, 4 }));
        Assert.AreEqual(3, high.Span(0x1000, 1)[0]);
        var back = new byte[4];
        Assert.IsTrue(bus.TryRead(0xffe, back));
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4 }, back);
        Assert.IsFalse(bus.TryWrite(0x1ffe, new byte[4]), "crosses into an MMIO region");
        Assert.IsFalse(bus.TryRead(0x2000, new byte[1]));
        Assert.IsFalse(bus.TryGetSpan(0xfff, 2, out _), "a span cannot cross blocks");
        Assert.IsTrue(bus.TryGetSpan(0x1000, 0x1000, out var span));
        Assert.AreEqual(0x1000, span.Length);
        Assert.IsFalse(bus.TryGetSpan(ulong.MaxValue - 1, 4, out _));
    }

    [TestMethod]
    public void ConcurrentAccessesFromSeveralThreadsAreSafe()
    {
        using var ram = new GuestRam(0, 0x10000);
        var bus = new SystemBus();
        bus.AddRam("ram", ram);
        Parallel.For(0, 4, t =>
        {
            for (ulong i = 0; i < 2000; i++)
            {
                ulong a = (ulong)t * 0x4000 + i * 8;
                bus.WriteMemory(a, AccessWidth.QuadWord, a);
                Assert.AreEqual(a, bus.ReadMemory(a, AccessWidth.QuadWord));
            }
        });
    }
}
