using System.Reflection;
using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Interrupts;

namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>
/// The device types a machine file may name: every public concrete <see cref="IBusPeripheral"/>
/// of CrossEmu.Devices, by class name. A device's public constructor is its schema: plain
/// parameters (text, numbers, booleans, enums) are the properties a file may set; an
/// <see cref="IrqLine"/> parameter is the line that 'irq:' wires; any other parameter is a service
/// (console, DMA memory, clock, log, machine control) that the builder supplies by type.
/// </summary>
public sealed class DeviceCatalog
{
    readonly Dictionary<string, DeviceType> types;

    public DeviceCatalog(IEnumerable<Type> candidates)
    {
        types = candidates
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IBusPeripheral).IsAssignableFrom(t))
            .Select(t => new DeviceType(t))
            .Where(d => d.Constructor != null)
            .ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    /// <summary>The devices of CrossEmu.Devices.</summary>
    public static DeviceCatalog Default { get; } = new(typeof(IBusPeripheral).Assembly.GetExportedTypes());

    public IEnumerable<string> Names => types.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, out DeviceType type) => types.TryGetValue(name, out type!);
}

/// <summary>One device class and the parameters of its widest public constructor.</summary>
public sealed class DeviceType
{
    public DeviceType(Type clrType)
    {
        ClrType = clrType;
        Constructor = clrType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        Parameters = Constructor?.GetParameters().Select(p => new DeviceParameter(p)).ToList() ?? [];
    }

    public Type ClrType { get; }
    public string Name => ClrType.Name;
    public ConstructorInfo? Constructor { get; }
    public IReadOnlyList<DeviceParameter> Parameters { get; }

    public bool HasIrq => Parameters.Any(p => p.Kind == ParameterKind.Irq);

    public bool Takes(Type serviceType) => Parameters.Any(p => p.Kind == ParameterKind.Service && p.Type == serviceType);

    /// <summary>The property parameter a file key names ("read-only", "read_only" and "readOnly" are one name).</summary>
    public DeviceParameter? Property(string key) =>
        Parameters.FirstOrDefault(p => p.Kind == ParameterKind.Property && DeviceParameter.Normalise(p.Name) == DeviceParameter.Normalise(key));
}

public enum ParameterKind { Property, Irq, Service }

public sealed class DeviceParameter(ParameterInfo info)
{
    public string Name { get; } = info.Name ?? "";
    public Type Type { get; } = info.ParameterType;
    public bool HasDefault { get; } = info.HasDefaultValue;
    public object? Default { get; } = info.HasDefaultValue ? info.DefaultValue : null;

    public ParameterKind Kind { get; } =
        info.ParameterType == typeof(IrqLine) ? ParameterKind.Irq
        : PropertyConverter.IsPropertyType(info.ParameterType) ? ParameterKind.Property
        : ParameterKind.Service;

    /// <summary>The name as the file writes it: kebab-case.</summary>
    public string FileName =>
        string.Concat(Name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static string Normalise(string name) => name.Replace("-", "").Replace("_", "").ToLowerInvariant();
}
