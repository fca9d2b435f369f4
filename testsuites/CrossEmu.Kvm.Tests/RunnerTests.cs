namespace CrossEmu.Kvm.Tests;

/// <summary>What can be checked of the runner and its outcomes without /dev/kvm.</summary>
[TestClass]
public sealed class RunnerTests
{
    [TestMethod]
    public void OutcomesDescribeThemselves()
    {
        Assert.AreEqual("powered off (exit code 3)", new KvmRunOutcome(KvmOutcomeKind.PoweredOff, 3).ToString());
        Assert.AreEqual("reset requested by vCPU 1", new KvmRunOutcome(KvmOutcomeKind.ResetRequested, Vcpu: 1).ToString());
        Assert.AreEqual("triple fault on vCPU 0", new KvmRunOutcome(KvmOutcomeKind.TripleFault, Vcpu: 0).ToString());
        Assert.AreEqual("error on vCPU 2: boom", new KvmRunOutcome(KvmOutcomeKind.Error, Vcpu: 2, Message: "boom").ToString());
        Assert.AreEqual("stopped", new KvmRunOutcome(KvmOutcomeKind.Stopped).ToString());
    }

    [TestMethod]
    public void ARunnerNeedsVcpus()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new KvmMachineRunner([], new FakeIo()));
    }

    [TestMethod]
    public void TheProbeOnThisHostAnswersWithoutThrowingOrHanging()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var report = Probe.KvmProbe.Run(new Probe.KvmProbeOptions { TimeLimit = TimeSpan.FromSeconds(5) });
        sw.Stop();
        var lines = report.Lines().ToList();
        Assert.IsNotEmpty(lines);
        Assert.IsLessThan(60.0, sw.Elapsed.TotalSeconds, string.Join("\n", lines));
        if (!report.Usable) Assert.IsNotNull(report.OpenError, "an unusable KVM says why");
    }
}
