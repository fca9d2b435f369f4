namespace CrossEmu.Cli.Tests;

/// <summary>
/// The conformance programs of a target and their files, by the rules of
/// testsuites/conformance/targets.sh: sources in common/ and the target's directory; NAME.EXT
/// (expected, exitcode, args) is the first of ARCHDIR/NAME.TARGET.EXT, ARCHDIR/NAME.EXT, common/NAME.EXT.
/// </summary>
static class ConformanceSet
{
    static readonly string Root = Path.Combine(Repo.Root, "testsuites", "conformance");

    static string ArchDir(GuestTarget t) => Path.Combine(Root, t.ArchDir);

    public static string BinaryDir(GuestTarget t) => Path.Combine(Root, "out", t.Name);

    /// <summary>Program names: common/*.c and ARCHDIR/*.c, *.S.</summary>
    public static IEnumerable<string> Programs(GuestTarget t) =>
        Directory.GetFiles(Path.Combine(Root, "common"), "*.c")
            .Concat(Directory.GetFiles(ArchDir(t), "*.c")).Concat(Directory.GetFiles(ArchDir(t), "*.S"))
            .Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>The file that applies, or null.</summary>
    public static string? FileOf(GuestTarget t, string name, string ext) =>
        new[] { Path.Combine(ArchDir(t), $"{name}.{t.Name}.{ext}"), Path.Combine(ArchDir(t), $"{name}.{ext}"), Path.Combine(Root, "common", $"{name}.{ext}") }
            .FirstOrDefault(File.Exists);

    public static string Expected(GuestTarget t, string name) =>
        FileOf(t, name, "expected") is { } f ? Repo.ReadExpected(f) : throw new AssertFailedException($"{name}: no {name}.expected for {t}");

    public static int ExpectedExitCode(GuestTarget t, string name) =>
        FileOf(t, name, "exitcode") is { } f ? int.Parse(File.ReadAllText(f).Trim()) : 0;

    /// <summary>Arguments: one line split on blanks; @DIR@ is the directory of NAME.args.</summary>
    public static string[] Args(GuestTarget t, string name) =>
        FileOf(t, name, "args") is { } f
            ? File.ReadAllText(f).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a.Replace("@DIR@", Path.GetDirectoryName(f), StringComparison.Ordinal)).ToArray()
            : [];

    /// <summary>ARCHDIR/later.txt: programs waiting for a later issue's feature, with the reason.</summary>
    public static IReadOnlyDictionary<string, string> Later(GuestTarget t) => ReasonList(Path.Combine(ArchDir(t), "later.txt"));

    /// <summary>Why the expected files of a program follow Linux where qemu-user does not (ARCHDIR/qemu-differs.txt,
    /// an entry NAME.TARGET for one target or NAME for all of the directory's), or null.</summary>
    public static string? QemuDiffers(GuestTarget t, string name)
    {
        var list = ReasonList(Path.Combine(ArchDir(t), "qemu-differs.txt"));
        return list.GetValueOrDefault($"{name}.{t}") ?? list.GetValueOrDefault(name);
    }

    static Dictionary<string, string> ReasonList(string path) =>
        !File.Exists(path) ? [] : File.ReadAllLines(path)
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
}
