using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Character;
using CrossEmu.Devices.Virtio;

namespace CrossEmu.Devices.Tests;

[TestClass]
public sealed class VirtioTransportTests
{
    [TestMethod]
    public void IdentifiesAsVersion2AndReadsDeviceIdZeroWithoutABackend()
    {
        using var rig = new VirtioRig(null);
        Assert.AreEqual(0x74726976u, rig.Reg(0x00));
        Assert.AreEqual(2u, rig.Reg(0x04));
        Assert.AreEqual(0u, rig.Reg(0x08));
        Assert.AreEqual(VirtioMmio.VendorQemu, rig.Reg(0x0c));
        rig.Transport.Attach(new VirtioConsole(new BufferCharBackend()));
        Assert.AreEqual(3u, rig.Reg(0x08));
        Assert.ThrowsExactly<InvalidOperationException>(() => rig.Transport.Attach(new VirtioConsole(new BufferCharBackend())));
    }

    [TestMethod]
    public void OffersVersion1AndRefusesDriversThatDoNotAcceptIt()
    {
        using var rig = new VirtioRig(new VirtioConsole(new BufferCharBackend()));
        Assert.AreEqual(VirtioConstants.VersionOneBit, rig.DeviceFeatures());
        Assert.IsFalse(rig.Negotiate(0), "a legacy driver");
        Assert.IsTrue(rig.Log.Any("VIRTIO_F_VERSION_1"));
        Assert.IsFalse(rig.Negotiate(VirtioConstants.VersionOneBit | 1UL << 3), "a feature not offered");
        Assert.IsTrue(rig.Negotiate(VirtioConstants.VersionOneBit));
        Assert.AreEqual(VirtioConstants.VersionOneBit, rig.Transport.DriverFeatures);
        // Features are fixed after FEATURES_OK.
        rig.SetReg(0x24, 0);
        rig.SetReg(0x20, 0xff);
        Assert.AreEqual(VirtioConstants.VersionOneBit, rig.Transport.DriverFeatures);
    }

    [TestMethod]
    public void DriverOkNeedsFeaturesOkAndStatusZeroResets()
    {
        using var rig = new VirtioRig(new VirtioConsole(new BufferCharBackend()));
        rig.SetReg(0x70, 1 | 2 | 4);
        Assert.AreEqual(0u, rig.Status & 4, "DRIVER_OK refused without FEATURES_OK");
        rig.Start(0, 2);
        Assert.AreEqual(1u | 2 | 4 | 8, rig.Status);
        rig.SetReg(0x30, 1);
        Assert.AreEqual(1u, rig.Reg(0x44));
        Assert.AreEqual((uint)VirtioRig.QueueSize * 8, rig.Reg(0x34), "QueueNumMax is the device's (128)");
        rig.SetReg(0x70, 0);
        Assert.AreEqual(0u, rig.Status);
        Assert.AreEqual(0u, rig.Reg(0x44), "queues disabled by the reset");
        rig.SetReg(0x30, 7);
        Assert.AreEqual(0u, rig.Reg(0x34), "no queue 7");
    }

    [TestMethod]
    public void QueueConfigurationIsCheckedAndFrozenWhileReady()
    {
        using var rig = new VirtioRig(new VirtioConsole(new BufferCharBackend()));
        Assert.IsTrue(rig.Negotiate(VirtioConstants.VersionOneBit));
        rig.SetReg(0x30, 0);
        rig.SetReg(0x38, 12);
        Assert.IsTrue(rig.Log.Any("not a power of 2"));
        rig.SetReg(0x38, 16);
        rig.SetReg(0x80, 0x5000_0000); // descriptor table outside RAM
        rig.SetReg(0x90, 0x2000);
        rig.SetReg(0xa0, 0x3000);
        rig.SetReg(0x44, 1);
        Assert.AreEqual(0u, rig.Reg(0x44), "refused: the table is not in RAM");
        rig.SetReg(0x80, 0x1000);
        rig.SetReg(0x44, 1);
        Assert.AreEqual(1u, rig.Reg(0x44));
        rig.SetReg(0x80, 0x8000);
        Assert.AreEqual(0x1000UL, rig.Transport.Queue(0).DescriptorTable, "frozen while ready");
    }

    [TestMethod]
    public void InterruptStatusIsAcknowledged()
    {
        using var rig = new VirtioRig(new VirtioConsole(new BufferCharBackend()));
        rig.Transport.NotifyConfigChange();
        Assert.IsTrue(rig.Irq);
        Assert.AreEqual(2u, rig.InterruptStatus);
        Assert.AreEqual(1u, rig.Reg(0xfc), "config generation moved");
        rig.SetReg(0x64, 2);
        Assert.IsFalse(rig.Irq);
        Assert.AreEqual(0u, rig.InterruptStatus);
    }

    [TestMethod]
    public void RegistersAre32BitOnlyAndConfigTakesNarrowAccesses()
    {
        var image = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(image, new byte[512 * 9]);
            using var rig = new VirtioRig(new VirtioBlock(image));
            Assert.AreEqual(0UL, rig.Bus.ReadMemory(VirtioRig.MmioBase, AccessWidth.Word));
            Assert.IsTrue(rig.Log.Any("32-bit only"));
            Assert.AreEqual(9u, rig.Reg(0x100), "capacity low");
            Assert.AreEqual(0u, rig.Reg(0x104), "capacity high");
            Assert.AreEqual(9UL, rig.Bus.ReadMemory(VirtioRig.MmioBase + 0x100, AccessWidth.Byte));
            Assert.AreEqual(512UL, rig.Bus.ReadMemory(VirtioRig.MmioBase + 0x114, AccessWidth.DoubleWord), "blk_size");
        }
        finally
        {
            File.Delete(image);
        }
    }
}
