using System.Globalization;
using System.Xml.Linq;

namespace CrossEmu.Conformance.Runner;

/// <summary>
/// JUnit XML for CI: testsuites &gt; a testsuite per ISA × step &gt; a testcase per case, with a
/// failure holding its reproducers, or a skipped testcase when the step could not run here.
/// </summary>
public static class JUnitWriter
{
    public static XDocument ToXml(IReadOnlyList<StepResult> results) =>
        new(new XElement("testsuites",
            new XAttribute("name", "crossemu conformance"),
            new XAttribute("tests", results.Sum(TestCount)),
            new XAttribute("failures", results.Sum(FailedCases)),
            new XAttribute("skipped", results.Count(r => r.SkippedReason != null)),
            new XAttribute("time", Seconds(results.Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed))),
            results.Select(Suite)));

    public static void Write(string path, IReadOnlyList<StepResult> results) => ToXml(results).Save(path);

    static XElement Suite(StepResult r)
    {
        string name = $"{r.Isa}.{r.Step}";
        var suite = new XElement("testsuite",
            new XAttribute("name", name),
            new XAttribute("tests", TestCount(r)),
            new XAttribute("failures", FailedCases(r)),
            new XAttribute("skipped", r.SkippedReason != null ? 1 : 0),
            new XAttribute("time", Seconds(r.Elapsed)),
            new XElement("properties",
                Property("checked", r.Checked), Property("explained", r.Explained), Property("disagreements", r.Failures)));
        if (r.SkippedReason != null)
            suite.Add(new XElement("testcase", new XAttribute("classname", name), new XAttribute("name", r.Step),
                new XElement("skipped", new XAttribute("message", r.SkippedReason))));
        foreach (var c in r.Cases)
        {
            var testcase = new XElement("testcase", new XAttribute("classname", name), new XAttribute("name", c.Name));
            if (c.Failures.Count > 0)
                testcase.Add(new XElement("failure",
                    new XAttribute("message", $"{c.Failures.Count} of {c.Checked} checks failed ({c.Explained} explained)"),
                    string.Join("\n", c.Failures)));
            suite.Add(testcase);
        }
        var output = r.Notes.Concat(r.Warnings.Select(w => "warning: " + w)).ToList();
        if (output.Count > 0) suite.Add(new XElement("system-out", string.Join("\n", output)));
        return suite;
    }

    static int TestCount(StepResult r) => r.SkippedReason != null ? 1 : r.Cases.Count;

    static int FailedCases(StepResult r) => r.Cases.Count(c => c.Failures.Count > 0);

    static XElement Property(string name, long value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);
}
