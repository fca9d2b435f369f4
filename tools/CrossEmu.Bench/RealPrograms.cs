namespace CrossEmu.Bench;

/// <summary>A real program of testsuites/bench/real/programs.txt: its native path and arguments.</summary>
internal sealed record RealProgram(string Name, string Path, IReadOnlyList<string> Arguments)
{
    /// <summary>The arguments with each {NAME} replaced by the generated input's path.</summary>
    public string[] ArgumentsWith(string inputsDir) =>
        Arguments.Select(a => a.StartsWith('{') && a.EndsWith('}') ? System.IO.Path.Combine(inputsDir, a[1..^1]) : a).ToArray();
}

/// <summary>
/// `bench --real`: Debian's own programs run from a guest sysroot with -L (CrossEmu and qemu-user)
/// and natively, as declared in testsuites/bench/real/programs.txt, fetched by real/fetch.sh.
/// </summary>
internal static class RealPrograms
{
    public static string SourceDir(string benchSourceDir) => System.IO.Path.Combine(benchSourceDir, "real");
    public static string OutDir(string benchDir) => System.IO.Path.Combine(benchDir, "real");
    public static string InputsDir(string benchDir) => System.IO.Path.Combine(OutDir(benchDir), "inputs");
    public static string Sysroot(string benchDir, string debianArch) => System.IO.Path.Combine(OutDir(benchDir), debianArch);

    /// <summary>Reads programs.txt: NAME then the command, words split at blanks outside single quotes.</summary>
    public static List<RealProgram> Load(string file)
    {
        var list = new List<RealProgram>();
        int lineNumber = 0;
        foreach (var raw in File.ReadLines(file))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var words = Split(line) ?? throw new FormatException($"{file}:{lineNumber}: an unclosed quote");
            if (words.Count < 2) throw new FormatException($"{file}:{lineNumber}: expected a name and a command");
            list.Add(new RealProgram(words[0], words[1], words.Skip(2).ToList()));
        }
        return list;
    }

    static List<string>? Split(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        bool quoted = false, any = false;
        foreach (char c in line)
        {
            if (c == '\'') { quoted = !quoted; any = true; }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any) words.Add(word.ToString());
                word.Clear();
                any = false;
            }
            else { word.Append(c); any = true; }
        }
        if (quoted) return null;
        if (any) words.Add(word.ToString());
        return words;
    }
}
