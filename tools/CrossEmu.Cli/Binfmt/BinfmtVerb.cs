using CrossEmu.Guests;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;

namespace CrossEmu.Cli.Binfmt;

/// <summary>
/// `crossemu binfmt install|status|uninstall`: registers CrossEmu with the kernel's binfmt_misc for
/// the guest ELF files of each ISA that runs Linux programs, so that `./prog` runs a foreign program.
/// </summary>
static class BinfmtVerb
{
    public static int Execute(string[] args)
    {
        var o = BinfmtArguments.Parse(args);
        if (o.HelpRequested)
        {
            Console.Error.WriteLine(BinfmtArguments.Usage);
            return 0;
        }
        var guests = Guests(o.Arches);
        var misc = new BinfmtMisc();
        misc.RequireMounted();
        return o.Action switch
        {
            "install" => Install(misc, guests, o),
            "status" => Status(misc, guests, o.NamePrefix),
            _ => Uninstall(misc, guests, o.NamePrefix),
        };
    }

    /// <summary>The ISAs asked for by name or alias, or every one with a Linux ABI.</summary>
    static List<ILinuxGuest> Guests(IReadOnlyList<string> names)
    {
        var linux = GuestIsas.Registry.With<ILinuxGuest>().ToList();
        if (names.Count == 0) return linux;
        return names.Select(n => GuestIsas.Registry.Find(n) as ILinuxGuest
                ?? throw new UserError($"binfmt: unknown architecture '{n}' (known: {string.Join(", ", linux.Select(i => i.Name))})"))
            .Distinct().ToList();
    }

    static string EntryName(string prefix, ILinuxGuest isa) => $"{prefix}-{isa.Name}";

    static string Programs(ILinuxGuest isa) =>
        $"{isa.Name} programs (ELF32 {(isa.Elf.BigEndian ? "big" : "little")}-endian {ElfConstants.MachineName(isa.Elf.Machine)})";

    static int Install(BinfmtMisc misc, List<ILinuxGuest> guests, BinfmtOptions o)
    {
        string? sysroot = null;
        if (o.Sysroot != null)
        {
            sysroot = Path.GetFullPath(o.Sysroot);
            if (!Directory.Exists(sysroot)) throw new UserError($"binfmt: -L {o.Sysroot}: no such directory");
        }
        var directory = Path.GetFullPath(o.InterpreterDirectory ?? Path.Combine(AppContext.BaseDirectory, "binfmt"));
        var script = BinfmtLauncher.Script(SelfCommand.Prefix(), sysroot);
        foreach (var isa in guests)
        {
            var name = EntryName(o.NamePrefix, isa);
            var launcher = Path.Combine(directory, name);
            var entry = new BinfmtEntry(name, BinfmtMagic.ForElf(isa.Elf), launcher, BinfmtEntry.FlagsFor(o.Credentials));
            entry.RegisterLine();   // checked before anything is written or an older registration removed
            BinfmtLauncher.Write(launcher, script);
            bool replaced = misc.Find(name) != null;
            if (replaced) misc.Remove(name);
            misc.Register(entry);
            Console.WriteLine($"{name}: {(replaced ? "re-registered" : "registered")} for {Programs(isa)}, run by {launcher} (flags {entry.Flags})");
            foreach (var other in Competitors(misc, entry.Magic, name).Where(e => e.Enabled))
                Console.WriteLine($"  note: {other.Name} also claims them; the kernel tries the entry registered last first: {name}");
        }
        if (!misc.Enabled) Console.WriteLine($"note: binfmt_misc is disabled (as root: echo 1 > {misc.Directory}/status)");
        return 0;
    }

    static int Status(BinfmtMisc misc, List<ILinuxGuest> guests, string prefix)
    {
        Console.WriteLine($"binfmt_misc at {misc.Directory}: {(misc.Enabled ? "enabled" : "disabled")}");
        var ours = guests.Select(isa => (isa, name: EntryName(prefix, isa), entry: misc.Find(EntryName(prefix, isa)))).ToList();
        var others = misc.Entries().Where(e => ours.All(o => o.name != e.Name))
            .Select(e => (entry: e, claims: guests.Where(g => e.Magic?.Overlaps(BinfmtMagic.ForElf(g.Elf)) == true).Select(g => g.Name).ToList()))
            .Where(x => x.claims.Count > 0).ToList();
        int width = ours.Select(o => o.name.Length).Concat(others.Select(o => o.entry.Name.Length)).Max() + 2;
        foreach (var (isa, name, entry) in ours)
            Console.WriteLine(entry == null ? name.PadRight(width) + "not registered"
                : Line(entry, width) + (IsThisBuilds(entry, isa) ? "" : $"  (not the {isa.Name} magic of this build: install again)"));
        if (others.Count == 0) return 0;
        Console.WriteLine("other entries that claim these programs (the kernel tries the entry registered last first):");
        foreach (var (entry, claims) in others) Console.WriteLine($"{Line(entry, width)}  ({string.Join(", ", claims)})");
        return 0;
    }

    static bool IsThisBuilds(RegisteredEntry e, ILinuxGuest isa) =>
        e.Magic is { } m && BinfmtMagic.ForElf(isa.Elf) is var ours
        && m.Offset == ours.Offset && m.Magic.SequenceEqual(ours.Magic) && m.Mask.SequenceEqual(ours.Mask);

    static string Line(RegisteredEntry e, int width) =>
        $"{e.Name.PadRight(width)}{(e.Enabled ? "enabled" : "disabled"),-9} flags {e.Flags,-5} interpreter {e.Interpreter}";

    /// <summary>The other entries some of whose files these magic bytes also recognise.</summary>
    static IEnumerable<RegisteredEntry> Competitors(BinfmtMisc misc, BinfmtMagic magic, string name) =>
        misc.Entries().Where(e => e.Name != name && e.Magic?.Overlaps(magic) == true);

    static int Uninstall(BinfmtMisc misc, List<ILinuxGuest> guests, string prefix)
    {
        foreach (var isa in guests)
        {
            var name = EntryName(prefix, isa);
            if (misc.Find(name) is not { } e)
            {
                Console.WriteLine($"{name}: not registered");
                continue;
            }
            misc.Remove(name);
            BinfmtLauncher.DeleteIfOurs(e.Interpreter);
            Console.WriteLine($"{name}: removed");
        }
        return 0;
    }
}
