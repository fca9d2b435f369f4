using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Interrupts;
using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Machine;
using CrossEmu.Devices.Registers;

namespace CrossEmu.Devices.Peripherals;

/// <summary>
/// The i8042 PS/2 keyboard controller, as far as a headless PC needs it: the controller commands
/// Linux issues at boot (command byte, self-test, interface tests, port enable/disable, output
/// port, AUX loopback) and the reset pulse (0xFE, or any F0-FE pulse with bit 0 clear, or output
/// port bit 0 cleared), which resets the machine. No keyboard or mouse is attached: bytes sent to
/// either get no answer but a time-out (status TO set, 0xFF in the output buffer), which is how
/// Linux's atkbd/psmouse find them absent. One region of 5 ports (0x60-0x64): data at offset 0,
/// status (read) / command (write) at offset 4.
/// </summary>
public sealed class I8042 : IBusPeripheral, IResettable
{
    // Status register bits.
    const byte StatusObf = 0x01, StatusMobf = 0x20, StatusTimeout = 0x40;

    // Command byte (CCB) bits.
    const byte CcbKbdInt = 0x01, CcbAuxInt = 0x02, CcbSys = 0x04, CcbKbdDisable = 0x10, CcbAuxDisable = 0x20;

    readonly object gate = new();
    readonly IrqLine irq;
    readonly IMachineControl machine;
    readonly DeviceLog log;
    readonly RegisterCollection registers;
    readonly Queue<(byte Value, bool Aux, bool Timeout)> output = new();
    byte commandByte;
    byte outputPort;
    byte pendingCommand; // a command waiting for its data byte (0x60, 0xD1, 0xD2, 0xD3, 0xD4), or 0
    bool lastWriteWasCommand;
    byte lastRead;

    /// <param name="irq">The keyboard interrupt (ISA IRQ 1).</param>
    /// <param name="machine">Receives the reset pulse.</param>
    /// <param name="log">Unimplemented/guest-error log.</param>
    public I8042(IrqLine irq, IMachineControl machine, DeviceLog? log = null)
    {
        this.irq = irq;
        this.machine = machine;
        this.log = log ?? new DeviceLog();
        registers = new RegisterCollection(nameof(I8042), this.log, 8);
        DefineRegisters();
        Reset();
    }

    public AccessWidths Widths => AccessWidths.Byte;

    /// <summary>The controller command byte (CCB) as the guest last set it.</summary>
    public byte CommandByte
    {
        get { lock (gate) return commandByte; }
    }

    void DefineRegisters()
    {
        registers.DefineRegister(0, "DATA")
            .WithValueField(0, 8, "OBUF", FieldMode.Read, valueProvider: ReadOutput)
            .WithValueField(0, 8, "IBUF", FieldMode.Write, writeCallback: v => WriteData((byte)v));
        registers.DefineRegister(4, "STATUS/COMMAND")
            .WithFlag(0, "OBF", FieldMode.Read, valueProvider: () => output.Count > 0)
            .WithFlag(1, "IBF", FieldMode.Read, valueProvider: () => false)
            .WithFlag(2, "SYS", FieldMode.Read, valueProvider: () => (commandByte & CcbSys) != 0)
            .WithFlag(3, "A2", FieldMode.Read, valueProvider: () => lastWriteWasCommand)
            .WithFlag(4, "INH", FieldMode.Read, valueProvider: () => true)
            .WithFlag(5, "MOBF", FieldMode.Read, valueProvider: () => output.Count > 0 && output.Peek().Aux)
            .WithFlag(6, "TO", FieldMode.Read, valueProvider: () => output.Count > 0 && output.Peek().Timeout)
            .WithFlag(7, "PERR", FieldMode.Read)
            .WithValueField(0, 8, "CMD", FieldMode.Write, writeCallback: v => WriteCommand((byte)v));
    }

