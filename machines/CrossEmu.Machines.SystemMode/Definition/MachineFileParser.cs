using YamlDotNet.Core;
using YamlDotNet.Core.Events;
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
        try
        {
            CheckEvents(text, file);
            stream.Load(new StringReader(text));
        }
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
        if (stream.Documents.Count > 1)
            throw new MachineFileException(new SourceLocation(file, (int)stream.Documents[1].RootNode.Start.Line),
                "a second YAML document: a machine file is one");

        var top = new YamlReader(file, root, "the machine");
        var name = top.Name("name");
        var description = top.OptionalString("description") ?? "";
        if (description.Any(char.IsControl)) throw new MachineFileException(top.At(top.Find("description")!), "'description' must be one line of text");
        var architecture = top.Name("architecture");
        var cpus = ParseCpus(top.Mapping("cpus"));
        var memory = ParseMemory(top.Mapping("memory"));
        var devices = top.Sequence("devices").SelectMany(ParseDevice).ToList();
        top.RejectUnknownKeys("name", "description", "architecture", "cpus", "memory", "devices");
        return new MachineDefinition(name, description, architecture, cpus, memory, devices, top.Location);
    }

    /// <summary>
    /// YamlStream builds its nodes recursively, so a file nested thousands of levels deep ("[[[[...")
    /// would overflow the stack, which ends the process whatever catches what. The parser's events
    /// come without recursion: count the depth on them first (a machine file needs four levels), and
    /// find an alias without its anchor here, where its line is known (YamlStream reports line 1).
    /// </summary>
    static void CheckEvents(string text, string file)
    {
        const int MaxDepth = 32;
        var parser = new Parser(new StringReader(text));
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        int depth = 0;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            var at = new SourceLocation(file, (int)e.Start.Line);
            if (e is MappingStart or SequenceStart && ++depth > MaxDepth)
                throw new MachineFileException(at, $"lists and mappings nested more than {MaxDepth} levels deep");
            if (e is MappingEnd or SequenceEnd) depth--;
            if (e is NodeEvent { Anchor.IsEmpty: false } node) anchors.Add(node.Anchor.Value);
            if (e is AnchorAlias alias && !anchors.Contains(alias.Value.Value))
                throw new MachineFileException(at, $"not valid YAML: the alias *{alias.Value.Value} names no anchor (&{alias.Value.Value}) above it");
        }
    }

    static CpuDefinition ParseCpus(YamlReader r)
    {
        var def = r.OptionalNumber("default") ?? 1;
        var max = r.OptionalNumber("max") ?? def;
        r.RejectUnknownKeys("default", "max");
        if (max is 0 or > MachineLimits.MaxCpus) throw new MachineFileException(r.Location, $"cpus: max ({max}) must be 1 to {MachineLimits.MaxCpus}");
        if (def < 1 || def > max) throw new MachineFileException(r.Location, $"cpus: default ({def}) must be between 1 and max ({max})");
        return new CpuDefinition((int)def, (int)max, r.Location);
    }

    static MemoryDefinition ParseMemory(YamlReader r)
    {
        var size = r.Number("default");
        var windows = r.Sequence("ram").Select(ParseRamWindow).ToList();
        r.RejectUnknownKeys("default", "ram");
        if (windows.Count == 0) throw new MachineFileException(r.Location, "memory: 'ram' lists no window");
        var m = new MemoryDefinition(size, windows, r.Location);
        if (size == 0 || (size & 0xfff) != 0) throw new MachineFileException(r.Location, "memory: default size must be a non-zero multiple of 4 KiB");
        if (size > m.Capacity)
            throw new MachineFileException(r.Location, $"memory: default size 0x{size:x} does not fit in the RAM windows (0x{m.Capacity:x} at most)");
        return m;
    }

    /// <summary>A window from its base up to its max-size, or (none given) up to the end of the address space.</summary>
    static RamWindow ParseRamWindow(YamlReader w)
    {
        var window = new RamWindow(w.Name("name"), w.Number("base"), w.OptionalNumber("max-size") ?? ulong.MaxValue, w.Location);
        w.RejectUnknownKeys("name", "base", "max-size");
        var what = $"RAM window '{window.Name}'";
        if ((window.Base & 0xfff) != 0) throw new MachineFileException(w.Location, $"{what} must start on a 4 KiB boundary");
        if (window.MaxSize != ulong.MaxValue && (window.MaxSize == 0 || (window.MaxSize & 0xfff) != 0))
            throw new MachineFileException(w.Location, $"{what}: max-size must be a non-zero multiple of 4 KiB");
        if (MachineLimits.RegionProblem(AddressSpace.Memory, window.Base, window.MaxSize == ulong.MaxValue ? 1 : window.MaxSize) is { } problem)
            throw new MachineFileException(w.Location, $"{what}: {problem}");
        return window;
    }

    /// <summary>One entry, or several with <c>repeat: N</c> (name0.., address and irq stepping by size and 1).</summary>
    static IEnumerable<DeviceDefinition> ParseDevice(YamlReader r)
    {
        var name = r.Name("name");
        var type = r.Name("type");
        var address = r.OptionalNumber("address");
        var port = r.OptionalNumber("port");
        if (address is null == port is null)
            throw new MachineFileException(r.Location, $"device '{name}' needs exactly one of 'address' (memory-mapped) or 'port' (port I/O)");
        var space = port is null ? AddressSpace.Memory : AddressSpace.Port;
        var start = address ?? port!.Value;
        var size = r.Number("size");
        var irqNumber = r.OptionalNumber("irq");
        var console = r.OptionalBool("console", false);
        var repeat = r.OptionalNumber("repeat") ?? 1;
        var properties = new Dictionary<string, PropertyValue>(StringComparer.Ordinal);
        if (r.OptionalMapping("properties") is { } props)
            foreach (var (key, value, at) in props.Pairs())
                properties[key] = new PropertyValue(value, at);
        r.RejectUnknownKeys("name", "type", "address", "port", "size", "irq", "console", "repeat", "properties");

        if (size == 0) throw new MachineFileException(r.Location, $"device '{name}' has size 0");
        if (repeat is 0 or > MachineLimits.MaxRepeat)
            throw new MachineFileException(r.Location, $"device '{name}': repeat must be 1 to {MachineLimits.MaxRepeat}, not {repeat}");
        if (MachineLimits.RegionProblem(space, start, size, repeat) is { } problem)
            throw new MachineFileException(r.Location, $"device '{name}': {problem}");
        if (irqNumber > MachineLimits.MaxIrq)
            throw new MachineFileException(r.Location, $"device '{name}': irq {irqNumber} is out of range (0 to {MachineLimits.MaxIrq})");
        if (irqNumber + repeat - 1 > MachineLimits.MaxIrq)
            throw new MachineFileException(r.Location,
                $"device '{name}': irqs {irqNumber} to {irqNumber + repeat - 1} (repeat {repeat}) go past {MachineLimits.MaxIrq}");

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
