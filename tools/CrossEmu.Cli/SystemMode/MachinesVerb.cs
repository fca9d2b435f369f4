using CrossEmu.Machines.SystemMode.Definition;

namespace CrossEmu.Cli.SystemMode;

/// <summary>`crossemu machines`: the machine files; `crossemu machines NAME`: one machine's address map.</summary>
static class MachinesVerb
{
    public static int Execute(string[] args)
    {
        var catalog = MachineCatalog.Default;
        if (args.Length == 0)
        {
            foreach (var name in catalog.Names)
            {
                var m = Load(catalog, name);
                Console.WriteLine($"{m.Name,-16} {m.Architecture,-8} {m.Description}");
            }
            return 0;
        }
        if (args.Length > 1) throw new UserError("machines: give one machine name (or none to list them)");
        Print(Load(catalog, args[0]));
        return 0;
    }

    static MachineDefinition Load(MachineCatalog catalog, string name)
    {
        try { return catalog.Load(name, DeviceCatalog.Default); }
        catch (MachineNotFoundException e) { throw new UserError(e.Message); }
        catch (MachineFileException e) { throw new UserError($"broken machine file {e.Message}"); }
    }

    static void Print(MachineDefinition m)
    {
        Console.WriteLine($"{m.Name}: {m.Description}");
        Console.WriteLine($"  architecture {m.Architecture}; cpus {m.Cpus.Default} by default, at most {m.Cpus.Max}; " +
                          $"RAM {AddressMap.FormatSize(m.Memory.DefaultSize)} by default, at most {AddressMap.FormatSize(m.Memory.Capacity)}");
        Console.WriteLine($"  defined in {m.Location.File}");
        foreach (var space in new[] { AddressSpace.Memory, AddressSpace.Port })
        {
            Console.WriteLine(space == AddressSpace.Memory ? "memory map (with the default RAM size):" : "port I/O map:");
            int digits = space == AddressSpace.Memory ? 8 : 4;
            foreach (var r in AddressMap.Of(m, m.Memory.DefaultSize).Where(r => r.Space == space))
            {
                var range = $"0x{r.Start.ToString("x" + digits)}-0x{r.End.ToString("x" + digits)}";
                var irqNote = r.Irq is { } irq ? $" irq {irq}" : "";
                var consoleNote = m.Devices.FirstOrDefault(d => d.Name == r.Name)?.Console == true ? " (console)" : "";
                Console.WriteLine($"  {range,-26} {r.Kind,-5} {r.Name,-14} {r.Type,-12}{irqNote}{consoleNote}");
            }
        }
    }
}
