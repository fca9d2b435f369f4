using CrossEmu.Devices.Bus;
using CrossEmu.Isa.Host;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm.Tests;

/// <summary>The runner's threads, outcomes and stop path on fake vCPUs (no /dev/kvm needed).</summary>
[TestClass]
public sealed class RunnerLogicTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    static VcpuExit Exit(VcpuExitKind kind, string? message = null) => new(kind, 0, message);

    static KvmMachineRunner Runner(IIoDispatcher io, params FakeVcpu[] vcpus) => new(vcpus.Cast<IRunnableVcpu>().ToList(), io);

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void StopFromAnotherThreadKicksEveryVcpuAndEndsTheirThreads()
    {
        var v0 = new FakeVcpu(0);
        var v1 = new FakeVcpu(1);
        using var runner = Runner(new FakeIo(), v0, v1);
        runner.Start();
        Thread.Sleep(100);
        Assert.IsFalse(runner.Completion.IsCompleted);
        var stopper = new Thread(runner.Stop);
        stopper.Start();
        var outcome = runner.Wait(Limit);
        Assert.AreEqual(KvmOutcomeKind.Stopped, outcome.Kind);
        foreach (var v in new[] { v0, v1 })
        {
            Assert.IsGreaterThanOrEqualTo(1, v.Kicks);
            Assert.AreEqual((1, 1), (v.Binds, v.Unbinds), "each thread bound and unbound once");
            Assert.AreEqual(1, v.Clears, "a run starts with the kick flag cleared");
        }
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void ADeviceOnAVcpuThreadPowersOffWithAnExitCode()
    {
        KvmMachineRunner? runner = null;
        var io = new FakeIo { OnPortWrite = (port, value) => runner!.PowerOff((int)value) };
        var v0 = new FakeVcpu(0, d => { d.WritePort(0xF4, AccessWidth.Byte, 7); return Exit(VcpuExitKind.Handled); });
        var v1 = new FakeVcpu(1);
        runner = Runner(io, v0, v1);
        using (runner)
        {
            var outcome = runner.Wait(Limit);
            Assert.AreEqual(KvmOutcomeKind.PoweredOff, outcome.Kind);
            Assert.AreEqual(7, outcome.ExitCode);
            Assert.IsGreaterThanOrEqualTo(1, v1.Kicks, "the other vCPU was kicked");
        }
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void TheMachineIsHaltedWhenEveryVcpuHalts()
    {
        var v0 = new FakeVcpu(0, _ => Exit(VcpuExitKind.Handled), _ => Exit(VcpuExitKind.Halted));
        var v1 = new FakeVcpu(1, _ => Exit(VcpuExitKind.Halted));
        using var runner = Runner(new FakeIo(), v0, v1);
        Assert.AreEqual(KvmOutcomeKind.Halted, runner.Wait(Limit).Kind);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void OneHaltedVcpuDoesNotEndTheMachine()
    {
        var v0 = new FakeVcpu(0, _ => Exit(VcpuExitKind.Halted));
        var v1 = new FakeVcpu(1);
        using var runner = Runner(new FakeIo(), v0, v1);
        runner.Start();
        Thread.Sleep(100);
        Assert.IsFalse(runner.Completion.IsCompleted);
        runner.Stop();
        Assert.AreEqual(KvmOutcomeKind.Stopped, runner.Wait(Limit).Kind);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    [DataRow(VcpuExitKind.TripleFault, KvmOutcomeKind.TripleFault)]
    [DataRow(VcpuExitKind.SystemReset, KvmOutcomeKind.ResetRequested)]
    [DataRow(VcpuExitKind.SystemShutdown, KvmOutcomeKind.PoweredOff)]
    [DataRow(VcpuExitKind.SystemCrash, KvmOutcomeKind.Crashed)]
    [DataRow(VcpuExitKind.Error, KvmOutcomeKind.Error)]
    public void AVcpuExitEndsTheMachineForEveryone(VcpuExitKind exit, KvmOutcomeKind expected)
    {
        var v0 = new FakeVcpu(0);
        var v1 = new FakeVcpu(1, _ => Exit(VcpuExitKind.Handled), _ => Exit(exit, "why"));
        using var runner = Runner(new FakeIo(), v0, v1);
        var outcome = runner.Wait(Limit);
        Assert.AreEqual(expected, outcome.Kind);
        Assert.AreEqual(1, outcome.Vcpu);
        Assert.IsGreaterThanOrEqualTo(1, v0.Kicks);
        if (exit is VcpuExitKind.TripleFault or VcpuExitKind.Error or VcpuExitKind.SystemCrash) Assert.AreEqual("why", outcome.Message);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void AnExceptionInADeviceIsAnErrorWithTheException()
    {
        var v0 = new FakeVcpu(0, _ => throw new KvmException("KVM_RUN", Errno.EFAULT));
        using var runner = Runner(new FakeIo(), v0);
        var outcome = runner.Wait(Limit);
        Assert.AreEqual(KvmOutcomeKind.Error, outcome.Kind);
        Assert.IsInstanceOfType<KvmException>(outcome.Exception);
        Assert.AreEqual("KVM_RUN failed: EFAULT", outcome.Message);
        Assert.AreEqual(1, v0.Unbinds);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void TheFirstOutcomeWins()
    {
        var v0 = new FakeVcpu(0);
        using var runner = Runner(new FakeIo(), v0);
        runner.Start();
        runner.PowerOff(1);
        runner.RequestReset();
        runner.Stop();
        var outcome = runner.Wait(Limit);
        Assert.AreEqual(KvmOutcomeKind.PoweredOff, outcome.Kind);
        Assert.AreEqual(1, outcome.ExitCode);
        Assert.IsTrue(runner.IsStopping);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void WaitingTooLongStopsTheMachineAsTimedOut()
    {
        var v0 = new FakeVcpu(0);
        using var runner = Runner(new FakeIo(), v0);
        var outcome = runner.Wait(TimeSpan.FromMilliseconds(200));
        Assert.AreEqual(KvmOutcomeKind.TimedOut, outcome.Kind);
        Assert.AreEqual(1, v0.Unbinds);
    }

    [TestMethod]
    public void ARunnerStartsOnceAndAStopBeforeStartEndsAtOnce()
    {
        var v0 = new FakeVcpu(0);
        using var runner = Runner(new FakeIo(), v0);
        runner.Stop();
        Assert.IsTrue(runner.Completion.IsCompleted);
        Assert.AreEqual(KvmOutcomeKind.Stopped, runner.Completion.Result.Kind);
        runner.Start();
        Assert.ThrowsExactly<InvalidOperationException>(runner.Start);
        Assert.AreEqual(KvmOutcomeKind.Stopped, runner.Wait(Limit).Kind);
    }
}
