using CrossEmu.Devices.Virtio;

namespace CrossEmu.Devices.Tests;

[TestClass]
public sealed class VirtioBlockTests
{
    const ulong Header = 0x40000, Data = 0x41000, StatusByte = 0x48000;
    const int Sectors = 64;
    const byte StatusCanary = 0xAA;

    sealed class Disk : IDisposable
    {
        public readonly string Path = System.IO.Path.GetTempFileName();
        public readonly byte[] Original;

        public Disk()
        {
            Original = new byte[Sectors * 512];
            for (int i = 0; i < Original.Length; i++) Original[i] = (byte)(i / 512 * 7 + i % 251);
            File.WriteAllBytes(Path, Original);
        }

        public byte[] Contents => File.ReadAllBytes(Path);

        public void Dispose() => File.Delete(Path);
    }

    static VirtioRig Start(VirtioBlock block, ulong features = 0)
    {
        var rig = new VirtioRig(block);
        rig.Start(features, 1);
        rig.Ram.Span(StatusByte, 1)[0] = StatusCanary;
        return rig;
    }

    static void WriteHeader(VirtioRig rig, uint type, ulong sector) => rig.WriteBlockRequestHeader(Header, type, sector);

    static byte Status(VirtioRig rig) => rig.Ram.Span(StatusByte, 1)[0];

    [TestMethod]
    public void ConfigAndFeaturesDescribeTheImage()
    {
        using var disk = new Disk();
        using var rig = new VirtioRig(new VirtioBlock(disk.Path));
        Assert.AreEqual(2u, rig.Reg(0x08));
        ulong features = rig.DeviceFeatures();
        Assert.AreEqual(1UL << VirtioBlock.FeatureFlush, features & 1UL << VirtioBlock.FeatureFlush);
        Assert.AreEqual(1UL << VirtioBlock.FeatureSegMax, features & 1UL << VirtioBlock.FeatureSegMax);
        Assert.AreEqual(1UL << VirtioBlock.FeatureBlkSize, features & 1UL << VirtioBlock.FeatureBlkSize);
        Assert.AreEqual(0UL, features & 1UL << VirtioBlock.FeatureRo);
        Assert.AreEqual((uint)Sectors, rig.Reg(0x100));
        Assert.AreEqual(254u, rig.Reg(0x10c), "seg_max");
    }

    [TestMethod]
    public void ReadsSectorsIntoGuestRam()
    {
        using var disk = new Disk();
        using var rig = Start(new VirtioBlock(disk.Path));
        WriteHeader(rig, VirtioBlock.TypeIn, 3);
        // The data split over two descriptors, as a driver may do.
        ushort head = rig.Post(0, (Header, 16, false), (Data, 512, true), (Data + 0x1000, 512, true), (StatusByte, 1, true));
        rig.Notify(0);
        Assert.AreEqual(VirtioBlock.StatusOk, Status(rig));
        CollectionAssert.AreEqual(disk.Original.AsSpan(3 * 512, 512).ToArray(), rig.Ram.Span(Data, 512).ToArray());
        CollectionAssert.AreEqual(disk.Original.AsSpan(4 * 512, 512).ToArray(), rig.Ram.Span(Data + 0x1000, 512).ToArray());
        Assert.AreEqual(1, rig.UsedIdx(0));
        Assert.AreEqual((head, 1025u), ((ushort)rig.Used(0, 0).Id, rig.Used(0, 0).Length));
        Assert.IsTrue(rig.Irq);
        Assert.AreEqual(1u, rig.InterruptStatus);
        Assert.IsTrue(rig.CanariesIntact);
    }

    [TestMethod]
    public void WritesReachTheImageAndFlushSucceeds()
    {
        using var disk = new Disk();
        using var rig = Start(new VirtioBlock(disk.Path), 1UL << VirtioBlock.FeatureFlush);
        WriteHeader(rig, VirtioBlock.TypeOut, 10);
        rig.Ram.Span(Data, 1024).Fill(0x3C);
        rig.Post(0, (Header, 16, false), (Data, 1024, false), (StatusByte, 1, true));
        rig.Notify(0);
        Assert.AreEqual(VirtioBlock.StatusOk, Status(rig));
        Assert.AreEqual(1u, rig.Used(0, 0).Length, "only the status byte was written");
        rig.Ram.Span(StatusByte, 1)[0] = StatusCanary;
        WriteHeader(rig, VirtioBlock.TypeFlush, 0);
        rig.Post(0, (Header, 16, false), (StatusByte, 1, true));
        rig.Notify(0);
        Assert.AreEqual(VirtioBlock.StatusOk, Status(rig));
        var expected = (byte[])disk.Original.Clone();
        expected.AsSpan(10 * 512, 1024).Fill(0x3C);
        rig.Dispose();
        CollectionAssert.AreEqual(expected, disk.Contents);
    }

