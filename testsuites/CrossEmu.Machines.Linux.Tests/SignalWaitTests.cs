using System.Diagnostics;
using CrossEmu.Isa.State;
using CrossEmu.Machines.Linux;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>sigsuspend, pause, sigtimedwait, sigqueue and interruptible nanosleep: waits that end when
/// another thread posts a signal, with Linux's masks and results.</summary>
[TestClass]
public sealed unsafe class SignalWaitTests
{
    const uint SIGUSR1 = 10, SIGUSR2 = 12, SIGALRM = 14, SIGTERM = 15, SA_RESTORER = 0x04000000;
    const int EINTR = 4, EAGAIN = 11, EINVAL = 22, SI_QUEUE = -1;
    static uint S(uint offset) => ArmProcessFixture.Scratch + offset;
    static ulong Bit(uint signal) => 1UL << (int)(signal - 1);

    static void SetHandler(ArmProcessFixture f, uint signal, uint handler)
    {
        f.Memory.WriteUnchecked(S(0x100), [.. BitConverter.GetBytes(handler), .. BitConverter.GetBytes(SA_RESTORER),
            .. BitConverter.GetBytes(0x10800u), .. BitConverter.GetBytes(0u), .. BitConverter.GetBytes(0u)]);
        Assert.AreEqual(0, f.Call("rt_sigaction", signal, S(0x100), 0, 8));
    }

    static uint PutSet(ArmProcessFixture f, uint offset, ulong set)
    {
        f.Memory.WriteUnchecked(S(offset), BitConverter.GetBytes(set));
        return S(offset);
    }

    /// <summary>Posts a signal from another thread after a delay, like a timer.</summary>
    static Task PostLater(ArmProcessFixture f, uint signal, int milliseconds, int code = 0) =>
        Task.Delay(milliseconds).ContinueWith(_ => SignalDelivery.Raise(f.Process, new SignalInfo((int)signal, code)));

    [TestMethod]
    public void SigsuspendWaitsRunsTheHandlerWithTheTemporaryMaskAndSigreturnRestoresTheOriginal()
    {
        using var f = new ArmProcessFixture();
        SetHandler(f, SIGUSR1, 0x10400);
        Assert.AreEqual(0, f.Call("rt_sigprocmask", 0 /* SIG_BLOCK */, PutSet(f, 0x200, Bit(SIGUSR1)), 0, 8));
        var cpu = f.Cpu;
        cpu->R[13] = S(0x8000);
        cpu->Header.Pc = 0x10100;

        var post = PostLater(f, SIGUSR1, 50);
        var watch = Stopwatch.StartNew();
        Assert.AreEqual(-EINTR, f.Call("rt_sigsuspend", PutSet(f, 0x210, Bit(SIGTERM)), 8));
        Assert.IsTrue(watch.ElapsedMilliseconds >= 40, $"returned after {watch.ElapsedMilliseconds} ms, before the signal");
        post.Wait();
        Assert.AreEqual(Bit(SIGTERM), f.Process.Signals.Blocked, "the temporary mask until delivery");

        SignalDelivery.DeliverPending(f.Process, cpu);
        Assert.AreEqual(0x10400u, cpu->Header.Pc, "the handler runs");
        Assert.AreEqual(Bit(SIGTERM) | Bit(SIGUSR1), f.Process.Signals.Blocked, "handler mask: temporary mask + the signal");
        uint frame = cpu->R[13];
        Assert.AreEqual(unchecked((uint)-EINTR), f.U32(frame + 20 + 12), "saved r0 is sigsuspend's -EINTR");
        Assert.AreEqual((uint)Bit(SIGUSR1), f.U32(frame + 104), "uc_sigmask is the original mask");

        cpu->R[7] = (uint)ArmProcessFixture.Number("sigreturn");
        f.Process.HandleSyscall(cpu);
        Assert.AreEqual(Bit(SIGUSR1), f.Process.Signals.Blocked, "sigreturn restores the original mask");
        Assert.AreEqual(0x10100u, cpu->Header.Pc);
    }

    [TestMethod]
    public void SigsuspendReturnsAtOnceWhenTheNewMaskUnblocksAPendingSignal()
    {
        using var f = new ArmProcessFixture();
        SetHandler(f, SIGUSR1, 0x10400);
        Assert.AreEqual(0, f.Call("rt_sigprocmask", 0, PutSet(f, 0x200, Bit(SIGUSR1)), 0, 8));
        Assert.AreEqual(0, f.Call("kill", (uint)Environment.ProcessId, SIGUSR1));
        Assert.AreEqual(-EINTR, f.Call("rt_sigsuspend", PutSet(f, 0x210, 0), 8));
        Assert.AreEqual(-EINVAL, f.Call("rt_sigsuspend", S(0x210), 16), "wrong sigset size");
    }

