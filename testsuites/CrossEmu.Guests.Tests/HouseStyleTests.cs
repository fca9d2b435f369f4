namespace CrossEmu.Guests.Tests;

/// <summary>
/// The part of the house style (.editorconfig) that no compiler rule checks: no line of C# longer
/// than max_line_length. The build itself enforces the namespace and naming rules.
/// </summary>
[TestClass]
public sealed class HouseStyleTests
{
    const int MaxLineLength = 160;

    [TestMethod]
    public void TheEditorConfigSaysTheSameLength() =>
        StringAssert.Contains(File.ReadAllText(Path.Combine(RepositoryFiles.Root, ".editorconfig")), $"max_line_length = {MaxLineLength}");

    [TestMethod]
    public void NoLineOfCSharpIsLongerThanTheLimit()
    {
        var files = RepositoryFiles.CSharpUnder("isa", "frontends", "jit", "devices", "machines", "tools", "testsuites").ToList();
        Assert.IsGreaterThan(400, files.Count, "the check reads the sources and the tests");
        var longLines = (from f in files
                         let lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, f))
                         from n in Enumerable.Range(0, lines.Length)
                         where lines[n].Length > MaxLineLength
                         select $"{f}:{n + 1}: {lines[n].Length} characters").ToList();
        Assert.IsEmpty(longLines, $"{longLines.Count} lines longer than {MaxLineLength}:\n" + string.Join("\n", longLines.Take(50)));
    }
}
