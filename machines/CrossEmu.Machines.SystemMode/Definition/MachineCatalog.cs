namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>
/// The machine files shipped in machines/platforms (copied beside the program as platforms/),
/// found by name; a -M argument that is a path to a .yaml file is read directly.
/// </summary>
public sealed class MachineCatalog(string directory)
{
    public static MachineCatalog Default { get; } = new(Path.Combine(AppContext.BaseDirectory, "platforms"));

    public string Directory { get; } = directory;

    public IReadOnlyList<string> Names =>
        global::System.IO.Directory.Exists(Directory)
            ? global::System.IO.Directory.GetFiles(Directory, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Parses and validates the machine called <paramref name="nameOrPath"/>.</summary>
    public MachineDefinition Load(string nameOrPath, DeviceCatalog devices)
    {
        var path = PathOf(nameOrPath);
        var machine = MachineFileParser.ParseFile(path);
        MachineValidator.Validate(machine, devices);
        return machine;
    }

    public string PathOf(string nameOrPath)
    {
        if (nameOrPath.EndsWith(".yaml", StringComparison.Ordinal) || nameOrPath.Contains('/'))
            return File.Exists(nameOrPath) ? nameOrPath : throw new MachineNotFoundException($"machine file {nameOrPath} does not exist");
        var path = Path.Combine(Directory, nameOrPath + ".yaml");
        if (File.Exists(path)) return path;
        var known = Names;
        var knownList = known.Count == 0 ? "none: " + Directory + " is missing" : string.Join(", ", known);
        throw new MachineNotFoundException($"unknown machine '{nameOrPath}' (known: {knownList}; or give a path to a .yaml file)");
    }
}

public sealed class MachineNotFoundException(string message) : Exception(message);
