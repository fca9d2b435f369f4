using CrossEmu.Devices.Character;
using CrossEmu.Devices.Virtio;

namespace CrossEmu.Devices.Tests;

[TestClass]
public sealed class VirtioConsoleTests
{
    [TestMethod]
    public void TransmitQueueGoesToTheBackend()
    {
        var serial = new BufferCharBackend();
        using var rig = new VirtioRig(new VirtioConsole(serial));
        rig.Start(0, 2);
        System.Text.Encoding.ASCII.GetBytes("hello, ").CopyTo(rig.Ram.Span(0x40000, 7));
        System.Text.Encoding.ASCII.GetBytes("world").CopyTo(rig.Ram.Span(0x41000, 5));
        rig.Post(1, (0x40000, 7, false));
        rig.Post(1, (0x41000, 5, false));
        rig.Notify(1);
        Assert.AreEqual("hello, world", serial.OutputText);
        Assert.AreEqual(2, rig.UsedIdx(1));
        Assert.IsTrue(rig.Irq);
    }

    [TestMethod]
    public void ReceivedBytesWaitForBuffersAndFillThem()
    {
        var serial = new BufferCharBackend();
        using var rig = new VirtioRig(new VirtioConsole(serial));
        serial.Inject("early");
        Assert.AreEqual(5, serial.PendingCount, "no driver yet");
        rig.Start(0, 2);
        Assert.AreEqual(5, serial.PendingCount, "no buffers yet");
        rig.Post(0, (0x50000, 3, true));
        rig.Notify(0);
        Assert.AreEqual("ear", System.Text.Encoding.ASCII.GetString(rig.Ram.Span(0x50000, 3)));
        Assert.AreEqual(2, serial.PendingCount);
        Assert.AreEqual((0u, 3u), rig.Used(0, 0));
        rig.Post(0, (0x51000, 64, true));
        rig.Notify(0);
        Assert.AreEqual("ly", System.Text.Encoding.ASCII.GetString(rig.Ram.Span(0x51000, 2)));
        Assert.AreEqual(0, serial.PendingCount);
        rig.Post(0, (0x52000, 64, true));
        rig.Notify(0);
        serial.Inject("later");
        Assert.AreEqual("later", System.Text.Encoding.ASCII.GetString(rig.Ram.Span(0x52000, 5)));
        Assert.AreEqual(3, rig.UsedIdx(0));
    }

    [TestMethod]
    public void ConfigReportsOnePort()
    {
        using var rig = new VirtioRig(new VirtioConsole(new BufferCharBackend()));
        Assert.AreEqual(3u, rig.Reg(0x08));
        Assert.AreEqual(1u, rig.Reg(0x104), "max_nr_ports");
    }
}