    [TestMethod]
    public void GetIdReturnsTheSerial()
    {
        using var disk = new Disk();
        using var rig = Start(new VirtioBlock(disk.Path, serial: "crossemu-disk-0"));
        WriteHeader(rig, VirtioBlock.TypeGetId, 0);
        rig.Post(0, (Header, 16, false), (Data, 20, true), (StatusByte, 1, true));
        rig.Notify(0);
        Assert.AreEqual(VirtioBlock.StatusOk, Status(rig));
        Assert.AreEqual("crossemu-disk-0\0\0\0\0\0", System.Text.Encoding.ASCII.GetString(rig.Ram.Span(Data, 20)));
        Assert.AreEqual(21u, rig.Used(0, 0).Length);
    }

    [TestMethod]
    public void ReadOnlyDisksRefuseWrites()
    {
        using var disk = new Disk();
        using var rig = Start(new VirtioBlock(disk.Path, readOnly: true), 1UL << VirtioBlock.FeatureRo);
        Assert.AreNotEqual(0UL, rig.DeviceFeatures() & 1UL << VirtioBlock.FeatureRo);
        WriteHeader(rig, VirtioBlock.TypeOut, 0);
        rig.Ram.Span(Data, 512).Fill(0x99);
        rig.Post(0, (Header, 16, false), (Data, 512, false), (StatusByte, 1, true));
        rig.Notify(0);
        Assert.AreEqual(VirtioBlock.StatusIoError, Status(rig));
        rig.Dispose();
        CollectionAssert.AreEqual(disk.Original, disk.Contents);
    }

    [TestMethod]
    public void OutOfRangeSectorsAndUnknownTypesFailWithAStatus()
    {
        using var disk = new Disk();
        using var rig = Start(new VirtioBlock(disk.Path));
        WriteHeader(rig, VirtioBlock.TypeIn, Sectors - 1);
        rig.Ram.Span(Data, 1024).Fill(0x11);
        rig.Post(0, (Header, 16, false), (Data, 1024, true), (StatusByte, 1, true));
        rig.Notify(0);
        Assert.AreEqual(VirtioBlock.StatusIoError, Status(rig));
        Assert.AreEqual(-1, rig.Ram.Span(Data, 1024).IndexOfAnyExcept((byte)0x11), "nothing read");
        WriteHeader(rig, VirtioBlock.TypeOut, ulong.MaxValue);
        rig.Post(0, (Header, 16, false), (Data, 512, false), (StatusByte, 1, true));
        rig.Notify(0);
        Assert.AreEqual(VirtioBlock.StatusIoError, Status(rig), "no overflow on sector + count");
        WriteHeader(rig, 11, 0); // DISCARD
        rig.Post(0, (Header, 16, false), (StatusByte, 1, true));
        rig.Notify(0);
        Assert.AreEqual(VirtioBlock.StatusUnsupported, Status(rig));
        Assert.AreEqual(3, rig.UsedIdx(0));
        Assert.AreEqual(0u, rig.Status & VirtioConstants.StatusDeviceNeedsReset);
        rig.Dispose();
        CollectionAssert.AreEqual(disk.Original, disk.Contents);
    }

    [TestMethod]
    public void IndirectTablesAreFollowed()
    {
        using var disk = new Disk();
        using var rig = Start(new VirtioBlock(disk.Path));
        WriteHeader(rig, VirtioBlock.TypeIn, 5);
        const ulong table = 0x50000;
        rig.WriteDescriptor(table, 0, Header, 16, 1, 1);
        rig.WriteDescriptor(table, 1, Data, 512, 1 | 2, 2);
        rig.WriteDescriptor(table, 2, StatusByte, 1, 2, 0);
        rig.WriteDescriptor(VirtioRig.DescTable(0), 0, table, 48, 4, 0);
        rig.MakeAvailable(0, 0);
        rig.Notify(0);
        Assert.AreEqual(VirtioBlock.StatusOk, Status(rig));
        CollectionAssert.AreEqual(disk.Original.AsSpan(5 * 512, 512).ToArray(), rig.Ram.Span(Data, 512).ToArray());
    }

    /// <summary>After a malformed chain: DEVICE_NEEDS_RESET and a config interrupt; no status
    /// written, no RAM canary or image byte touched, nothing in the used ring.</summary>
    static void AssertRejected(VirtioRig rig, Disk disk)
    {
        Assert.AreEqual(VirtioConstants.StatusDeviceNeedsReset, rig.Status & VirtioConstants.StatusDeviceNeedsReset);
        Assert.AreEqual(2u, rig.InterruptStatus & 2);
        Assert.IsTrue(rig.Irq);
        Assert.AreEqual(StatusCanary, Status(rig));
        Assert.AreEqual(0, rig.UsedIdx(0));
        Assert.IsTrue(rig.CanariesIntact);
        Assert.IsTrue(rig.Log.Any("device needs reset"));
        CollectionAssert.AreEqual(disk.Original, disk.Contents);
    }

