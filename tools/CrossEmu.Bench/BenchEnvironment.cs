namespace CrossEmu.Bench;

/// <summary>Finds the repository, the benchmark binaries, and describes the host.</summary>
internal static class BenchEnvironment
{
    public const string NativeDir = "x86_64";

    /// <summary>The directory holding CrossEmu.sln, searched upwards from the current
    /// directory and then from the application's directory.</summary>
    public static string? FindRepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CrossEmu.sln")))
                    return dir.FullName;
            }
        }
        return null;
    }

    public static string? BenchSourceDir(string? repoRoot) =>
        repoRoot is null ? null : Path.Combine(repoRoot, "testsuites", "bench");

    /// <summary>Program names: the .c files of testsuites/bench, else what is already built.</summary>
    public static List<string> DiscoverPrograms(string? sourceDir, string benchDir, IEnumerable<string> arches)
    {
        IEnumerable<string> names = [];
        if (sourceDir is not null && Directory.Exists(sourceDir))
            names = Directory.GetFiles(sourceDir, "*.c").Select(f => Path.GetFileNameWithoutExtension(f));
        else
            names = arches.Select(a => Path.Combine(benchDir, a)).Where(Directory.Exists)
                .SelectMany(Directory.GetFiles).Select(f => Path.GetFileName(f)).Distinct();
        return names.Where(n => !n.EndsWith(".tmp", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal).ToList();
    }

    public static string GuestBinary(string benchDir, string arch, string program) => Path.Combine(benchDir, arch, program);
    public static string NativeBinary(string benchDir, string program) => Path.Combine(benchDir, NativeDir, program);
    /// <summary>The helper that reports a program's peak RSS (built by build.sh from tools/peakrss.c).</summary>
    public static string PeakRssTool(string benchDir) => Path.Combine(benchDir, "tools", "peakrss");

    /// <summary>One line about the CPU, the core count, the OS and the runtime.</summary>
    public static string HostDescription()
    {
        string cpu = "unknown CPU";
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
                cpu = line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return $"{cpu}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}";
    }

    /// <summary>First line of `tool --version`, or null.</summary>
    public static string? ToolVersion(string executable)
    {
        var r = BenchProcess.Run([executable, "--version"], TimeSpan.FromSeconds(10));
        if (!r.Succeeded)
            return null;
        var first = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first?.Trim();
    }
}
