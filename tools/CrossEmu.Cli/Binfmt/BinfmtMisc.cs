using System.Globalization;
using System.Text;

namespace CrossEmu.Cli.Binfmt;

/// <summary>An entry as the kernel lists it; Magic is null for an entry that matches file name extensions.</summary>
sealed record RegisteredEntry(string Name, bool Enabled, string Interpreter, string Flags, BinfmtMagic? Magic);

/// <summary>
/// The kernel's binfmt_misc file system: one file per entry (read: its status; write -1: remove it),
/// `register` to add one, `status` for the whole mechanism. The directory is a parameter so tests can
/// read a copy.
/// </summary>
sealed class BinfmtMisc(string directory = BinfmtMisc.DefaultDirectory)
{
    public const string DefaultDirectory = "/proc/sys/fs/binfmt_misc";

    public string Directory => directory;

    /// <summary>Mounted: the file system's own files are there (the bare /proc directory is empty).</summary>
    public bool IsMounted => File.Exists(Path.Combine(directory, "register"));

    /// <summary>Throws the one-line error saying how to mount it when it is not.</summary>
    public void RequireMounted()
    {
        if (!IsMounted)
            throw new UserError($"binfmt: binfmt_misc is not mounted at {directory} (as root: mount -t binfmt_misc binfmt_misc {directory})");
    }

    /// <summary>Whether the kernel uses the entries at all (`echo 0 > status` turns them all off).</summary>
    public bool Enabled => File.ReadAllText(Path.Combine(directory, "status")).Trim() == "enabled";

    public IReadOnlyList<RegisteredEntry> Entries() =>
        System.IO.Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName).Where(n => n is not ("register" or "status"))
            .Select(n => Find(n!)).OfType<RegisteredEntry>().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

    /// <summary>The entry of this name, or null (also when it went away while being read).</summary>
    public RegisteredEntry? Find(string name)
    {
        try { return Parse(name, File.ReadAllText(Path.Combine(directory, name))); }
        catch (FileNotFoundException) { return null; }
    }

    /// <summary>Parses an entry file: enabled|disabled, interpreter PATH, flags: PF, then offset/magic/mask or extension.</summary>
    public static RegisteredEntry Parse(string name, string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string? Field(string key) => lines.FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal))?[(key.Length + 1)..];
        byte[] Hex(string? hex) => hex == null ? [] : Convert.FromHexString(hex.Trim());
        BinfmtMagic? magic = null;
        if (Field("magic") is { } m)
        {
            var bytes = Hex(m);
            var mask = Field("mask") is { } k ? Hex(k) : Enumerable.Repeat((byte)0xff, bytes.Length).ToArray();
            magic = new BinfmtMagic(int.Parse(Field("offset") ?? "0", CultureInfo.InvariantCulture), bytes, mask);
        }
        return new RegisteredEntry(name, lines.FirstOrDefault() == "enabled", Field("interpreter") ?? "", Field("flags:")?.Trim() ?? "", magic);
    }

    public void Register(BinfmtEntry entry) => Write("register", entry.RegisterLine(), $"registering {entry.Name}");

    /// <summary>Removes an entry (the kernel keeps it for execs already under way).</summary>
    public void Remove(string name) => Write(name, "-1", $"removing {name}");

    /// <summary>One write() of the whole text: the kernel parses each write on its own.</summary>
    void Write(string file, string text, string what)
    {
        var path = Path.Combine(directory, file);
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            f.Write(Encoding.UTF8.GetBytes(text));
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserError($"binfmt: {what}: cannot write {path} (binfmt_misc needs root)");
        }
        catch (IOException e)
        {
            throw new UserError($"binfmt: {what}: {path}: {e.Message}");
        }
    }
}
