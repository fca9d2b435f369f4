using System.Diagnostics;
using System.Text;
using CrossEmu.Devices.Character;
using CrossEmu.Devices.Virtio;

namespace CrossEmu.Devices.Tests;

/// <summary>
/// Scenarios a Linux driver (or a broken one) produces that the per-device tests do not: the
/// console fed by a backend thread while the driver refills on another, one request spanning the
/// whole disk with the status byte inside the last data buffer (any layout), rings and buffers
/// at addresses outside RAM in ways other than running off its end, and a disk image that cannot
/// be opened.
/// </summary>
[TestClass]
public sealed class VirtioDriverScenarioTests
{
    const ulong Header = 0x40000, Big = 0x60000;

    [TestMethod]
    public void ConsoleBackendThreadAndDriverRefillsDoNotDeadlock()
    {
        var serial = new BufferCharBackend();
        using var rig = new VirtioRig(new VirtioConsole(serial));
        rig.Start(0, 2);
        var expected = string.Concat(Enumerable.Range(0, 3000).Select(i => (char)('a' + i % 26)));
        var injector = new Thread(() =>
        {
            foreach (var chunk in expected.Chunk(10))
            {
                serial.Inject(new string(chunk));
                Thread.Yield();
            }
        }) { IsBackground = true };
        var received = new StringBuilder();
        var driver = Task.Run(() =>
        {
            var addresses = new Dictionary<uint, ulong>();
            int outstanding = 0, slot = 0, seen = 0;
            var clock = Stopwatch.StartNew();
            while (received.Length < expected.Length && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                for (; outstanding < 8; outstanding++)
                {
                    ulong address = 0x50000 + 0x40 * (ulong)(slot++ % 16);
                    addresses[rig.Post(0, (address, 8, true))] = address;
                }
                rig.Notify(0);
                for (ushort used = rig.UsedIdx(0); seen != used; seen = (ushort)(seen + 1))
                {
                    var (id, length) = rig.Used(0, seen % VirtioRig.QueueSize);
                    received.Append(Encoding.ASCII.GetString(rig.Ram.Span(addresses[id], (int)length)));
                    addresses.Remove(id);
                    outstanding--;
                }
            }
        });
        injector.Start();
        Assert.IsTrue(driver.Wait(TimeSpan.FromSeconds(30)), "the driver thread is stuck (the backend and the device wait on each other)");
        Assert.AreEqual(expected, received.ToString());
    }

    static string Image(int sectors)
    {
        var path = Path.GetTempFileName();
        var bytes = new byte[sectors * 512];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i / 512 + 1);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static void WriteHeader(VirtioRig rig, uint type, ulong sector) => rig.WriteBlockRequestHeader(Header, type, sector);

    [TestMethod]
    public void TheWholeDiskInOneRequestWithTheStatusByteInTheLastDataBuffer()
    {
        var path = Image(64);
        try
        {
            using var rig = new VirtioRig(new VirtioBlock(path));
            rig.Start(0, 1);
            WriteHeader(rig, 0, 0);
            rig.Ram.Span(Big + 64 * 512, 1)[0] = 0xee;
            rig.Post(0, (Header, 16, false), (Big, 20000, true), (Big + 20000, 64 * 512 - 20000 + 1, true));
            rig.Notify(0);
            Assert.AreEqual(1, rig.UsedIdx(0));
            Assert.AreEqual((0u, 64u * 512 + 1), rig.Used(0, 0));
            var data = rig.Ram.Span(Big, 64 * 512 + 1);
            for (int s = 0; s < 64; s++) Assert.AreEqual(s + 1, data[s * 512 + 100], $"sector {s}");
            Assert.AreEqual(0, data[64 * 512], "status OK in the byte after the data");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow(0x2000_0000UL, 512u, DisplayName = "between RAM and the MMIO window")]
    [DataRow(VirtioRig.MmioBase, 512u, DisplayName = "the transport's own registers")]
    [DataRow(ulong.MaxValue - 100, 512u, DisplayName = "wrapping the address space")]
    [DataRow(Big, 0xffff_f000u, DisplayName = "a length of almost 4 GiB")]
    [DataRow(VirtioRig.FarBlock - 0x100, 0x200u, DisplayName = "across the gap between two RAM blocks")]
    public void AWriteWhoseDataIsNotInRamLeavesTheImageAlone(ulong address, uint length)
    {
        var path = Image(16);
        try
        {
            var before = File.ReadAllBytes(path);
            using (var rig = new VirtioRig(new VirtioBlock(path)))
            {
                rig.Start(0, 1);
                WriteHeader(rig, 1, 0);
                rig.Post(0, (Header, 16, false), (address, length, false), (Header + 0x100, 1, true));
                rig.Notify(0);
                Assert.AreEqual(0, rig.UsedIdx(0), "nothing completed");
                Assert.AreEqual(VirtioConstants.StatusDeviceNeedsReset, rig.Status & VirtioConstants.StatusDeviceNeedsReset);
                Assert.IsTrue(rig.CanariesIntact);
            }
            CollectionAssert.AreEqual(before, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void AUsedRingOutsideRamIsRefusedBeforeAnyWork()
    {
        var path = Image(16);
        try
        {
            using var rig = new VirtioRig(new VirtioBlock(path));
            Assert.IsTrue(rig.Negotiate(VirtioConstants.VersionOneBit));
            rig.SetUpQueue(0);
            rig.SetReg(0x44, 0);
            rig.SetReg(0xa0, 0);
            rig.SetReg(0xa4, 1); // used ring at 4 GiB, far past RAM
            rig.SetReg(0x44, 1);
            rig.SetReg(0x70, 1 | 2 | 8 | 4);
            WriteHeader(rig, 0, 0);
            rig.Ram.Span(Big, 513).Fill(0x5a);
            rig.Post(0, (Header, 16, false), (Big, 512, true), (Big + 512, 1, true));
            rig.Notify(0);
            Assert.IsTrue(rig.Ram.Span(Big, 513).IndexOfAnyExcept((byte)0x5a) < 0, "the request was not carried out");
            Assert.IsTrue(rig.CanariesIntact);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void AnImageThatCannotBeOpenedIsAnError()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"crossemu-no-such-{Guid.NewGuid():n}.img");
        var e = Assert.Throws<Exception>(() => new VirtioBlock(missing, readOnly: true));
        StringAssert.Contains(e.Message, missing);
    }
}