    [TestMethod]
    public void ADescriptorBeyondRamIsRejected()
    {
        using var disk = new Disk();
        using var rig = Start(new VirtioBlock(disk.Path));
        WriteHeader(rig, VirtioBlock.TypeOut, 0);
        rig.Post(0, (Header, 16, false), (0x5000_0000, 512, false), (StatusByte, 1, true));
        rig.Notify(0);
        AssertRejected(rig, disk);
        // Between the two RAM blocks.
        using var rig2 = Start(new VirtioBlock(disk.Path));
        WriteHeader(rig2, VirtioBlock.TypeIn, 0);
        rig2.Post(0, (Header, 16, false), (VirtioRig.RamSize + 0x100, 512, true), (StatusByte, 1, true));
        rig2.Notify(0);
        AssertRejected(rig2, disk);
    }

    [TestMethod]
    public void ALengthCrossingTheEndOfRamIsRejected()
    {
        using var disk = new Disk();
        using var rig = Start(new VirtioBlock(disk.Path));
        WriteHeader(rig, VirtioBlock.TypeIn, 0);
        rig.Post(0, (Header, 16, false), (VirtioRig.RamSize - 0x100, 0x200, true), (StatusByte, 1, true));
        rig.Notify(0);
        AssertRejected(rig, disk);
        // A length that wraps the address space.
        using var rig2 = Start(new VirtioBlock(disk.Path));
        WriteHeader(rig2, VirtioBlock.TypeIn, 0);
        rig2.Post(0, (Header, 16, false), (ulong.MaxValue - 0xff, 0x200, true), (StatusByte, 1, true));
        rig2.Notify(0);
        AssertRejected(rig2, disk);
    }

    [TestMethod]
    public void ALoopIsRejected()
    {
        using var disk = new Disk();
        using var rig = Start(new VirtioBlock(disk.Path));
        WriteHeader(rig, VirtioBlock.TypeIn, 0);
        rig.WriteDescriptor(VirtioRig.DescTable(0), 0, Header, 16, 1, 1);
        rig.WriteDescriptor(VirtioRig.DescTable(0), 1, Data, 512, 1 | 2, 2);
        rig.WriteDescriptor(VirtioRig.DescTable(0), 2, Data + 512, 512, 1 | 2, 1);
        rig.MakeAvailable(0, 0);
        rig.Notify(0);
        AssertRejected(rig, disk);
        StringAssert.Contains(string.Join("\n", rig.Log.Lines), "a loop?");
    }

    [TestMethod]
    public void AnIndirectTableOutsideRamIsRejected()
    {
        using var disk = new Disk();
        using var rig = Start(new VirtioBlock(disk.Path));
        rig.WriteDescriptor(VirtioRig.DescTable(0), 0, 0x7000_0000, 48, 4, 0);
        rig.MakeAvailable(0, 0);
        rig.Notify(0);
        AssertRejected(rig, disk);
        // Straddling the end of RAM.
        using var rig2 = Start(new VirtioBlock(disk.Path));
        rig2.WriteDescriptor(VirtioRig.DescTable(0), 0, VirtioRig.RamSize - 16, 48, 4, 0);
        rig2.MakeAvailable(0, 0);
        rig2.Notify(0);
        AssertRejected(rig2, disk);
    }

    [TestMethod]
    public void WrongDirectionsAndBadIndicesAreRejected()
    {
        using var disk = new Disk();
        using var rig = Start(new VirtioBlock(disk.Path));
        WriteHeader(rig, VirtioBlock.TypeOut, 0);
        rig.Post(0, (Header, 16, false), (StatusByte, 1, true), (Data, 512, false));
        rig.Notify(0);
        AssertRejected(rig, disk);
        StringAssert.Contains(string.Join("\n", rig.Log.Lines), "follows a writable one");

        using var rig2 = Start(new VirtioBlock(disk.Path));
        rig2.MakeAvailable(0, 40); // head beyond the queue
        rig2.Notify(0);
        AssertRejected(rig2, disk);
    }

    [TestMethod]
    public void AResetRecoversFromNeedsReset()
    {
        using var disk = new Disk();
        var block = new VirtioBlock(disk.Path);
        using var rig = Start(block);
        rig.Post(0, (0x7000_0000, 16, false), (StatusByte, 1, true));
        rig.Notify(0);
        Assert.AreNotEqual(0u, rig.Status & VirtioConstants.StatusDeviceNeedsReset);
        rig.SetReg(0x64, 3);
        rig.Start(0, 1);
        Assert.AreEqual(0u, rig.Status & VirtioConstants.StatusDeviceNeedsReset);
        WriteHeader(rig, VirtioBlock.TypeIn, 1);
        rig.Post(0, (Header, 16, false), (Data, 512, true), (StatusByte, 1, true));
        rig.Notify(0);
        Assert.AreEqual(VirtioBlock.StatusOk, Status(rig));
        Assert.AreEqual(1, rig.UsedIdx(0));
    }
}