    public void Reset()
    {
        lock (gate)
        {
            registers.Reset();
            output.Clear();
            commandByte = CcbKbdInt | CcbAuxInt | CcbSys;
            outputPort = 0x03; // reset line high (not asserted), A20 enabled
            pendingCommand = 0;
            lastWriteWasCommand = false;
            lastRead = 0;
            UpdateIrq();
        }
    }

    public ulong Read(ulong offset, AccessWidth width)
    {
        lock (gate) return registers.Read(offset);
    }

    public void Write(ulong offset, AccessWidth width, ulong value)
    {
        bool reset;
        lock (gate)
        {
            registers.Write(offset, value & 0xff);
            reset = resetRequested;
            resetRequested = false;
        }
        // Outside the lock: the machine's reset may reset this device too.
        if (reset) machine.Reset();
    }

    bool resetRequested;

    ulong ReadOutput()
    {
        if (output.Count > 0) lastRead = output.Dequeue().Value;
        UpdateIrq();
        return lastRead;
    }

    void Queue(byte value, bool aux = false, bool timeout = false)
    {
        output.Enqueue((value, aux, timeout));
        UpdateIrq();
    }

    void UpdateIrq()
    {
        bool kbdByte = output.Count > 0 && !output.Peek().Aux;
        irq.Set(kbdByte && (commandByte & CcbKbdInt) != 0);
    }

    void WriteCommand(byte command)
    {
        lastWriteWasCommand = true;
        pendingCommand = 0;
        switch (command)
        {
            case 0x20: Queue(commandByte); break;
            case 0x60 or 0xD1 or 0xD2 or 0xD3 or 0xD4: pendingCommand = command; break;
            case 0xA7: commandByte |= CcbAuxDisable; break;
            case 0xA8: commandByte = (byte)(commandByte & ~CcbAuxDisable); break;
            case 0xA9: Queue(0x00); break; // AUX interface test: lines fine
            case 0xAA: // controller self-test
                commandByte |= CcbSys;
                Queue(0x55);
                break;
            case 0xAB: Queue(0x00); break; // keyboard interface test: lines fine
            case 0xAD: commandByte |= CcbKbdDisable; break;
            case 0xAE: commandByte = (byte)(commandByte & ~CcbKbdDisable); break;
            case 0xC0: Queue(0x00); break; // input port
            case 0xD0: Queue(outputPort); break;
            case 0xFF: break; // pulse nothing
            case >= 0xF0:
                if ((command & 1) == 0)
                {
                    log.Info(nameof(I8042), "reset pulse: resetting the machine");
                    resetRequested = true;
                }
                break;
            default:
                log.Unimplemented($"{nameof(I8042)}.CMD.0x{command:x2}", $"controller command 0x{command:x2} is not implemented (ignored)");
                break;
        }
        UpdateIrq();
    }

    void WriteData(byte value)
    {
        lastWriteWasCommand = false;
        byte command = pendingCommand;
        pendingCommand = 0;
        switch (command)
        {
            case 0x60:
                commandByte = value;
                UpdateIrq();
                break;
            case 0xD1:
                outputPort = value;
                if ((value & 1) == 0)
                {
                    log.Info(nameof(I8042), "output port reset line low: resetting the machine");
                    resetRequested = true;
                }
                break;
            case 0xD2: Queue(value); break; // as if the keyboard sent it
            case 0xD3: Queue(value, aux: true); break; // as if the mouse sent it (AUX loopback)
            case 0xD4: // to the mouse: nobody answers
                log.Info($"{nameof(I8042)}.aux", $"byte 0x{value:x2} for the mouse: none attached (time-out)");
                Queue(0xFF, aux: true, timeout: true);
                break;
            default: // to the keyboard: nobody answers
                log.Info($"{nameof(I8042)}.kbd", $"byte 0x{value:x2} for the keyboard: none attached (time-out)");
                Queue(0xFF, timeout: true);
                break;
        }
    }
}
