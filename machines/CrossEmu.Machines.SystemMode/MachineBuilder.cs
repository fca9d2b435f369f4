using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Interrupts;
using CrossEmu.Devices.Memory;
using CrossEmu.Machines.SystemMode.Definition;

namespace CrossEmu.Machines.SystemMode;

/// <summary>
/// Supplies a device's service parameters (console, DMA memory, clock, log, machine control) by
/// type. Null means "none": the parameter's default is used when it has one, and a device whose
/// required service is missing is an error naming both.
/// </summary>
public delegate object? ServiceResolver(DeviceDefinition device, Type serviceType);

/// <summary>A machine built from its definition: RAM, the bus with every device, and the IRQ router.</summary>
public sealed class BuiltMachine(MachineDefinition definition, SystemBus bus, IReadOnlyList<GuestRam> ram,
    IReadOnlyDictionary<string, IBusPeripheral> devices, InterruptRouter interrupts) : IDisposable
{
    public MachineDefinition Definition { get; } = definition;
    public SystemBus Bus { get; } = bus;
    public IReadOnlyList<GuestRam> Ram { get; } = ram;
    /// <summary>Devices by the names of the machine file (repeated ones numbered: virtio-mmio0...).</summary>
    public IReadOnlyDictionary<string, IBusPeripheral> Devices { get; } = devices;
    public InterruptRouter Interrupts { get; } = interrupts;

    public ulong RamSize => Ram.Aggregate(0UL, (sum, r) => sum + r.Size);

    public void Dispose()
    {
        foreach (var d in Devices.Values.OfType<IDisposable>()) d.Dispose();
        foreach (var r in Ram) r.Dispose();
    }
}

/// <summary>
/// Builds a <see cref="BuiltMachine"/> from a validated definition: RAM in the file's windows,
/// then every device through its widest public constructor, with properties from the file,
/// an <see cref="IrqLine"/> wired to the router's input 'irq', and services from the resolver.
/// </summary>
public static class MachineBuilder
{
    public static BuiltMachine Build(MachineDefinition machine, ulong memorySize, SystemBus bus, ServiceResolver services, DeviceCatalog? catalog = null)
    {
        catalog ??= DeviceCatalog.Default;
        var ram = new List<GuestRam>();
        var devices = new Dictionary<string, IBusPeripheral>(StringComparer.Ordinal);
        var router = new InterruptRouter();
        try
        {
            foreach (var (window, size) in AddressMap.FillWindows(machine.Memory, memorySize))
            {
                var block = Allocate(window, size);
                ram.Add(block);
                bus.AddRam(window.Name, block);
            }
            foreach (var d in machine.Devices)
            {
                if (!catalog.TryGet(d.Type, out var type))
                    throw new MachineFileException(d.Location, $"unknown device type '{d.Type}'");
                var device = Construct(d, type, router, services);
                devices[d.Name] = device;
                if (d.Space == AddressSpace.Port) bus.AddPorts(d.Name, (ushort)d.Address, (int)d.Size, device);
                else bus.AddMmio(d.Name, d.Address, d.Size, device);
            }
        }
        catch
        {
            foreach (var d in devices.Values.OfType<IDisposable>()) d.Dispose();
            foreach (var r in ram) r.Dispose();
            throw;
        }
        return new BuiltMachine(machine, bus, ram, devices, router);
    }

    /// <summary>The window's RAM; a host that cannot map that much says so at the window's line.</summary>
    static GuestRam Allocate(RamWindow window, ulong size)
    {
        try { return new GuestRam(window.Base, size); }
        catch (OutOfMemoryException e) { throw new MachineFileException(window.Location, $"RAM window '{window.Name}': {e.Message}", e); }
    }

    static IBusPeripheral Construct(DeviceDefinition d, DeviceType type, InterruptRouter router, ServiceResolver services)
    {
        var arguments = new object?[type.Parameters.Count];
        IrqLine? line = null;
        for (int i = 0; i < arguments.Length; i++)
        {
            var p = type.Parameters[i];
            switch (p.Kind)
            {
                case ParameterKind.Irq:
                    arguments[i] = line ??= new IrqLine();
                    break;
                case ParameterKind.Property:
                    var key = d.Properties.Keys.FirstOrDefault(k => DeviceParameter.Normalise(k) == DeviceParameter.Normalise(p.Name));
                    arguments[i] = key != null ? PropertyConverter.Convert(d.Properties[key], p.Type, key)
                        : p.HasDefault ? p.Default
                        : throw new MachineFileException(d.Location, $"device '{d.Name}' ({d.Type}) needs the property '{p.FileName}'");
                    break;
                default:
                    arguments[i] = services(d, p.Type) ?? (p.HasDefault ? p.Default
                        : throw new MachineFileException(d.Location,
                            $"device '{d.Name}' ({d.Type}) needs a {p.Type.Name}, which this machine does not provide"));
                    break;
            }
        }
        IBusPeripheral device;
        try
        {
            device = (IBusPeripheral)type.Constructor!.Invoke(arguments);
        }
        catch (global::System.Reflection.TargetInvocationException e) when (e.InnerException is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new MachineFileException(d.Location, $"device '{d.Name}' ({d.Type}): {Reason(e.InnerException)}");
        }
        if (line != null && d.Irq is { } irq) line.Connect(router, irq);
        return device;
    }

    /// <summary>A device's refusal in words: without .NET's "(Parameter 'x')" and "Actual value was v." lines.</summary>
    static string Reason(Exception e)
    {
        var text = e is ArgumentException a && a.ParamName is { } name ? e.Message.Split('\n')[0].Replace($" (Parameter '{name}')", "") : e.Message;
        return e is ArgumentOutOfRangeException { ActualValue: { } value } ? $"{text} (not {value})" : text;
    }
}
