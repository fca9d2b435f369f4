using System.Globalization;
using CrossEmu.Machines.SystemMode;
using CrossEmu.Machines.SystemMode.Definition;

namespace CrossEmu.Cli.SystemMode;

/// <summary>
/// `crossemu system` arguments with QEMU's spelling (single-dash long options such as -kernel and
/// -append, -m 512M, -smp 2, -drive file=disk.img,if=virtio,readonly=on). Each option is declared
/// once in <see cref="Table"/>, which also gives the usage text.
/// </summary>
static class SystemArguments
{
    sealed record Option(string Name, string? Value, string Help, Func<SystemOptions, string, SystemOptions> Apply);

    static readonly Option[] Table =
    [
        new("-M", "machine", "machine name (see `crossemu machines`) or path to a machine file; default x86-pc", (o, v) => o with { Machine = v }),
        new("-accel", "kvm", "accelerator; x86 guests run on KVM (the only one so far)", (o, v) => o with { Accelerator = v }),
        new("-enable-kvm", null, "same as -accel kvm", (o, _) => o with { Accelerator = "kvm" }),
        new("-kernel", "file", "Linux bzImage or multiboot image", (o, v) => o with { Kernel = v }),
        new("-initrd", "file", "initial ramdisk for Linux", (o, v) => o with { Initrd = v }),
        new("-append", "cmdline", "kernel command line", (o, v) => o with { Append = v }),
        new("-bios", "file", "raw firmware image; the CPU starts at its reset vector", (o, v) => o with { Bios = v }),
        new("-m", "size", "RAM size: 512M, 2G, or a number of MiB", (o, v) => o with { MemorySize = ParseMemory(v) }),
        new("-smp", "n", "number of vCPUs (also cpus=n)", (o, v) => o with { Cpus = ParseCpus(v) }),
        new("-drive", "file=F,if=virtio[,readonly=on][,format=raw]", "a disk image on a virtio-mmio block device",
            (o, v) => o with { Drives = [.. o.Drives, ParseDrive(v)] }),
        new("-nographic", null, "no display: the serial console is on stdio (always the case)", (o, _) => o),
        new("-no-reboot", null, "end when the guest reboots (always the case)", (o, _) => o),
        new("-d", "items", "log: unimp (unimplemented device registers and bits), guest_errors (what a real device would reject)",
            (o, v) => o with { Log = v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() }),
        new("-D", "file", "write the log to this file instead of stderr", (o, v) => o with { LogFile = v }),
    ];

    public static string Usage => string.Join("\n", Table.Select(o => $"  {(o.Name + (o.Value is null ? "" : " " + o.Value)),-50} {o.Help}"));

    public static SystemOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SystemOptions();
        for (int i = 0; i < args.Count; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][1..] : args[i];
            var option = Table.FirstOrDefault(o => o.Name == name)
                ?? throw new UserError($"system: unknown option '{args[i]}' (see crossemu system --help)");
            string value = "";
            if (option.Value != null)
            {
                if (++i >= args.Count) throw new UserError($"system: {option.Name} needs a value ({option.Value})");
                value = args[i];
            }
            options = option.Apply(options, value);
        }
        return options;
    }

    /// <summary>QEMU's -m: a plain number is MiB; otherwise a size such as 512M or 2G; also size=....</summary>
    static ulong ParseMemory(string text)
    {
        var t = text.StartsWith("size=", StringComparison.Ordinal) ? text[5..] : text;
        bool plainNumber = t.Length > 0 && t.All(char.IsAsciiDigit);
        if (!SizeText.TryParse(plainNumber ? t + "M" : t, out var bytes) || bytes == 0)
            throw new UserError($"system: -m {text}: expected a size such as 512M or 2G");
        if ((bytes & 0xfff) != 0) throw new UserError($"system: -m {text}: RAM must be a multiple of 4 KiB");
        return bytes;
    }

    static int ParseCpus(string text)
    {
        foreach (var part in text.Split(','))
        {
            var v = part.StartsWith("cpus=", StringComparison.Ordinal) ? part[5..] : part.Contains('=') ? null : part;
            if (v == null) continue;
            if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) return n;
            throw new UserError($"system: -smp {text}: expected a number of CPUs of at least 1");
        }
        throw new UserError($"system: -smp {text}: no CPU count given");
    }

    static DriveOption ParseDrive(string text)
    {
        string? file = null;
        bool readOnly = false;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var (key, value) = eq < 0 ? (part, "on") : (part[..eq], part[(eq + 1)..]);
            switch (key)
            {
                case "file": file = value; break;
                case "if" when value == "virtio": break;
                case "if": throw new UserError($"system: -drive {text}: only if=virtio is supported (the machine has no IDE, SCSI or floppy)");
                case "format" when value == "raw": break;
                case "format": throw new UserError($"system: -drive {text}: only format=raw images are supported");
                case "readonly": readOnly = OnOff(value, text); break;
                case "id" or "media" when key == "id" || value == "disk": break;
                default: throw new UserError($"system: -drive {text}: unknown or unsupported key '{key}'");
            }
        }
        if (string.IsNullOrEmpty(file)) throw new UserError($"system: -drive {text}: file= is missing");
        return new DriveOption(file, readOnly);
    }

    static bool OnOff(string value, string text) => value switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        _ => throw new UserError($"system: -drive {text}: readonly must be on or off"),
    };
}
