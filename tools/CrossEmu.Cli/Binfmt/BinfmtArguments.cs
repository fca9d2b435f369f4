namespace CrossEmu.Cli.Binfmt;

/// <summary>`crossemu binfmt` options.</summary>
sealed class BinfmtOptions
{
    public string Action { get; set; } = "";
    public List<string> Arches { get; } = [];
    public string? Sysroot { get; set; }
    public bool Credentials { get; set; }
    public string NamePrefix { get; set; } = "crossemu";
    public string? InterpreterDirectory { get; set; }
    public bool HelpRequested { get; set; }
}

/// <summary>Parses `binfmt ACTION [options]`; each option is declared once in <see cref="Table"/>, which also gives the help.</summary>
static class BinfmtArguments
{
    public static readonly string[] Actions = ["install", "status", "uninstall"];

    sealed record Option(string Name, string? Value, bool InstallOnly, string Help, Action<BinfmtOptions, string> Apply);

    static readonly Option[] Table =
    [
        new("--arch", "arm,mips,mipsel", false, "guest architectures (default: every one that runs Linux programs)",
            (o, v) => o.Arches.AddRange(v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))),
        new("-L", "root", true, "the sysroot every registered program runs with (run's -L)", (o, v) => o.Sysroot = v),
        new("--credentials", null, true, "flag C: setuid programs get their owner's credentials (implies O)", (o, _) => o.Credentials = true),
        new("--name-prefix", "prefix", false, "entry names are PREFIX-ARCH (default: crossemu-arm...)", (o, v) => o.NamePrefix = v),
        new("--interpreter-dir", "dir", true, "where the launcher scripts go (default: binfmt/ beside the CLI)",
            (o, v) => o.InterpreterDirectory = v),
    ];

    public static string Usage =>
        "usage: crossemu binfmt install|status|uninstall [options]\n" +
        "  install    register CrossEmu with binfmt_misc, so that ./prog runs a guest program (flags P and F)\n" +
        "  status     CrossEmu's entries, and other entries that claim the same programs\n" +
        "  uninstall  remove CrossEmu's entries (and their launchers)\n" +
        string.Join("\n", Table.Select(o => $"  {o.Name + (o.Value is null ? "" : " " + o.Value),-26} " +
            (o.InstallOnly ? "install: " : "") + o.Help)) +
        "\n  -h, --help                 this text";

    public static BinfmtOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BinfmtOptions();
        string? installOption = null;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help") { options.HelpRequested = true; continue; }
            if (!arg.StartsWith('-'))
            {
                if (options.Action != "") throw new UserError($"binfmt: unexpected '{arg}' (see crossemu binfmt --help)");
                options.Action = Actions.Contains(arg) ? arg
                    : throw new UserError($"binfmt: unknown action '{arg}' (known: {string.Join(", ", Actions)})");
                continue;
            }
            // --name=value, or -Lvalue as run takes it
            int eq = arg.IndexOf('=');
            bool longOption = arg.StartsWith("--", StringComparison.Ordinal);
            string name = longOption ? (eq > 0 ? arg[..eq] : arg) : arg[..Math.Min(2, arg.Length)];
            string? inline = name == arg ? null : longOption ? arg[(eq + 1)..] : arg[2..];
            var option = Table.FirstOrDefault(o => o.Name == name)
                ?? throw new UserError($"binfmt: unknown option '{arg}' (see crossemu binfmt --help)");
            string value = "";
            if (option.Value != null)
            {
                if (inline != null) value = inline;
                else if (++i < args.Count) value = args[i];
                else throw new UserError($"binfmt: {name} needs a value ({option.Value})");
            }
            else if (inline != null) throw new UserError($"binfmt: {name} takes no value");
            option.Apply(options, value);
            if (option.InstallOnly) installOption ??= name;
        }
        if (options.Action == "" && !options.HelpRequested)
            throw new UserError($"binfmt: say what to do: {string.Join(", ", Actions)} (see crossemu binfmt --help)");
        if (installOption != null && options.Action is not ("install" or ""))
            throw new UserError($"binfmt: {installOption} is an install option, not a {options.Action} one");
        return options;
    }
}
