namespace CrossEmu.Guests.Tests;

/// <summary>The repository's source files, found from the test's own location.</summary>
static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CrossEmu.sln"))) return dir.FullName;
        throw new InvalidOperationException("CrossEmu.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The C# files under the given top-level folders, as repository-relative paths, without build output.</summary>
    public static IEnumerable<string> CSharpUnder(params string[] folders) =>
        folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(Root, f), "*.cs", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(part => part is "obj" or "bin" or "out"));
}