    [TestMethod]
    public void PauseEndsWhenAnUnblockedSignalArrivesButNotForABlockedOne()
    {
        using var f = new ArmProcessFixture();
        SetHandler(f, SIGUSR1, 0x10400);
        SetHandler(f, SIGUSR2, 0x10400);
        Assert.AreEqual(0, f.Call("rt_sigprocmask", 0, PutSet(f, 0x200, Bit(SIGUSR2)), 0, 8));
        var posts = Task.WhenAll(PostLater(f, SIGUSR2, 10), PostLater(f, SIGUSR1, 80));
        var watch = Stopwatch.StartNew();
        Assert.AreEqual(-EINTR, f.Call("pause"));
        Assert.IsTrue(watch.ElapsedMilliseconds >= 70, $"woken after {watch.ElapsedMilliseconds} ms: the blocked SIGUSR2 must not end pause");
        posts.Wait();
        Assert.AreEqual(Bit(SIGUSR1) | Bit(SIGUSR2), f.Process.Signals.Pending);
    }

    [TestMethod]
    public void SigtimedwaitTakesABlockedSignalWithItsSiginfo()
    {
        using var f = new ArmProcessFixture();
        uint set = PutSet(f, 0x200, Bit(SIGUSR1));
        Assert.AreEqual(0, f.Call("rt_sigprocmask", 0, set, 0, 8));
        var post = PostLater(f, SIGUSR1, 20, code: 0x80);
        Assert.AreEqual((int)SIGUSR1, f.Call("rt_sigtimedwait", set, S(0x400), 0, 8));
        post.Wait();
        Assert.AreEqual(SIGUSR1, f.U32(S(0x400)), "si_signo");
        Assert.AreEqual(0x80u, f.U32(S(0x408)), "si_code");
        Assert.AreEqual(0ul, f.Process.Signals.Pending, "dequeued, not delivered");
    }

    [TestMethod]
    public void SigtimedwaitTimesOutWithEagainAndIsInterruptedByOtherSignals()
    {
        using var f = new ArmProcessFixture();
        SetHandler(f, SIGUSR2, 0x10400);
        uint set = PutSet(f, 0x200, Bit(SIGUSR1));
        Assert.AreEqual(0, f.Call("rt_sigprocmask", 0, set, 0, 8));
        f.Memory.WriteUnchecked(S(0x300), [.. BitConverter.GetBytes(0u), .. BitConverter.GetBytes(0u)]);
        Assert.AreEqual(-EAGAIN, f.Call("rt_sigtimedwait", set, 0, S(0x300), 8), "zero timeout: a poll");

        f.Memory.WriteUnchecked(S(0x300), [.. BitConverter.GetBytes(0u), .. BitConverter.GetBytes(30_000_000u)]);
        var watch = Stopwatch.StartNew();
        Assert.AreEqual(-EAGAIN, f.Call("rt_sigtimedwait", set, 0, S(0x300), 8));
        Assert.IsTrue(watch.ElapsedMilliseconds >= 29, $"timed out after {watch.ElapsedMilliseconds} ms");

        f.Memory.WriteUnchecked(S(0x300), [.. BitConverter.GetBytes(10u), .. BitConverter.GetBytes(0u)]);
        var post = PostLater(f, SIGUSR2, 20);
        Assert.AreEqual(-EINTR, f.Call("rt_sigtimedwait", set, 0, S(0x300), 8), "an unblocked signal outside the set");
        post.Wait();
        Assert.AreEqual(Bit(SIGUSR2), f.Process.Signals.Pending, "left for delivery");

        f.Memory.WriteUnchecked(S(0x300), [.. BitConverter.GetBytes(0u), .. BitConverter.GetBytes(1_000_000_000u)]);
        Assert.AreEqual(-EINVAL, f.Call("rt_sigtimedwait", set, 0, S(0x300), 8), "tv_nsec out of range");
    }

