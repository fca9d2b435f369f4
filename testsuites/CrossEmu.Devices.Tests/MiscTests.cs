using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Character;
using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Peripherals;
using CrossEmu.Devices.Virtio;

namespace CrossEmu.Devices.Tests;

[TestClass]
public sealed class MiscTests
{
    [TestMethod]
    public void TheLogSinkGetsOnlyTheChosenCategories()
    {
        var log = new RecordingLog(LogCategory.Unimplemented);
        log.Log.GuestError("site", "a guest error");
        log.Log.Unimplemented("site", "an unimplemented thing");
        Assert.HasCount(1, log.Lines);
        Assert.AreEqual("[unimp] site: an unimplemented thing", log.Lines[0]);
        Assert.IsFalse(log.Log.IsEnabled(LogCategory.GuestError));
        var silent = new DeviceLog();
        silent.GuestError("x", "nobody listens");
        Assert.IsFalse(silent.IsEnabled(LogCategory.GuestError));
    }

    [TestMethod]
    public void DashDItemsNameTheCategoriesTheirLinesArePrefixedWith()
    {
        Assert.AreEqual(LogCategory.Unimplemented | LogCategory.GuestError, DeviceLog.FromNames(["int", "unimp", "guest_errors"]));
        Assert.AreEqual(LogCategory.None, DeviceLog.FromNames(["in_asm", "exec"]));
        var lines = new List<string>();
        new DeviceLog(lines.Add, DeviceLog.FromNames(["guest_errors"])).GuestError("virtio", "bad chain");
        CollectionAssert.AreEqual(new[] { "[guest_errors] virtio: bad chain" }, lines);
    }

    [TestMethod]
    public void AnMmioUartWithRegShiftTakes32BitAccesses()
    {
        var serial = new BufferCharBackend();
        var pic = new FakeInterruptController();
        var bus = new SystemBus();
        bus.AddMmio("uart", 0x9000_0000, 0x20, new Ns16550(pic.Line(33), serial, regShift: 2));
        bus.WriteMemory(0x9000_0000, AccessWidth.DoubleWord, 'A');
        Assert.AreEqual("A", serial.OutputText);
        Assert.AreEqual(0x60UL, bus.ReadMemory(0x9000_0014, AccessWidth.DoubleWord), "LSR at 5 << 2");
        bus.WriteMemory(0x9000_001c, AccessWidth.Byte, 0x42);
        Assert.AreEqual(0x42UL, bus.ReadMemory(0x9000_001c, AccessWidth.DoubleWord), "SCR at 7 << 2");
    }

    [TestMethod]
    public void UsedBufferInterruptsHonourNoInterrupt()
    {
        var serial = new BufferCharBackend();
        using var rig = new VirtioRig(new VirtioConsole(serial));
        rig.Start(0, 2);
        rig.Ram.Span(VirtioRig.AvailRing(1), 2)[0] = 1; // VIRTQ_AVAIL_F_NO_INTERRUPT
        rig.Ram.Span(0x40000, 1)[0] = (byte)'x';
        rig.Post(1, (0x40000, 1, false));
        rig.Notify(1);
        Assert.AreEqual("x", serial.OutputText);
        Assert.AreEqual(1, rig.UsedIdx(1));
        Assert.IsFalse(rig.Irq);
    }

    [TestMethod]
    public void EveryDeviceConstructorFollowsTheMachineFileConvention()
    {
        // Plain properties, an IrqLine named irq, or services the machine injects by type.
        var services = new[] { typeof(ICharBackend), typeof(CrossEmu.Devices.Memory.IDmaMemory), typeof(CrossEmu.Devices.Time.VirtualClock),
            typeof(DeviceLog), typeof(CrossEmu.Devices.Machine.IMachineControl) };
        var devices = typeof(IBusPeripheral).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBusPeripheral).IsAssignableFrom(t)).ToList();
        Assert.IsGreaterThanOrEqualTo(5, devices.Count);
        foreach (var t in devices)
        {
            var ctors = t.GetConstructors();
            Assert.HasCount(1, ctors, t.Name);
            foreach (var p in ctors[0].GetParameters())
            {
                var type = p.ParameterType;
                bool ok = type == typeof(CrossEmu.Devices.Interrupts.IrqLine) ? p.Name == "irq"
                    : services.Contains(type) || type == typeof(string) || type == typeof(int) || type == typeof(long)
                        || type == typeof(ulong) || type == typeof(bool) || type.IsEnum;
                Assert.IsTrue(ok, $"{t.Name}({p.Name}: {type.Name})");
                if (!services.Contains(type) && type != typeof(CrossEmu.Devices.Interrupts.IrqLine) && type != typeof(string))
                    Assert.IsTrue(p.HasDefaultValue, $"{t.Name}.{p.Name} is a property without a default");
            }
        }
    }
}
