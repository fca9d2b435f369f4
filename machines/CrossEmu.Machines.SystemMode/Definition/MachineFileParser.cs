using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>
/// Reads a machine file (YAML) into a <see cref="MachineDefinition"/>. Only the file's shape is
/// checked here (keys, value kinds, addresses and sizes); whether device types and properties
/// exist, and whether regions or IRQs clash, is <see cref="MachineValidator"/>'s job.
/// </summary>
/// <example>
/// name: x86-pc
/// description: ...
/// architecture: x86_64
/// cpus: { default: 1, max: 64 }
/// memory:
///   default: 512M
///   ram:
///     - { name: ram-low, base: 0, max-size: 3G }
/// devices:
///   - { name: com1, type: Ns16550, port: 0x3f8, size: 8, irq: 4, console: true }
///   - { name: virtio-mmio, type: VirtioMmio, address: 0xfeb00000, size: 0x200, irq: 16, repeat: 8 }
/// </example>
public static class MachineFileParser
{
    public static MachineDefinition ParseFile(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MachineFileException(new SourceLocation(path, 0), $"cannot read the machine file: {e.Message}");
        }
        return Parse(text, path);
    }

    public static MachineDefinition Parse(string text, string file)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e)
        {
            throw new MachineFileException(new SourceLocation(file, (int)e.Start.Line), $"not valid YAML: {InnermostMessage(e)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, when the text ends inside a flow collection.
            var lastLine = text.TrimEnd().Split('\n').Length;
            throw new MachineFileException(new SourceLocation(file, lastLine), "not valid YAML: the file ends inside an unclosed '{', '[' or quote");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new MachineFileException(new SourceLocation(file, 1), "a machine file is a mapping with name, cpus, memory and devices");

        var top = new YamlReader(file, root, "the machine");
        var name = top.String("name");
        var description = top.OptionalString("description") ?? "";
        var architecture = top.String("architecture");
        var cpus = ParseCpus(top.Mapping("cpus"));
        var memory = ParseMemory(top.Mapping("memory"));
        var devices = top.Sequence("devices").SelectMany(ParseDevice).ToList();
        top.RejectUnknownKeys("name", "description", "architecture", "cpus", "memory", "devices");
        return new MachineDefinition(name, description, architecture, cpus, memory, devices, top.Location);
    }

    static CpuDefinition ParseCpus(YamlReader r)
    {
        var def = (int)Math.Min(r.OptionalNumber("default") ?? 1, int.MaxValue);
        var max = (int)Math.Min(r.OptionalNumber("max") ?? (ulong)def, int.MaxValue);
        r.RejectUnknownKeys("default", "max");
        if (def < 1 || def > max) throw new MachineFileException(r.Location, $"cpus: default ({def}) must be between 1 and max ({max})");
        return new CpuDefinition(def, max, r.Location);
    }

    static MemoryDefinition ParseMemory(YamlReader r)
    {
        var size = r.Number("default");
        var windows = r.Sequence("ram").Select(w =>
        {
            var window = new RamWindow(w.String("name"), w.Number("base"), w.OptionalNumber("max-size") ?? ulong.MaxValue, w.Location);
            w.RejectUnknownKeys("name", "base", "max-size");
            if ((window.Base & 0xfff) != 0) throw new MachineFileException(w.Location, $"RAM window '{window.Name}' must start on a 4 KiB boundary");
            return window;
        }).ToList();
        r.RejectUnknownKeys("default", "ram");
        if (windows.Count == 0) throw new MachineFileException(r.Location, "memory: 'ram' lists no window");
        var m = new MemoryDefinition(size, windows, r.Location);
        if (size == 0 || (size & 0xfff) != 0) throw new MachineFileException(r.Location, "memory: default size must be a non-zero multiple of 4 KiB");
        if (size > m.Capacity) throw new MachineFileException(r.Location, $"memory: default size 0x{size:x} does not fit in the RAM windows");
        return m;
    }

    /// <summary>One entry, or several with <c>repeat: N</c> (name0.., address and irq stepping by size and 1).</summary>
    static IEnumerable<DeviceDefinition> ParseDevice(YamlReader r)
    {
        var name = r.String("name");
        var type = r.String("type");
        var address = r.OptionalNumber("address");
        var port = r.OptionalNumber("port");
        if (address is null == port is null)
            throw new MachineFileException(r.Location, $"device '{name}' needs exactly one of 'address' (memory-mapped) or 'port' (port I/O)");
        var space = port is null ? AddressSpace.Memory : AddressSpace.Port;
        var start = address ?? port!.Value;
        var size = r.Number("size");
        if (size == 0) throw new MachineFileException(r.Location, $"device '{name}' has size 0");
        if (space == AddressSpace.Port && start + size > 0x10000)
            throw new MachineFileException(r.Location, $"device '{name}': ports 0x{start:x}+0x{size:x} go past 0xffff");
        var irqNumber = r.OptionalNumber("irq");
        if (irqNumber > 1023) throw new MachineFileException(r.Location, $"device '{name}': irq {irqNumber} is out of range");
        var console = r.OptionalBool("console", false);
        var repeat = r.OptionalNumber("repeat") ?? 1;
        if (repeat is 0 or > 256) throw new MachineFileException(r.Location, $"device '{name}': repeat must be 1 to 256");
        var properties = new Dictionary<string, PropertyValue>(StringComparer.Ordinal);
        if (r.OptionalMapping("properties") is { } props)
            foreach (var (key, value, at) in props.Pairs())
                properties[key] = new PropertyValue(value, at);
        r.RejectUnknownKeys("name", "type", "address", "port", "size", "irq", "console", "repeat", "properties");

        for (ulong i = 0; i < repeat; i++)
            yield return new DeviceDefinition(
                repeat == 1 ? name : $"{name}{i}", type, space, start + i * size, size,
                irqNumber is { } irq ? (int)(irq + i) : null, console && i == 0, properties, r.Location);
    }

    static string InnermostMessage(Exception e)
    {
        while (e.InnerException != null) e = e.InnerException;
        return e.Message;
    }
}
