using CrossEmu.Devices.Character;
using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Machine;
using CrossEmu.Devices.Memory;
using CrossEmu.Devices.Time;
using CrossEmu.Machines.SystemMode.Definition;

namespace CrossEmu.Machines.SystemMode;

/// <summary>
/// The services a machine offers its devices' constructors, by type: the console (only to the
/// device the file marks <c>console: true</c>), DMA memory, the clock, the log and machine control.
/// </summary>
public sealed class MachineServices(ICharBackend console, IDmaMemory memory, VirtualClock clock, DeviceLog log, IMachineControl control)
{
    public object? Resolve(DeviceDefinition device, Type type) =>
        type == typeof(ICharBackend) ? (device.Console ? console : null)
        : type == typeof(IDmaMemory) ? memory
        : type == typeof(VirtualClock) ? clock
        : type == typeof(DeviceLog) ? log
        : type == typeof(IMachineControl) ? control
        : null;
}
