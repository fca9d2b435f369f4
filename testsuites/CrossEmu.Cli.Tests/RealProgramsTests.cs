using CrossEmu.Bench;

namespace CrossEmu.Cli.Tests;

/// <summary>bench --real's list of Debian programs: how its lines are read.</summary>
[TestClass]
public sealed class RealProgramsTests
{
    static string ProgramsFile => Path.Combine(Repo.Root, "testsuites", "bench", "real", "programs.txt");

    [TestMethod]
    public void TheShippedListNamesEachProgramOnceWithAnAbsolutePath()
    {
        var programs = RealPrograms.Load(ProgramsFile);
        Assert.IsGreaterThanOrEqualTo(5, programs.Count);
        Assert.HasCount(programs.Count, programs.Select(p => p.Name).Distinct().ToList());
        foreach (var p in programs) Assert.StartsWith("/", p.Path, p.Name);
        var loop = programs.Single(p => p.Name == "sh-loop");
        CollectionAssert.AreEqual(new[] { "sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; echo $i" }, loop.Arguments.ToArray());
    }

    [TestMethod]
    public void InputsAreSubstitutedAndAnUnclosedQuoteNamesItsLine()
    {
        string dir = Repo.TempDirectory();
        string file = Path.Combine(dir, "programs.txt");
        File.WriteAllText(file, "# comment\n\nzip  /bin/gzip -9 -c {text20m}\nbad  /bin/sh -c 'echo\n");
        var e = Assert.ThrowsExactly<FormatException>(() => RealPrograms.Load(file));
        StringAssert.Contains(e.Message, "programs.txt:4");
        File.WriteAllText(file, "zip  /bin/gzip -9 -c {text20m}\n");
        var zip = RealPrograms.Load(file).Single();
        CollectionAssert.AreEqual(new[] { "-9", "-c", "/in/text20m" }, zip.ArgumentsWith("/in"));
    }
}
