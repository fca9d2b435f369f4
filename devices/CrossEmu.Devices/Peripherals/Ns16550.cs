using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Character;
using CrossEmu.Devices.Interrupts;
using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Machine;
using CrossEmu.Devices.Registers;
using CrossEmu.Devices.Time;

namespace CrossEmu.Devices.Peripherals;

/// <summary>
/// The NS16550A UART (PC COM ports, and MMIO UARTs with <c>regShift</c>): 16-byte receive FIFO
/// with trigger levels, the IIR priority scheme, loopback, modem status, and the probes Linux's
/// 8250 autoconfig makes (scratch register, loopback MSR mirror of MCR, IIR bits 7:6 after FCR).
/// Transmission is instantaneous: THR bytes go straight to the backend (or, in loopback, to the
/// receive FIFO), so THR is empty again as soon as it is written and THRE stays set.
/// Receive: the backend pushes bytes into the FIFO; when it is full the rest wait (push-back) and
/// the backend is told when there is room. With a <see cref="VirtualClock"/>, bytes below the
/// trigger level raise the character-timeout interrupt after four character times; without one
/// it is raised at once.
/// </summary>
public sealed class Ns16550 : IBusPeripheral, IResettable
{
    const int FifoSize = 16;
    const int IidNone = 0x1, IidLineStatus = 0x6, IidRxData = 0x4, IidTimeout = 0xC, IidThre = 0x2, IidModem = 0x0;

    readonly object gate = new();
    readonly IrqLine irq;
    readonly ICharBackend? backend;
    readonly DeviceLog log;
    readonly ClockTimer? timeoutTimer;
    readonly VirtualClock? clock;
    readonly RegisterCollection registers, dlabRegisters;
    readonly Queue<byte> rx = new();
    readonly int regShift;

    FlagField erbfi = null!, etbei = null!, elsi = null!, edssi = null!;
    FlagField dlab = null!, loop = null!, dtr = null!, rts = null!, out1 = null!, out2 = null!;
    FlagField oe = null!, dcts = null!, ddsr = null!, teri = null!, ddcd = null!;
    RegisterField wls = null!, dll = null!, dlm = null!;
    bool fifoEnabled;
    int triggerLevel = 1;
    bool thrIPending;
    bool timeoutPending;
    bool receiverRefused;
    byte modemLines; // CTS=bit4, DSR=bit5, RI=bit6, DCD=bit7, as in MSR

