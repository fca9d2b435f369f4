using CrossEmu.Frontends.Arm;
using CrossEmu.Isa.State;
using CrossEmu.Machines.Linux;
using CrossEmu.Machines.Linux.Arm;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>Default actions (exit codes), ignoring, blocking, and ARM signal frames with sigreturn.</summary>
[TestClass]
public sealed unsafe class SignalTests
{
    const uint SIGILL = 4, SIGTRAP = 5, SIGUSR1 = 10, SIGSEGV = 11, SIGCHLD = 17;
    const uint SA_SIGINFO = 4, SA_RESTORER = 0x04000000;
    static uint S(uint offset) => ArmProcessFixture.Scratch + offset;

    static Func<nint, ExitReason> Exit(ExitReason reason, uint pc = 0x10000, uint fault = 0, uint arg = 0) => s =>
    {
        var cpu = (ArmCpuState*)s;
        cpu->Header.Pc = pc; cpu->Header.FaultAddress = fault; cpu->Header.ExitArg = arg;
        return reason;
    };

    static Func<nint, ExitReason> Syscall(int nr, params uint[] args) => s =>
    {
        var cpu = (ArmCpuState*)s;
        for (int i = 0; i < args.Length; i++) cpu->R[i] = args[i];
        cpu->R[7] = (uint)nr;
        return ExitReason.Syscall;
    };

    static int Nr(string name) => ArmProcessFixture.Number(name);

