using CrossEmu.Bench;

namespace CrossEmu.Cli.Tests;

/// <summary>bench's rows: what the programs of testsuites/bench declare in their sources, and --filter.</summary>
[TestClass]
public sealed class BenchProgramsTests
{
    static string SourceDir => Path.Combine(Repo.Root, "testsuites", "bench");

    static Dictionary<string, BenchRow> ShippedRows() =>
        BenchPrograms.Rows(SourceDir, Directory.GetFiles(SourceDir, "*.c").Select(Path.GetFileNameWithoutExtension).OfType<string>())
            .ToDictionary(r => r.Name);

    [TestMethod]
    public void TheThreadAndProcessProgramsDeclareTheirIterationsAndThreadCounts()
    {
        var rows = ShippedRows();
        Assert.AreEqual(200, rows["forkexec"].Iterations);
        Assert.AreEqual(10000, rows["threads"].Iterations);
        Assert.AreEqual(100000, rows["pingpong"].Iterations);
        Assert.IsFalse(rows.ContainsKey("parallel4"));
        CollectionAssert.AreEqual(new[] { "1" }, rows["parallel4-t1"].Arguments.ToArray());
        CollectionAssert.AreEqual(new[] { "4" }, rows["parallel4-t4"].Arguments.ToArray());
        Assert.AreEqual("parallel4", rows["parallel4-t4"].Program);
        Assert.AreEqual(4, rows["parallel4-t4"].Threads);
        Assert.AreEqual("0", rows["pingpong"].Cpus);
        Assert.IsNull(rows["threads"].Cpus);
        foreach (var plain in new[] { "hello", "interp", "sha256", "sort", "strmem" })
        {
            Assert.AreEqual(plain, rows[plain].Program);
            Assert.IsEmpty(rows[plain].Arguments);
            Assert.IsNull(rows[plain].Iterations);
        }
    }

    [TestMethod]
    public void TheFilterTakesCommaSeparatedParts()
    {
        Assert.IsTrue(BenchPrograms.Matches(null, "sort"));
        Assert.IsTrue(BenchPrograms.Matches("fork,threads", "threads"));
        Assert.IsTrue(BenchPrograms.Matches("FORK, threads", "forkexec"));
        Assert.IsTrue(BenchPrograms.Matches("parallel4", "parallel4-t1"));
        Assert.IsFalse(BenchPrograms.Matches("fork,threads", "pingpong"));
    }

    [TestMethod]
    public void ABadDeclarationNamesItsProgram()
    {
        var e = Assert.ThrowsExactly<FormatException>(() => BenchPrograms.RowsOf("p", ["// bench-threads: 1 four"]));
        StringAssert.Contains(e.Message, "p.c");
        Assert.ThrowsExactly<FormatException>(() => BenchPrograms.RowsOf("p", ["// bench-iterations: 2 3"]));
        Assert.ThrowsExactly<FormatException>(() => BenchPrograms.RowsOf("p", ["// bench-iterations:"]));
        Assert.ThrowsExactly<FormatException>(() => BenchPrograms.RowsOf("p", ["// bench-cpus: 0; rm -rf"]));
        Assert.AreEqual("0-1", BenchPrograms.RowsOf("p", ["// bench-cpus: 0-1 "]).Single().Cpus);
    }
}
