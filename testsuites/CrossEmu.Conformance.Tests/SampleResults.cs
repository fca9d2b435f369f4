using CrossEmu.Conformance;

namespace CrossEmu.Conformance.Tests;

/// <summary>Hand-made step results: one passing, one failing, one skipped step.</summary>
static class SampleResults
{
    public static List<StepResult> Make()
    {
        var passing = new StepResult("arm", "decoder") { Elapsed = TimeSpan.FromSeconds(1.5) };
        passing.Cases.Add(new CaseResult("ADD_rrri") { Checked = 40, Explained = 2 });
        passing.Warnings.Add("arm.differences line 3 explained no disagreement");

        var failing = new StepResult("mipsel", "decoder") { Elapsed = TimeSpan.FromSeconds(0.25) };
        var bad = new CaseResult("random words") { Checked = 1000 };
        bad.Failures.Add("mipsel word 0xBC000000: ours undefined (no pattern), Capstone 'cache 0, 0($zero)'");
        bad.Failures.Add("mipsel word 0x7C000000: ours <defined> & \"quoted\"");
        failing.Cases.Add(new CaseResult("ADDU") { Checked = 12 });
        failing.Cases.Add(bad);

        var skipped = new StepResult("mips", "differential") { SkippedReason = "qemu-mips is not installed" };
        return [passing, failing, skipped];
    }
}
