using CrossEmu.Devices.Character;

namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>
/// The checks a machine file needs beyond its shape, each reported at the line of the entry at
/// fault: device names used twice, unknown device types, properties a device does not take or
/// cannot convert, required properties left out, an 'irq' or 'console' on a device that has
/// none, regions that overlap (each other or RAM) and interrupt inputs wired twice.
/// </summary>
public static class MachineValidator
{
    public static void Validate(MachineDefinition machine, DeviceCatalog catalog)
    {
        // RAM windows are bus regions by name too.
        var windows = new Dictionary<string, RamWindow>(StringComparer.Ordinal);
        foreach (var window in machine.Memory.Windows)
        {
            if (windows.TryGetValue(window.Name, out var first))
                throw new MachineFileException(window.Location, $"RAM window name '{window.Name}' is already used at line {first.Location.Line}");
            windows[window.Name] = window;
        }
        var names = new Dictionary<string, DeviceDefinition>(StringComparer.Ordinal);
        var irqs = new Dictionary<int, DeviceDefinition>();
        foreach (var device in machine.Devices)
        {
            if (names.TryGetValue(device.Name, out var first))
                throw new MachineFileException(device.Location, $"device name '{device.Name}' is already used at line {first.Location.Line}");
            names[device.Name] = device;
            var type = CheckType(device, catalog);
            CheckProperties(device, type);
            if (device.Irq is { } irq)
            {
                if (!type.HasIrq)
                    throw new MachineFileException(device.Location, $"device '{device.Name}' ({device.Type}) has no interrupt line, so it cannot take 'irq'");
                if (irqs.TryGetValue(irq, out var owner))
                    throw new MachineFileException(device.Location,
                        $"irq {irq} of '{device.Name}' is already wired to '{owner.Name}' (line {owner.Location.Line})");
                irqs[irq] = device;
            }
            if (device.Console && !type.Takes(typeof(ICharBackend)))
                throw new MachineFileException(device.Location, $"device '{device.Name}' ({device.Type}) has no character port, so it cannot be the console");
        }
        CheckOverlaps(machine);
    }

    static DeviceType CheckType(DeviceDefinition device, DeviceCatalog catalog) =>
        catalog.TryGet(device.Type, out var type) ? type
            : throw new MachineFileException(device.Location,
                $"unknown device type '{device.Type}' (known: {string.Join(", ", catalog.Names)})");

    static void CheckProperties(DeviceDefinition device, DeviceType type)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in device.Properties)
        {
            var parameter = type.Property(key) ?? throw new MachineFileException(value.Location,
                $"device '{device.Name}' ({device.Type}) has no property {MachineFileException.Quote(key)}" + PropertyList(type));
            // "reg-shift" and "reg_shift" are one property: given twice, one value would be dropped unseen.
            if (given.TryGetValue(parameter.Name, out var other))
                throw new MachineFileException(value.Location,
                    $"device '{device.Name}' ({device.Type}) has the property '{parameter.FileName}' twice " +
                    $"('{other}' and {MachineFileException.Quote(key)})");
            given[parameter.Name] = key;
            PropertyConverter.Convert(value, parameter.Type, key);
        }
        foreach (var p in type.Parameters.Where(p => p.Kind == ParameterKind.Property && !p.HasDefault))
            if (!device.Properties.Keys.Any(k => DeviceParameter.Normalise(k) == DeviceParameter.Normalise(p.Name)))
                throw new MachineFileException(device.Location, $"device '{device.Name}' ({device.Type}) needs the property '{p.FileName}'");
    }

    static string PropertyList(DeviceType type)
    {
        var names = type.Parameters.Where(p => p.Kind == ParameterKind.Property).Select(p => p.FileName).ToList();
        return names.Count == 0 ? " (it takes none)" : $" (it takes {string.Join(", ", names)})";
    }

    static void CheckOverlaps(MachineDefinition machine)
    {
        var regions = machine.Memory.Windows
            .Select(w => (Name: $"RAM window '{w.Name}'", Space: AddressSpace.Memory, Start: w.Base,
                          End: w.Base + w.Room - 1, w.Location))
            .Concat(machine.Devices.Select(d => (Name: $"device '{d.Name}'", d.Space, Start: d.Address, End: d.Address + d.Size - 1, d.Location)))
            .ToList();
        for (int i = 1; i < regions.Count; i++)
            for (int j = 0; j < i; j++)
            {
                var (a, b) = (regions[i], regions[j]);
                if (a.Space != b.Space || a.Start > b.End || b.Start > a.End) continue;
                var space = a.Space == AddressSpace.Port ? "ports" : "addresses";
                throw new MachineFileException(a.Location,
                    $"{a.Name} ({space} 0x{a.Start:x}-0x{a.End:x}) overlaps {b.Name} (0x{b.Start:x}-0x{b.End:x}, line {b.Location.Line})");
            }
    }
}
