using CrossEmu.Testing;

namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>
/// Random encodings of every pattern with random state (Data/qemu-random.cases, made by
/// tools/qemu-random-cases.py): the expected states were computed by qemu-arm, the reference.
/// </summary>
[TestClass]
public sealed class RandomCaseTests
{
    public sealed record Case(string Pattern, string Word, string Text, string Before, string After);

    public static IReadOnlyList<Case> Load()
    {
        return CaseFile.Rows(typeof(RandomCaseTests).Assembly, "qemu-random.cases")
            .Select(c => new Case(c[0], c[1], c[2], c[3], c[4]))
            .ToList();
    }

    [TestMethod]
    public void QemuAgrees()
    {
        var cases = Load();
        Assert.IsGreaterThan(1000, cases.Count);
        var failures = new List<string>();
        foreach (var c in cases)
        {
            try { ArmTestCpu.Check(c.Word, c.Before, c.After); }
            catch (Exception e) when (e is AssertFailedException)
            {
                failures.Add($"{c.Pattern} {c.Word} ({c.Text}) before: {c.Before}\n{e.Message.Split("\ngot:")[0]}");
            }
        }
        Assert.IsEmpty(failures, $"{failures.Count} of {cases.Count} cases differ from qemu:\n" + string.Join("\n", failures.Take(40)));
    }
}