    [TestMethod]
    [DataRow(ExitReason.MemoryFault, 139)]
    [DataRow(ExitReason.Undefined, 132)]
    [DataRow(ExitReason.Breakpoint, 133)]
    [DataRow(ExitReason.Trap, 133)]
    public void FaultsWithoutHandlerKillWith128PlusSignal(ExitReason reason, int expected)
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(expected, f.RunScript(Exit(reason, fault: 0x1234)));
        Assert.AreEqual("", f.Log.ToString(), "nothing printed, like the kernel");
    }

    [TestMethod]
    public void ExitGroupStatusIsTheExitCode()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(3, f.RunScript(Syscall(Nr("getpid")), Syscall(Nr("exit_group"), 3)));
    }

    [TestMethod]
    public void ThumbStateStopsWithAMessageAndStatus1()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(1, f.RunScript(Exit(ExitReason.Unsupported, pc: 0x10abc, arg: (uint)UnsupportedFeature.ThumbState)));
        Assert.AreEqual("crossemu: Thumb state at 0x00010abc is not supported yet", f.Log.ToString().Trim());
    }

    [TestMethod]
    public void IgnoredFaultSignalStillKills()
    {
        using var f = new ArmProcessFixture();
        WriteSigaction(f, S(0x100), handler: 1 /* SIG_IGN */, flags: 0);
        Assert.AreEqual(139, f.RunScript(Syscall(Nr("rt_sigaction"), SIGSEGV, S(0x100), 0, 8), Exit(ExitReason.MemoryFault, fault: 4)));
    }

    [TestMethod]
    public void KillSelfAppliesTheDefaultAction()
    {
        using var f = new ArmProcessFixture();
        int pid = Environment.ProcessId;
        Assert.AreEqual(128 + 10, f.RunScript(
            Syscall(Nr("kill"), (uint)pid, 0),         // signal 0: only checks
            Syscall(Nr("kill"), (uint)pid, SIGCHLD),   // default action: ignore
            Syscall(Nr("tgkill"), (uint)pid, (uint)pid, SIGUSR1)));
    }

    [TestMethod]
    public void IgnoredSignalIsIgnored()
    {
        using var f = new ArmProcessFixture();
        WriteSigaction(f, S(0x100), handler: 1, flags: 0);
        Assert.AreEqual(0, f.RunScript(
            Syscall(Nr("rt_sigaction"), SIGUSR1, S(0x100), 0, 8),
            Syscall(Nr("kill"), (uint)Environment.ProcessId, SIGUSR1),
            Syscall(Nr("exit_group"), 0)));
    }

    [TestMethod]
    public void BlockedSignalWaitsUntilUnblocked()
    {
        using var f = new ArmProcessFixture();
        f.Memory.WriteUnchecked(S(0x200), [.. BitConverter.GetBytes(1u << (int)(SIGUSR1 - 1)), .. BitConverter.GetBytes(0u)]);
        bool ranWhileBlocked = false;
        int code = f.RunScript(
            Syscall(Nr("rt_sigprocmask"), 0 /* SIG_BLOCK */, S(0x200), 0, 8),
            Syscall(Nr("kill"), (uint)Environment.ProcessId, SIGUSR1),
            s => { ranWhileBlocked = true; return Syscall(Nr("rt_sigpending"), S(0x300), 8)(s); },
            Syscall(Nr("rt_sigprocmask"), 1 /* SIG_UNBLOCK */, S(0x200), 0, 8));
        Assert.IsTrue(ranWhileBlocked);
        Assert.AreEqual(1u << (int)(SIGUSR1 - 1), f.U32(S(0x300)), "rt_sigpending saw it");
        Assert.AreEqual(138, code);
    }

    [TestMethod]
    public void SigactionRoundTrips()
    {
        using var f = new ArmProcessFixture();
        WriteSigaction(f, S(0x100), handler: 0x10400, flags: SA_SIGINFO | SA_RESTORER, restorer: 0x10500, mask: 0x5);
        Assert.AreEqual(0, f.Call("rt_sigaction", SIGUSR1, S(0x100), 0, 8));
        Assert.AreEqual(0, f.Call("rt_sigaction", SIGUSR1, 0, S(0x200), 8));
        CollectionAssert.AreEqual(f.Read(S(0x100), 20), f.Read(S(0x200), 20));
        Assert.AreEqual(-22, f.Call("rt_sigaction", 9 /* SIGKILL */, S(0x100), 0, 8));
        Assert.AreEqual(-22, f.Call("rt_sigaction", SIGUSR1, S(0x100), 0, 16), "wrong sigset size");
    }

    static void WriteSigaction(ArmProcessFixture f, uint at, uint handler, uint flags, uint restorer = 0, uint mask = 0) =>
        f.Memory.WriteUnchecked(at, [.. BitConverter.GetBytes(handler), .. BitConverter.GetBytes(flags),
            .. BitConverter.GetBytes(restorer), .. BitConverter.GetBytes(mask), .. BitConverter.GetBytes(0u)]);

    [TestMethod]
    public void FaultWithSiginfoHandlerBuildsAnRtFrameAndSigreturnRestores()
    {
        using var f = new ArmProcessFixture();
        ArmKuserPage.Install(f.Process.AddressSpace);
        WriteSigaction(f, S(0x100), handler: 0x10400, flags: SA_SIGINFO);
        Assert.AreEqual(0, f.Call("rt_sigaction", SIGSEGV, S(0x100), 0, 8));
        var cpu = f.Cpu;
        for (int i = 0; i < 15; i++) cpu->R[i] = 0x1000u + (uint)i;
        cpu->R[13] = S(0x8004);
        cpu->Z = 1; cpu->C = 1;
        cpu->Header.Pc = 0x10200; cpu->Header.FaultAddress = 0xdead0000;
        f.Process.HandleExit(cpu, ExitReason.MemoryFault);

        Assert.IsFalse(f.Process.HasExited);
        Assert.AreEqual(0x10400u, cpu->Header.Pc, "pc at the handler");
        Assert.AreEqual(SIGSEGV, cpu->R[0]);
        uint sp = cpu->R[13];
        Assert.AreEqual(0u, sp % 8);
        Assert.IsTrue(sp < S(0x8004));
        Assert.AreEqual(sp, cpu->R[1], "siginfo at the frame start");
        Assert.AreEqual(sp + 128, cpu->R[2], "ucontext after siginfo");
        Assert.AreEqual(ArmKuserPage.RtSigreturnCode, cpu->R[14], "returns through the rt_sigreturn trampoline");
        Assert.AreEqual(SIGSEGV, f.U32(cpu->R[1]), "si_signo");
        Assert.AreEqual(1u, f.U32(cpu->R[1] + 8), "si_code SEGV_MAPERR");
        Assert.AreEqual(0xdead0000u, f.U32(cpu->R[1] + 12), "si_addr");
        uint mcontext = cpu->R[2] + 20;
        Assert.AreEqual(0x1005u, f.U32(mcontext + 12 + 4 * 5), "saved r5");
        Assert.AreEqual(0x10200u, f.U32(mcontext + 12 + 4 * 15), "saved pc");
        Assert.AreEqual(0x60000010u, f.U32(mcontext + 12 + 4 * 16), "saved cpsr: Z C user mode");
        Assert.AreEqual(1u << (int)(SIGSEGV - 1), (uint)f.Process.Signals.Blocked, "the signal is blocked in its handler");

        // The handler "fixes" things and returns: the trampoline makes rt_sigreturn with sp at the frame.
        cpu->R[5] = 0; cpu->Z = 0;
        f.Memory.WriteUnchecked(mcontext + 12 + 4 * 15, BitConverter.GetBytes(0x10204u)); // skip the faulting insn
        cpu->R[7] = (uint)Nr("rt_sigreturn");
        f.Process.HandleSyscall(cpu);
        Assert.AreEqual(0x10204u, cpu->Header.Pc);
        Assert.AreEqual(0x1005u, cpu->R[5]);
        Assert.AreEqual(0x1000u, cpu->R[0], "r0 restored, not overwritten by a result");
        Assert.AreEqual(S(0x8004), cpu->R[13]);
        Assert.AreEqual(0x1007u, cpu->R[7]);
        Assert.AreEqual(1, cpu->Z); Assert.AreEqual(1, cpu->C);
        Assert.AreEqual(0ul, f.Process.Signals.Blocked, "mask restored");
    }

    [TestMethod]
    public void KillWithPlainHandlerUsesSaRestorerAndSigreturn()
    {
        using var f = new ArmProcessFixture();
        WriteSigaction(f, S(0x100), handler: 0x10400, flags: SA_RESTORER, restorer: 0x10800);
        var cpu = f.Cpu;
        cpu->R[13] = S(0x8000);
        int steps = 0;
        int code = f.RunScript(
            Syscall(Nr("rt_sigaction"), SIGUSR1, S(0x100), 0, 8),
            s => { ((ArmCpuState*)s)->Header.Pc = 0x10100; return Syscall(Nr("kill"), (uint)Environment.ProcessId, SIGUSR1)(s); },
            s =>
            {
                var c = (ArmCpuState*)s;
                steps++;
                Assert.AreEqual(0x10400u, c->Header.Pc, "handler runs after the kill returns");
                Assert.AreEqual(SIGUSR1, c->R[0]);
                Assert.AreEqual(0x10800u, c->R[14], "SA_RESTORER");
                Assert.AreEqual(0u, f.U32(c->R[13] + 20 + 12), "saved r0 is kill's result 0");
                c->R[7] = (uint)Nr("sigreturn");
                return ExitReason.Syscall;
            },
            s =>
            {
                var c = (ArmCpuState*)s;
                Assert.AreEqual(0x10100u, c->Header.Pc, "back after the svc");
                Assert.AreEqual(S(0x8000), c->R[13]);
                return Syscall(Nr("exit_group"), 9)(s);
            });
        Assert.AreEqual(1, steps);
        Assert.AreEqual(9, code);
    }
}
