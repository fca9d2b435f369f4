using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Character;
using CrossEmu.Devices.Peripherals;
using CrossEmu.Devices.Time;

namespace CrossEmu.Devices.Tests;

[TestClass]
public sealed class Ns16550Tests
{
    const ushort Com1 = 0x3f8;
    const int Thr = 0, Rbr = 0, Ier = 1, Iir = 2, Fcr = 2, Lcr = 3, Mcr = 4, Lsr = 5, Msr = 6, Scr = 7;

    sealed class Rig
    {
        public readonly SystemBus Bus = new();
        public readonly BufferCharBackend Serial = new();
        public readonly FakeInterruptController Pic = new();
        public readonly Ns16550 Uart;

        public Rig(VirtualClock? clock = null)
        {
            Uart = new Ns16550(Pic.Line(4), Serial, clock: clock);
            Bus.AddPorts("com1", Com1, 8, Uart);
        }

        public byte In(int reg) => (byte)Bus.ReadPort((ushort)(Com1 + reg), AccessWidth.Byte);

        public void Out(int reg, int value) => Bus.WritePort((ushort)(Com1 + reg), AccessWidth.Byte, (ulong)value);

        public bool Irq => Pic.Level(4);
    }

    [TestMethod]
    public void ThrBytesGoToTheBackendAndLsrReportsEmpty()
    {
        var r = new Rig();
        foreach (char c in "hi\n") r.Out(Thr, c);
        Assert.AreEqual("hi\n", r.Serial.OutputText);
        Assert.AreEqual(0x60, r.In(Lsr), "THRE and TEMT, no data");
    }

    [TestMethod]
    public void ReceivedBytesFillTheFifoAndLsrDr()
    {
        var r = new Rig();
        r.Out(Fcr, 0x01);
        r.Serial.Inject("abc");
        Assert.AreEqual(0x61, r.In(Lsr));
        Assert.AreEqual((byte)'a', r.In(Rbr));
        Assert.AreEqual((byte)'b', r.In(Rbr));
        Assert.AreEqual((byte)'c', r.In(Rbr));
        Assert.AreEqual(0x60, r.In(Lsr));
    }

    [TestMethod]
    public void AFullFifoPushesBackAndTakesTheRestWhenRead()
    {
        var r = new Rig();
        r.Out(Fcr, 0x01);
        r.Serial.Inject(Enumerable.Range(0, 20).Select(i => (byte)i).ToArray());
        Assert.AreEqual(4, r.Serial.PendingCount, "16 in the FIFO, 4 wait");
        for (int i = 0; i < 20; i++) Assert.AreEqual(i, r.In(Rbr));
        Assert.AreEqual(0, r.Serial.PendingCount);
        // Without FIFOs only one byte is held.
        r.Out(Fcr, 0x00);
        r.Serial.Inject("xy");
        Assert.AreEqual(1, r.Serial.PendingCount);
        Assert.AreEqual((byte)'x', r.In(Rbr));
        Assert.AreEqual((byte)'y', r.In(Rbr));
    }

    [TestMethod]
    public void RxInterruptFollowsTheTriggerLevelAndTimeout()
    {
        using var clock = new VirtualClock(ClockMode.Deterministic);
        var r = new Rig(clock);
        r.Out(Fcr, 0x81); // FIFO on, trigger 8
        r.Out(Ier, 0x01);
        r.Serial.Inject("1234567");
        Assert.IsFalse(r.Irq, "7 bytes are below the trigger level of 8");
        Assert.AreEqual(0xC1, r.In(Iir));
        r.Serial.Inject("8");
        Assert.IsTrue(r.Irq);
        Assert.AreEqual(0xC4, r.In(Iir), "received data available");
        for (int i = 0; i < 5; i++) r.In(Rbr);
        Assert.IsFalse(r.Irq, "3 left, the timeout has not elapsed");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.IsTrue(r.Irq);
        Assert.AreEqual(0xCC, r.In(Iir), "character timeout");
        r.In(Rbr); r.In(Rbr); r.In(Rbr);
        Assert.IsFalse(r.Irq);
        Assert.AreEqual(0xC1, r.In(Iir));
    }

    [TestMethod]
    public void TriggerLevelsAreOneFourEightFourteen()
    {
        foreach (var (fcr, level) in new[] { (0x01, 1), (0x41, 4), (0x81, 8), (0xC1, 14) })
        {
            using var clock = new VirtualClock(ClockMode.Deterministic);
            var r = new Rig(clock);
            r.Out(Fcr, fcr);
            r.Out(Ier, 0x01);
            r.Serial.Inject(new byte[level - 1]);
            Assert.IsFalse(r.Irq && r.In(Iir) == 0xC4, $"below level {level}");
            r.Serial.Inject(new byte[1]);
            Assert.AreEqual(0xC4, r.In(Iir), $"at level {level}");
        }
    }