    [TestMethod]
    public void SigqueueToSelfCarriesCodeAndValue()
    {
        using var f = new ArmProcessFixture();
        uint set = PutSet(f, 0x200, Bit(SIGUSR1));
        Assert.AreEqual(0, f.Call("rt_sigprocmask", 0, set, 0, 8));
        var info = new byte[128];
        BitConverter.GetBytes((int)SIGUSR1).CopyTo(info, 0);
        BitConverter.GetBytes(SI_QUEUE).CopyTo(info, 8);
        BitConverter.GetBytes(Environment.ProcessId).CopyTo(info, 12);
        BitConverter.GetBytes(77).CopyTo(info, 20);
        f.Memory.WriteUnchecked(S(0x500), info);
        Assert.AreEqual(0, f.Call("rt_sigqueueinfo", (uint)Environment.ProcessId, SIGUSR1, S(0x500)));
        Assert.AreEqual((int)SIGUSR1, f.Call("rt_sigtimedwait", set, S(0x400), 0, 8));
        Assert.AreEqual(unchecked((uint)SI_QUEUE), f.U32(S(0x408)), "si_code");
        Assert.AreEqual((uint)Environment.ProcessId, f.U32(S(0x40c)), "si_pid");
        Assert.AreEqual(77u, f.U32(S(0x414)), "si_value");
    }

    [TestMethod]
    public void IgnoringAPendingSignalDiscardsIt()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(0, f.Call("rt_sigprocmask", 0, PutSet(f, 0x200, Bit(SIGUSR1)), 0, 8));
        Assert.AreEqual(0, f.Call("kill", (uint)Environment.ProcessId, SIGUSR1));
        Assert.AreEqual(Bit(SIGUSR1), f.Process.Signals.Pending);
        SetHandler(f, SIGUSR1, 1 /* SIG_IGN */);
        Assert.AreEqual(0ul, f.Process.Signals.Pending);
    }

    [TestMethod]
    public void NanosleepSleepsAndIsInterruptedWithTheTimeLeft()
    {
        using var f = new ArmProcessFixture();
        f.Memory.WriteUnchecked(S(0x300), [.. BitConverter.GetBytes(0u), .. BitConverter.GetBytes(30_000_000u)]);
        var watch = Stopwatch.StartNew();
        Assert.AreEqual(0, f.Call("nanosleep", S(0x300), S(0x310)));
        Assert.IsTrue(watch.ElapsedMilliseconds >= 29, $"slept {watch.ElapsedMilliseconds} ms");

        SetHandler(f, SIGUSR1, 0x10400);
        f.Memory.WriteUnchecked(S(0x300), [.. BitConverter.GetBytes(10u), .. BitConverter.GetBytes(0u)]);
        var post = PostLater(f, SIGUSR1, 30);
        watch.Restart();
        Assert.AreEqual(-EINTR, f.Call("nanosleep", S(0x300), S(0x310)));
        Assert.IsTrue(watch.ElapsedMilliseconds < 5000, $"interrupted after {watch.ElapsedMilliseconds} ms");
        post.Wait();
        uint left = f.U32(S(0x310));
        Assert.IsTrue(left is 8 or 9, $"rem = {left} s");
    }

    [TestMethod]
    public void ASignalFromAnotherThreadInterruptsRunningGuestCode()
    {
        using var f = new ArmProcessFixture();
        SetHandler(f, SIGUSR1, 0x10400);
        f.Cpu->R[13] = S(0x8000);
        int step = 0;
        int code = f.Process.Run(f.Cpu, state =>
        {
            var h = (CpuHeader*)state;
            switch (step++)
            {
                case 0:
                    // "Running guest code": spin until someone asks for the runtime, as compiled code
                    // checks ExitRequest at block boundaries.
                    h->Pc = 0x10100;
                    PostLater(f, SIGUSR1, 20);
                    var watch = Stopwatch.StartNew();
                    while ((Volatile.Read(ref h->ExitRequest) & CpuHeader.WantRuntime) == 0)
                    {
                        if (watch.ElapsedMilliseconds > 10_000) Assert.Fail("the guest was never interrupted");
                        Thread.Sleep(1);
                    }
                    Interlocked.Exchange(ref h->ExitRequest, 0);
                    return ExitReason.Interrupted;
                default:
                    Assert.AreEqual(0x10400u, h->Pc, "the handler runs after the interruption");
                    ((Frontends.Arm.ArmCpuState*)state)->R[0] = 5;
                    ((Frontends.Arm.ArmCpuState*)state)->R[7] = (uint)ArmProcessFixture.Number("exit_group");
                    return ExitReason.Syscall;
            }
        });
        Assert.AreEqual(5, code);
    }
}