    /// <param name="irq">The interrupt output (COM1: ISA IRQ 4).</param>
    /// <param name="backend">Where transmitted bytes go and received bytes come from (none: output is dropped).</param>
    /// <param name="log">Unimplemented/guest-error log.</param>
    /// <param name="clock">For the receive character timeout (optional).</param>
    /// <param name="clockFrequency">Input clock in Hz (1.8432 MHz on a PC: divisor 1 = 115200 baud).</param>
    /// <param name="regShift">Registers are 1 &lt;&lt; regShift bytes apart (0 on a PC, 2 on many SoCs).</param>
    public Ns16550(IrqLine irq, ICharBackend? backend = null, DeviceLog? log = null, VirtualClock? clock = null,
        long clockFrequency = 1843200, int regShift = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockFrequency);
        if (regShift is < 0 or > 3) throw new ArgumentOutOfRangeException(nameof(regShift), regShift, "regShift is 0 to 3");
        this.irq = irq;
        this.backend = backend;
        this.log = log ?? new DeviceLog();
        this.clock = clock;
        this.regShift = regShift;
        ClockFrequency = clockFrequency;
        registers = new RegisterCollection(nameof(Ns16550), this.log, 8);
        dlabRegisters = new RegisterCollection(nameof(Ns16550), this.log, 8);
        DefineRegisters();
        timeoutTimer = clock?.CreateTimer("ns16550 rx timeout", OnRxTimeout);
        Reset();
        backend?.Attach(Receive);
    }

    public long ClockFrequency { get; }

    public AccessWidths Widths => regShift == 0 ? AccessWidths.Byte : AccessWidths.UpTo32;

    void DefineRegisters()
    {
        registers.DefineRegister(0, "RBR/THR")
            .WithValueField(0, 8, "RBR", FieldMode.Read, valueProvider: ReadRbr)
            .WithValueField(0, 8, "THR", FieldMode.Write, writeCallback: v => Transmit((byte)v));
        registers.DefineRegister(1, "IER")
            .WithFlag(0, out erbfi, "ERBFI")
            .WithFlag(1, out etbei, "ETBEI", changeCallback: (_, on) => thrIPending = on)
            .WithFlag(2, out elsi, "ELSI")
            .WithFlag(3, out edssi, "EDSSI")
            .WithReservedBits(4, 4)
            .WithWriteCallback((_, _) => UpdateIrq());
        registers.DefineRegister(2, "IIR/FCR", 0x01)
            .WithValueField(0, 4, "IID", FieldMode.Read, valueProvider: ReadIid)
            .WithReservedBits(4, 2)
            .WithValueField(6, 2, "FIFOEN", FieldMode.Read, valueProvider: () => fifoEnabled ? 3UL : 0UL)
            .WithFlag(0, "FIFOE", FieldMode.Write)
            .WithFlag(1, "RFIFOR", FieldMode.Write)
            .WithFlag(2, "XFIFOR", FieldMode.Write)
            .WithFlag(3, "DMAM", FieldMode.Write)
            .WithValueField(6, 2, "RTL", FieldMode.Write)
            .WithWriteCallback((_, v) => WriteFcr(v));
        registers.DefineRegister(3, "LCR", 0x03)
            .WithValueField(0, 2, out wls, "WLS")
            .WithFlag(2, "STB")
            .WithFlag(3, "PEN")
            .WithFlag(4, "EPS")
            .WithFlag(5, "SP")
            .WithFlag(6, "BC")
            .WithFlag(7, out dlab, "DLAB");
        registers.DefineRegister(4, "MCR")
            .WithFlag(0, out dtr, "DTR")
            .WithFlag(1, out rts, "RTS")
            .WithFlag(2, out out1, "OUT1")
            .WithFlag(3, out out2, "OUT2")
            .WithFlag(4, out loop, "LOOP")
            .WithReservedBits(5, 3)
            .WithWriteCallback((_, _) => UpdateModemLines());
        registers.DefineRegister(5, "LSR", 0x60)
            .WithFlag(0, "DR", FieldMode.Read, valueProvider: () => rx.Count > 0)
            .WithFlag(1, out oe, "OE", FieldMode.Read | FieldMode.ReadToClear)
            .WithFlag(2, "PE", FieldMode.Read)
            .WithFlag(3, "FE", FieldMode.Read)
            .WithFlag(4, "BI", FieldMode.Read)
            .WithFlag(5, "THRE", FieldMode.Read, valueProvider: () => true)
            .WithFlag(6, "TEMT", FieldMode.Read, valueProvider: () => true)
            .WithFlag(7, "RXFE", FieldMode.Read)
            .WithReadCallback((_, _) => UpdateIrq());
        registers.DefineRegister(6, "MSR")
            .WithFlag(0, out dcts, "DCTS", FieldMode.Read | FieldMode.ReadToClear)
            .WithFlag(1, out ddsr, "DDSR", FieldMode.Read | FieldMode.ReadToClear)
            .WithFlag(2, out teri, "TERI", FieldMode.Read | FieldMode.ReadToClear)
            .WithFlag(3, out ddcd, "DDCD", FieldMode.Read | FieldMode.ReadToClear)
            .WithFlag(4, "CTS", FieldMode.Read, valueProvider: () => (modemLines & 0x10) != 0)
            .WithFlag(5, "DSR", FieldMode.Read, valueProvider: () => (modemLines & 0x20) != 0)
            .WithFlag(6, "RI", FieldMode.Read, valueProvider: () => (modemLines & 0x40) != 0)
            .WithFlag(7, "DCD", FieldMode.Read, valueProvider: () => (modemLines & 0x80) != 0)
            .WithReadCallback((_, _) => UpdateIrq());
        registers.DefineRegister(7, "SCR");
        dlabRegisters.DefineRegister(0, "DLL", 0x01).WithValueField(0, 8, out dll, "DLL");
        dlabRegisters.DefineRegister(1, "DLM").WithValueField(0, 8, out dlm, "DLM");
    }

    /// <summary>The divisor latch (DLM:DLL).</summary>
    public int Divisor
    {
        get { lock (gate) return (int)(dlm.Value << 8 | dll.Value); }
    }

    public void Reset()
    {
        lock (gate)
        {
            registers.Reset();
            dlabRegisters.Reset();
            rx.Clear();
            fifoEnabled = false;
            triggerLevel = 1;
            thrIPending = false;
            timeoutPending = false;
            timeoutTimer?.Cancel();
            modemLines = 0;
            UpdateModemLines();
            dcts.Value = ddsr.Value = teri.Value = ddcd.Value = false;
            UpdateIrq();
        }
        backend?.ReceiverReady();
    }

    public ulong Read(ulong offset, AccessWidth width)
    {
        ulong index = offset >> regShift;
        bool ready;
        ulong value;
        lock (gate)
        {
            if ((offset & ((1UL << regShift) - 1)) != 0 || index > 7)
            {
                log.GuestError($"{nameof(Ns16550)}@0x{offset:x}", "read between registers (returns 0)");
                return 0;
            }
            value = (dlab.Value && index < 2 ? dlabRegisters : registers).Read(index);
            ready = receiverRefused && RxRoom > 0;
            if (ready) receiverRefused = false;
        }
        if (ready) backend?.ReceiverReady();
        return value;
    }

    public void Write(ulong offset, AccessWidth width, ulong value)
    {
        ulong index = offset >> regShift;
        bool ready;
        lock (gate)
        {
            if ((offset & ((1UL << regShift) - 1)) != 0 || index > 7)
            {
                log.GuestError($"{nameof(Ns16550)}@0x{offset:x}", $"write of 0x{value:x} between registers (dropped)");
                return;
            }
            (dlab.Value && index < 2 ? dlabRegisters : registers).Write(index, value & 0xff);
            ready = receiverRefused && RxRoom > 0;
            if (ready) receiverRefused = false;
        }
        if (ready) backend?.ReceiverReady();
    }

    int RxCapacity => fifoEnabled ? FifoSize : 1;

    int RxRoom => RxCapacity - rx.Count;

    /// <summary>The backend's receiver: takes what fits in the FIFO (under the device lock).</summary>
    int Receive(ReadOnlySpan<byte> data)
    {
        lock (gate)
        {
            if (loop.Value) return data.Length; // in loopback the line input is disconnected: bytes are lost, as on the chip
            int n = Math.Min(RxRoom, data.Length);
            for (int i = 0; i < n; i++) rx.Enqueue(data[i]);
            if (n < data.Length) receiverRefused = true;
            if (n > 0) DataArrived();
            return n;
        }
    }

    void DataArrived()
    {
        timeoutPending = false;
        if (timeoutTimer != null) timeoutTimer.Start(CharacterTime * 4);
        UpdateIrq();
    }

    TimeSpan CharacterTime
    {
        get
        {
            long divisor = Math.Max(1, (long)(dlm.Value << 8 | dll.Value));
            double baud = ClockFrequency / (16.0 * divisor);
            int bits = 1 + 5 + (int)wls.Value + 1 + 1; // start, data, parity (approx.), stop
            return TimeSpan.FromSeconds(bits / baud);
        }
    }

    void OnRxTimeout()
    {
        lock (gate)
        {
            if (rx.Count > 0) timeoutPending = true;
            UpdateIrq();
        }
    }

    ulong ReadRbr()
    {
        if (rx.Count == 0) return 0;
        byte b = rx.Dequeue();
        timeoutPending = false;
        if (rx.Count > 0 && timeoutTimer != null) timeoutTimer.Start(CharacterTime * 4);
        else timeoutTimer?.Cancel();
        UpdateIrq();
        return b;
    }

    void Transmit(byte b)
    {
        thrIPending = false;
        if (loop.Value)
        {
            if (rx.Count < RxCapacity)
            {
                rx.Enqueue(b);
                DataArrived();
            }
            else oe.Value = true;
        }
        else backend?.Write([b]);
        // The byte left at once: THR is empty again.
        thrIPending = true;
        UpdateIrq();
    }

    void WriteFcr(ulong value)
    {
        bool enable = (value & 1) != 0;
        if (enable != fifoEnabled)
        {
            fifoEnabled = enable;
            rx.Clear();
        }
        if ((value & 2) != 0)
        {
            rx.Clear();
            timeoutPending = false;
            timeoutTimer?.Cancel();
        }
        triggerLevel = fifoEnabled ? ((value >> 6) & 3) switch { 0 => 1, 1 => 4, 2 => 8, _ => 14 } : 1;
        if ((value & 0x08) != 0) log.Unimplemented($"{nameof(Ns16550)}.FCR.DMAM", "DMA mode select has no effect (no RXRDY/TXRDY pins)");
        UpdateIrq();
    }

    void UpdateModemLines()
    {
        byte lines = loop.Value
            ? (byte)((rts.Value ? 0x10 : 0) | (dtr.Value ? 0x20 : 0) | (out1.Value ? 0x40 : 0) | (out2.Value ? 0x80 : 0))
            : (byte)0xB0; // no modem: CTS, DSR and DCD asserted, as QEMU reports a plain chardev
        byte changed = (byte)(lines ^ modemLines);
        if ((changed & 0x10) != 0) dcts.Value = true;
        if ((changed & 0x20) != 0) ddsr.Value = true;
        if ((changed & 0x40) != 0 && (lines & 0x40) == 0) teri.Value = true;
        if ((changed & 0x80) != 0) ddcd.Value = true;
        modemLines = lines;
        UpdateIrq();
    }

    /// <summary>The highest-priority pending interrupt's IIR code (IidNone when none).</summary>
    int PendingIid()
    {
        if (elsi.Value && oe.Value) return IidLineStatus;
        if (erbfi.Value)
        {
            if (rx.Count >= triggerLevel) return IidRxData;
            if (rx.Count > 0 && (timeoutPending || timeoutTimer == null)) return IidTimeout;
        }
        if (etbei.Value && thrIPending) return IidThre;
        if (edssi.Value && (dcts.Value || ddsr.Value || teri.Value || ddcd.Value)) return IidModem;
        return IidNone;
    }

    ulong ReadIid()
    {
        int iid = PendingIid();
        if (iid == IidThre)
        {
            // Reading IIR while it reports THRE clears that interrupt (until the next THR write).
            thrIPending = false;
            UpdateIrq();
        }
        return (ulong)iid;
    }

    void UpdateIrq() => irq.Set(PendingIid() != IidNone);
}
