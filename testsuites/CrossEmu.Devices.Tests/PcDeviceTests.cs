using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Peripherals;
using CrossEmu.Devices.Time;

namespace CrossEmu.Devices.Tests;

[TestClass]
public sealed class I8042Tests
{
    sealed class Rig
    {
        public readonly SystemBus Bus = new();
        public readonly FakeMachine Machine = new();
        public readonly FakeInterruptController Pic = new();
        public readonly I8042 Kbc;

        public Rig()
        {
            Kbc = new I8042(Pic.Line(1), Machine);
            Bus.AddPorts("i8042", 0x60, 5, Kbc);
        }

        public byte Status => (byte)Bus.ReadPort(0x64, AccessWidth.Byte);

        public byte Data => (byte)Bus.ReadPort(0x60, AccessWidth.Byte);

        public void Command(int c) => Bus.WritePort(0x64, AccessWidth.Byte, (ulong)c);

        public void WriteData(int d) => Bus.WritePort(0x60, AccessWidth.Byte, (ulong)d);
    }

    [TestMethod]
    public void SelfTestAnswers55()
    {
        var r = new Rig();
        Assert.AreEqual(0, r.Status & 1, "output buffer empty");
        r.Command(0xAA);
        Assert.AreEqual(1, r.Status & 1);
        Assert.AreEqual(0x55, r.Data);
        Assert.AreEqual(0, r.Status & 1);
        r.Command(0xAB);
        Assert.AreEqual(0x00, r.Data, "keyboard interface test passes");
    }

    [TestMethod]
    public void CommandByteReadsAndWritesAndPortsEnable()
    {
        var r = new Rig();
        r.Command(0x20);
        byte ccb = r.Data;
        Assert.AreEqual(0x01, ccb & 0x01, "keyboard interrupt enabled at reset");
        r.Command(0x60);
        r.WriteData(0x00);
        Assert.AreEqual(0x00, r.Kbc.CommandByte);
        r.Command(0xAD);
        r.Command(0xA7);
        Assert.AreEqual(0x30, r.Kbc.CommandByte);
        r.Command(0xAE);
        r.Command(0xA8);
        Assert.AreEqual(0x00, r.Kbc.CommandByte);
        r.Command(0xD0);
        Assert.AreEqual(0x03, r.Data & 0x03, "output port: reset high, A20 on");
    }

    [TestMethod]
    public void ResetPulseResetsTheMachine()
    {
        var r = new Rig();
        r.Command(0xFE);
        Assert.AreEqual(1, r.Machine.Resets);
        r.Command(0xFF);
        Assert.AreEqual(1, r.Machine.Resets, "0xFF pulses nothing");
        r.Command(0xD1);
        r.WriteData(0x02);
        Assert.AreEqual(2, r.Machine.Resets, "output port bit 0 low");
    }

    [TestMethod]
    public void AbsentKeyboardAndMouseTimeOut()
    {
        var r = new Rig();
        r.WriteData(0xF2); // keyboard: identify
        Assert.AreEqual(0x41, r.Status & 0x41, "time-out with a byte");
        Assert.IsTrue(r.Pic.Level(1));
        Assert.AreEqual(0xFF, r.Data);
        Assert.IsFalse(r.Pic.Level(1));
        r.Command(0xD4);
        r.WriteData(0xFF); // mouse: reset
        Assert.AreEqual(0x61, r.Status & 0x61, "aux byte with time-out");
        Assert.AreEqual(0xFF, r.Data);
        r.Command(0xD3);
        r.WriteData(0x5a);
        Assert.AreEqual(0x5a, r.Data, "AUX loopback is the controller's");
    }
}

[TestClass]
public sealed class Mc146818Tests
{
    static readonly DateTimeOffset Start = new(2024, 12, 31, 23, 59, 58, TimeSpan.Zero);

    sealed class Rig : IDisposable
    {
        public readonly SystemBus Bus = new();
        public readonly FakeInterruptController Pic = new();
        public readonly VirtualClock Clock = new(ClockMode.Deterministic, Start);
        public readonly Mc146818 Rtc;

        public Rig()
        {
            Rtc = new Mc146818(Pic.Line(8), Clock);
            Bus.AddPorts("rtc", 0x70, 2, Rtc);
        }

        public byte Get(int index)
        {
            Bus.WritePort(0x70, AccessWidth.Byte, (ulong)index);
            return (byte)Bus.ReadPort(0x71, AccessWidth.Byte);
        }

        public void Set(int index, int value)
        {
            Bus.WritePort(0x70, AccessWidth.Byte, (ulong)index);
            Bus.WritePort(0x71, AccessWidth.Byte, (ulong)value);
        }

        public void Dispose() => Clock.Dispose();
    }

    [TestMethod]
    public void TimeReadsInBcdByDefault()
    {
        using var r = new Rig();
        Assert.AreEqual(0x58, r.Get(0));
        Assert.AreEqual(0x59, r.Get(2));
        Assert.AreEqual(0x23, r.Get(4));
        Assert.AreEqual(0x31, r.Get(7));
        Assert.AreEqual(0x12, r.Get(8));
        Assert.AreEqual(0x24, r.Get(9));
        Assert.AreEqual(0x20, r.Get(0x32), "century");
        Assert.AreEqual(3, r.Get(6), "Tuesday");
        r.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.AreEqual(0x01, r.Get(0));
        Assert.AreEqual(0x00, r.Get(4));
        Assert.AreEqual(0x01, r.Get(8));
        Assert.AreEqual(0x25, r.Get(9));
        Assert.AreEqual(0x80, r.Get(0x0D), "VRT");
    }

