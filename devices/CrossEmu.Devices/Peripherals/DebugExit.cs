using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Machine;

namespace CrossEmu.Devices.Peripherals;

/// <summary>
/// QEMU's isa-debug-exit: a write of v powers the machine off with exit code (v &lt;&lt; 1) | 1, so a
/// test guest can report success or failure (a guest can never exit with 0 this way, as in QEMU).
/// Reads return all ones in the access width. Usually one port at 0x501, 1 byte wide (the
/// <c>iosize</c> of the region decides; any width is accepted).
/// </summary>
public sealed class DebugExit : IBusPeripheral
{
    readonly IMachineControl machine;
    readonly DeviceLog log;

    public DebugExit(IMachineControl machine, DeviceLog? log = null)
    {
        this.machine = machine;
        this.log = log ?? new DeviceLog();
    }

    public AccessWidths Widths => AccessWidths.UpTo32;

    public ulong Read(ulong offset, AccessWidth width) => width.Mask();

    public void Write(ulong offset, AccessWidth width, ulong value)
    {
        int code = (int)(((uint)value << 1) | 1);
        log.Info("debug-exit", $"guest wrote 0x{value:x}: power off with exit code {code}");
        machine.PowerOff(code);
    }
}
