using CrossEmu.Conformance.Runner;
using Spectre.Console;

namespace CrossEmu.Conformance.Tests;

[TestClass]
public sealed class ReportTests
{
    static IAnsiConsole PlainConsole(TextWriter w) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(w),
    });

    [TestMethod]
    public void SummaryListsEveryStepAndCapsReproducers()
    {
        var results = SampleResults.Make();
        var many = results[1].Cases[1];
        for (int i = 0; i < 10; i++) many.Failures.Add($"extra failure {i}");
        var table = new StringWriter();
        var text = new StringWriter();
        ConformanceReport.Print(PlainConsole(table), text, results);

        StringAssert.Contains(table.ToString(), "mipsel");
        StringAssert.Contains(table.ToString(), "explained");
        var output = text.ToString();
        StringAssert.Contains(output, "mipsel decoder random words: 12 failure(s)");
        StringAssert.Contains(output, "... and 7 more");
        Assert.DoesNotContain("extra failure 9", output, "only the first reproducers are printed");
        StringAssert.Contains(output, "mips differential: skipped: qemu-mips is not installed");
        StringAssert.Contains(output, "conformance: 3 steps, 1,052 checked, 12 failures, 2 explained, 1 skipped");
        Assert.AreEqual(1, ConformanceReport.ExitCode(results));
        Assert.DoesNotContain("\u001b[", table.ToString() + output, "no escape codes when not on a terminal");
    }

    [TestMethod]
    public void PlainProgressPrintsLinesWithoutEscapeCodes()
    {
        var step = new FakeStep();
        var w = new StringWriter();
        var results = new ConformanceRunner([step], new PlainProgressDisplay(w))
            .Run(new ConformanceOptions { Isas = [TestGuests.Of("arm"), TestGuests.Of("mips")] });
        Assert.HasCount(2, results);
        var lines = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("arm fake: started (100 units)", lines[0]);
        CollectionAssert.Contains(lines, "arm fake: 50%");
        Assert.IsTrue(lines.Any(l => l.StartsWith("mips fake: done in", StringComparison.Ordinal)));
        Assert.DoesNotContain("\u001b", w.ToString());
    }

    [TestMethod]
    public void AStepThatThrowsBecomesAFailedCase()
    {
        var results = new ConformanceRunner([new FakeStep(fail: true)], new PlainProgressDisplay(TextWriter.Null))
            .Run(new ConformanceOptions { Isas = [TestGuests.Of("arm")] });
        Assert.AreEqual(1, results[0].Failures);
        StringAssert.Contains(results[0].Cases[0].Failures[0], "broken on purpose");
    }

    sealed class FakeStep(bool fail = false) : IConformanceStep
    {
        public string Name => "fake";

        public long TotalWork(IConformanceGuest isa, ConformanceOptions options) => 100;

        public StepResult Run(IConformanceGuest isa, ConformanceOptions options, Action<long> advance, CancellationToken cancel)
        {
            if (fail) throw new InvalidOperationException("broken on purpose");
            for (int i = 0; i < 10; i++) advance(10);
            var r = new StepResult(isa.Name, Name);
            r.Cases.Add(new CaseResult("all") { Checked = 100 });
            return r;
        }
    }
}