    [TestMethod]
    public void BinaryAnd12HourModes()
    {
        using var r = new Rig();
        r.Set(0x0B, 0x02 | 0x04); // 24h, binary
        Assert.AreEqual(58, r.Get(0));
        Assert.AreEqual(23, r.Get(4));
        Assert.AreEqual(24, r.Get(9));
        r.Set(0x0B, 0x04); // 12h, binary
        Assert.AreEqual(0x80 | 11, r.Get(4), "11 PM");
        r.Set(0x0B, 0x00); // 12h, BCD
        Assert.AreEqual(0x80 | 0x11, r.Get(4));
    }

    [TestMethod]
    public void TheGuestSetsTheTimeUnderSet()
    {
        using var r = new Rig();
        r.Set(0x0B, 0x82); // SET, 24h BCD
        r.Set(0, 0x30);
        r.Set(2, 0x15);
        r.Set(4, 0x08);
        r.Set(7, 0x14);
        r.Set(8, 0x07);
        r.Set(9, 0x99);
        r.Set(0x32, 0x19);
        r.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.AreEqual(0x30, r.Get(0), "frozen while SET");
        r.Set(0x0B, 0x02);
        r.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.AreEqual(new DateTime(1999, 7, 14, 8, 15, 32), r.Rtc.GuestTime.AddTicks(-(r.Rtc.GuestTime.Ticks % TimeSpan.TicksPerSecond)));
        Assert.AreEqual(0x32, r.Get(0));
    }

    [TestMethod]
    public void RegisterCLatchesFlagsAndClearsOnRead()
    {
        using var r = new Rig();
        r.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual(0x50, r.Get(0x0C), "UF (and PF at the reset rate) without UIE or PIE: no IRQF");
        Assert.AreEqual(0x00, r.Get(0x0C), "read clears");
        r.Set(0x0B, 0x12); // UIE
        r.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.IsTrue(r.Pic.Level(8));
        Assert.AreEqual(0x90, r.Get(0x0C) & 0x90, "IRQF and UF (AF too: midnight matches the zero alarm)");
        Assert.IsFalse(r.Pic.Level(8));
    }

    [TestMethod]
    public void PeriodicInterruptFollowsTheRate()
    {
        using var r = new Rig();
        r.Set(0x0A, 0x2F); // 2 Hz
        r.Set(0x0B, 0x42); // PIE
        int edges = 0;
        for (int i = 0; i < 8; i++)
        {
            r.Clock.Advance(TimeSpan.FromMilliseconds(250));
            if (r.Pic.Level(8))
            {
                edges++;
                Assert.AreEqual(0xC0, r.Get(0x0C) & 0xC0);
                Assert.IsFalse(r.Pic.Level(8));
            }
        }
        Assert.AreEqual(4, edges, "2 Hz for 2 s");
        r.Set(0x0B, 0x02);
        r.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.IsFalse(r.Pic.Level(8));
        Assert.AreEqual(0x40, r.Get(0x0C) & 0x40, "PF still latches without PIE");
    }

    [TestMethod]
    public void UipIsSetJustBeforeEachUpdate()
    {
        using var r = new Rig();
        Assert.AreEqual(0, r.Get(0x0A) & 0x80);
        r.Clock.Advance(TimeSpan.FromMilliseconds(999.9));
        Assert.AreEqual(0x80, r.Get(0x0A) & 0x80);
        r.Clock.Advance(TimeSpan.FromMilliseconds(0.2));
        Assert.AreEqual(0, r.Get(0x0A) & 0x80);
    }

    [TestMethod]
    public void CmosRamKeeps114BytesAndTheIndexPortMasksNmi()
    {
        using var r = new Rig();
        for (int i = 0x0E; i < 0x80; i++)
            if (i != 0x32) r.Set(i, i ^ 0x5a);
        for (int i = 0x0E; i < 0x80; i++)
            if (i != 0x32) Assert.AreEqual(i ^ 0x5a, r.Get(i));
        Assert.IsFalse(r.Rtc.NmiMasked);
        r.Bus.WritePort(0x70, AccessWidth.Byte, 0x8F);
        Assert.IsTrue(r.Rtc.NmiMasked);
        Assert.AreEqual(0x0F ^ 0x5a, (byte)r.Bus.ReadPort(0x71, AccessWidth.Byte), "bit 7 is not part of the index");
    }
}

[TestClass]
public sealed class DebugExitTests
{
    [TestMethod]
    public void AWritePowersOffWithQemuExitCode()
    {
        var machine = new FakeMachine();
        var bus = new SystemBus();
        bus.AddPorts("debug-exit", 0x501, 1, new DebugExit(machine));
        Assert.AreEqual(0xFFUL, bus.ReadPort(0x501, AccessWidth.Byte));
        bus.WritePort(0x501, AccessWidth.Byte, 0);
        bus.WritePort(0x501, AccessWidth.Byte, 0x10);
        CollectionAssert.AreEqual(new[] { 1, 0x21 }, machine.PowerOffs);
    }
}