    [TestMethod]
    public void ThreInterruptIsRaisedWhenEnabledAndClearedByIirReadOrThrWrite()
    {
        var r = new Rig();
        Assert.IsFalse(r.Irq);
        r.Out(Ier, 0x02);
        Assert.IsTrue(r.Irq, "THR is empty when THRE interrupts are enabled");
        Assert.AreEqual(0x02, r.In(Iir) & 0x0f);
        Assert.IsFalse(r.Irq, "reading IIR cleared it");
        Assert.AreEqual(0x01, r.In(Iir) & 0x0f);
        r.Out(Thr, 'x');
        Assert.IsTrue(r.Irq, "the byte left at once: THR empty again");
        r.Out(Ier, 0x00);
        Assert.IsFalse(r.Irq);
    }

    [TestMethod]
    public void IirReportsTheHighestPriority()
    {
        var r = new Rig();
        r.Out(Fcr, 0x01);
        r.Out(Mcr, 0x10); // loopback, to make an overrun and modem changes
        r.Out(Ier, 0x0f);
        for (int i = 0; i < 17; i++) r.Out(Thr, i); // 16 fit, the 17th overruns
        Assert.AreEqual(0x06, r.In(Iir) & 0x0f, "line status first");
        Assert.AreEqual(0x63, r.In(Lsr) & 0x63, "DR and OE; reading LSR clears OE");
        Assert.AreEqual(0x04, r.In(Iir) & 0x0f, "then received data");
        for (int i = 0; i < 16; i++) r.In(Rbr);
        Assert.AreEqual(0x02, r.In(Iir) & 0x0f, "then THRE (this read clears it)");
        r.Out(Mcr, 0x13); // DTR and RTS change: modem status deltas
        Assert.AreEqual(0x00, r.In(Iir) & 0x0f, "modem status last");
        Assert.AreEqual(0x33, r.In(Msr) & 0x33, "CTS, DSR and their deltas");
        Assert.AreEqual(0x01, r.In(Iir) & 0x0f);
        Assert.IsFalse(r.Irq);
    }

    [TestMethod]
    public void LoopbackMirrorsMcrInMsrAndEchoesThr()
    {
        var r = new Rig();
        Assert.AreEqual(0xB0, r.In(Msr) & 0xF0, "no modem: CTS, DSR, DCD");
        r.Out(Mcr, 0x10 | 0x0A); // Linux's probe: LOOP | RTS | OUT2
        Assert.AreEqual(0x90, r.In(Msr) & 0xF0, "CTS from RTS, DCD from OUT2");
        r.Out(Mcr, 0x10 | 0x05);
        Assert.AreEqual(0x60, r.In(Msr) & 0xF0, "DSR from DTR, RI from OUT1");
        r.Out(Thr, 'z');
        Assert.AreEqual(string.Empty, r.Serial.OutputText, "loopback keeps the byte inside");
        Assert.AreEqual((byte)'z', r.In(Rbr));
    }

    [TestMethod]
    public void Linux8250AutoconfigProbesSeeA16550A()
    {
        var r = new Rig();
        // Scratch register.
        r.Out(Scr, 0xa5);
        Assert.AreEqual(0xa5, r.In(Scr));
        r.Out(Scr, 0x5a);
        Assert.AreEqual(0x5a, r.In(Scr));
        // IER keeps only its four bits.
        r.Out(Ier, 0);
        Assert.AreEqual(0, r.In(Ier) & 0x0f);
        r.Out(Ier, 0xff);
        Assert.AreEqual(0x0f, r.In(Ier));
        r.Out(Ier, 0);
        // Divisor latch behind DLAB.
        r.Out(Lcr, 0x80);
        r.Out(0, 0x01);
        r.Out(1, 0x00);
        Assert.AreEqual(0x01, r.In(0));
        r.Out(Lcr, 0x03);
        Assert.AreEqual(1, r.Uart.Divisor);
        // IIR bits 7:6 after enabling the FIFOs say 16550A.
        r.Out(Fcr, 0x00);
        Assert.AreEqual(0, r.In(Iir) >> 6);
        r.Out(Fcr, 0x01);
        Assert.AreEqual(3, r.In(Iir) >> 6);
        // 16650 probe: with LCR 0xBF, offset 2 is still IIR (not an EFR reading 0).
        r.Out(Lcr, 0xBF);
        Assert.AreNotEqual(0, r.In(2));
        r.Out(Lcr, 0x03);
    }

    [TestMethod]
    public void ResetClearsTheFifosAndInterrupts()
    {
        var r = new Rig();
        r.Out(Fcr, 0x01);
        r.Out(Ier, 0x03);
        r.Serial.Inject("q");
        Assert.IsTrue(r.Irq);
        r.Uart.Reset();
        Assert.IsFalse(r.Irq);
        Assert.AreEqual(0x60, r.In(Lsr));
        Assert.AreEqual(0x01, r.In(Iir));
    }

    [TestMethod]
    public void InputFromAnotherThreadArrivesInOrderThroughPushBack()
    {
        var r = new Rig();
        r.Out(Fcr, 0x01);
        var input = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        var feeder = Task.Run(() =>
        {
            for (int i = 0; i < input.Length; i += 100) r.Serial.Inject(input.AsSpan(i, 100));
        });
        var received = new List<byte>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Count < input.Length && DateTime.UtcNow < deadline)
        {
            if ((r.In(Lsr) & 1) != 0) received.Add(r.In(Rbr));
        }
        feeder.Wait();
        CollectionAssert.AreEqual(input, received.ToArray());
    }
}
