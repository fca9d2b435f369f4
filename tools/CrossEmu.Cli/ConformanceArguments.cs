using CommandLine;
using CrossEmu.Conformance;
using CrossEmu.Isa.Guests;

namespace CrossEmu.Cli;

/// <summary>`crossemu conformance` options.</summary>
public sealed class ConformanceCommandLine
{
    [Option("isa", Separator = ',', HelpText = "Guest ISAs by name (comma separated; default: all).")]
    public IEnumerable<string> Isas { get; set; } = [];

    [Option("seed", Default = 1UL, HelpText = "Seed of the generated words and programs.")]
    public ulong Seed { get; set; }

    [Option("count", Default = 1000, HelpText = "Decoder: random words per ISA. Differential: instruction sequences per ISA.")]
    public int Count { get; set; }

    [Option("junit", HelpText = "Also write the results as JUnit XML to this file.")]
    public string? JUnit { get; set; }

    [Option("workdir", HelpText = "Where harness programs, outputs and reproducers go (default: a temporary directory).")]
    public string? WorkDirectory { get; set; }

    [Option("decoder", HelpText = "Run the decoder cross-check against Capstone.")]
    public bool Decoder { get; set; }

    [Option("differential", HelpText = "Run the differential execution against qemu-user.")]
    public bool Differential { get; set; }
}

/// <summary>What the arguments asked for: the options and the steps to run (null Options: help was shown).</summary>
public sealed record ConformanceRequest(ConformanceOptions? Options, IReadOnlyList<IConformanceStep> Steps);

/// <summary>A bad `crossemu conformance` argument: reported as one line, exit code 2.</summary>
public sealed class ConformanceArgumentException(string message) : Exception(message);

/// <summary>Parses and checks `crossemu conformance` arguments against the registered steps.</summary>
public static class ConformanceArguments
{
    static readonly string[] ValueOptions = ["--isa", "--seed", "--count", "--junit", "--workdir"];

    public static ConformanceRequest Parse(string[] args, IReadOnlyList<IConformanceStep> known, GuestIsaRegistry guests, TextWriter? help = null)
    {
        ConformanceCommandLine? o = null;
        // No help writer: a mistake is one line (below); the help screen only when asked for.
        using var parser = new Parser(s => { s.HelpWriter = null; s.CaseSensitive = true; });
        var parsed = parser.ParseArguments<ConformanceCommandLine>(args).WithParsed(x => o = x);
        if (o == null)
        {
            if (parsed.Errors.Any(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.VersionRequestedError))
            {
                help?.WriteLine(CommandLine.Text.HelpText.AutoBuild(parsed, h => h, e => e));
                return new ConformanceRequest(null, []);
            }
            throw new ConformanceArgumentException("conformance: " + string.Join("; ", parsed.Errors.Select(Describe)));
        }
        // The parser takes a value-less option as absent (or as its default), so `--seed --decoder`
        // would silently run with seed 1: an option that takes a value must be followed by one.
        for (int i = 0; i < args.Length; i++)
            if (ValueOptions.Contains(args[i]) && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                throw new ConformanceArgumentException($"conformance: {args[i]} needs a value");

        var checkable = guests.With<IConformanceGuest>().ToList();
        var isas = new List<IConformanceGuest>();
        foreach (var name in o.Isas.Select(i => i.Trim()).Where(i => i.Length > 0))
        {
            var isa = guests.Find(name) as IConformanceGuest
                ?? throw new ConformanceArgumentException($"conformance: unknown ISA '{name}' (known: {string.Join(", ", checkable.Select(i => i.Name))})");
            if (!isas.Contains(isa)) isas.Add(isa);
        }
        if (o.Count < 0) throw new ConformanceArgumentException("conformance: --count must not be negative");

        var asked = new List<string>();
        if (o.Decoder) asked.Add("decoder");
        if (o.Differential) asked.Add("differential");
        var missing = asked.FirstOrDefault(name => known.All(s => s.Name != name));
        if (missing != null) throw new ConformanceArgumentException($"conformance: the {missing} step is not available in this build");
        var steps = asked.Count == 0 ? known : known.Where(s => asked.Contains(s.Name)).ToList();

        var options = new ConformanceOptions
        {
            Isas = isas.Count == 0 ? checkable : isas,
            Seed = o.Seed, Count = o.Count, JUnitPath = o.JUnit, WorkDirectory = o.WorkDirectory,
        };
        return new ConformanceRequest(options, steps);
    }

    static string Describe(Error e) => e switch
    {
        UnknownOptionError u => $"unknown option '{u.Token}'",
        BadFormatConversionError b => $"bad value for --{b.NameInfo.LongName}",
        MissingValueOptionError m => $"--{m.NameInfo.LongName} needs a value",
        BadFormatTokenError t => $"unexpected '{t.Token}'",
        _ => e.Tag.ToString(),
    };
}
