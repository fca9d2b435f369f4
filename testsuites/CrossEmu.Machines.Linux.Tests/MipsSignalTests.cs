using CrossEmu.Frontends.Mips;
using CrossEmu.Isa.Host;
using CrossEmu.Isa.State;
using CrossEmu.Machines.Linux.Mips;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>MIPS signal numbering in the run loop, the o32 frames and sigreturn, the exits the MIPS frontend raises.</summary>
[TestClass]
public sealed unsafe class MipsSignalTests
{
    const uint SIGTRAP = 5, SIGFPE = 8, SIGBUS = 10, SIGSEGV = 11, SIGUSR1 = 16;
    const uint SA_SIGINFO = 8;
    const uint Handler = 0x00400800;
    static uint S(uint offset) => MipsProcessFixture.Scratch + offset;

    static Func<nint, ExitReason> Exit(ExitReason reason, uint pc = 0x400100, uint fault = 0, uint arg = 0) => s =>
    {
        var cpu = (MipsCpuState*)s;
        cpu->Header.Pc = pc; cpu->Header.FaultAddress = fault; cpu->Header.ExitArg = arg;
        return reason;
    };

    static Func<nint, ExitReason> Syscall(MipsProcessFixture f, string name, params uint[] args) => _ =>
    {
        f.Prepare(f.Number(name), args);
        return ExitReason.Syscall;
    };

    /// <summary>Installs a handler with rt_sigaction (struct sigaction: flags, handler, mask[4]).</summary>
    static void SetHandler(MipsProcessFixture f, uint signal, uint flags, uint maskLow = 0)
    {
        f.WriteU32(S(0x100), flags);
        f.WriteU32(S(0x104), Handler);
        f.WriteU32(S(0x108), maskLow);
        for (uint i = 0x10c; i < 0x118; i += 4) f.WriteU32(S(i), 0);
        Assert.AreEqual(0, f.Call("rt_sigaction", signal, S(0x100), 0, 16));
    }

    [TestMethod]
    [DataRow(ExitReason.MemoryFault, 0u, 128 + 11)]
    [DataRow(ExitReason.AlignmentFault, 0u, 128 + 7)]   // SIGBUS: the host's number in the exit status
    [DataRow(ExitReason.IntegerOverflow, 0u, 128 + 8)]
    [DataRow(ExitReason.FloatingPoint, 0x08u, 128 + 8)]
    [DataRow(ExitReason.Trap, 7u, 128 + 8)]             // break 7: divide by zero
    [DataRow(ExitReason.Trap, 0u, 128 + 5)]
    [DataRow(ExitReason.Undefined, 0u, 128 + 4)]
    public void FaultsWithoutHandlerKill(ExitReason reason, uint arg, int expected)
    {
        using var f = new MipsProcessFixture(false);
        Assert.AreEqual(expected, f.RunScript(Exit(reason, fault: 0x1001, arg: arg)));
    }

    [TestMethod]
    [DataRow(ExitReason.AlignmentFault, 0u, SIGBUS, 1 /* BUS_ADRALN */, 0x10000001u)]
    [DataRow(ExitReason.IntegerOverflow, 0u, SIGFPE, 2 /* FPE_INTOVF */, 0x400100u)]
    [DataRow(ExitReason.Trap, 7u, SIGFPE, 1 /* FPE_INTDIV */, 0x400100u)]
    [DataRow(ExitReason.Trap, 6u, SIGFPE, 2 /* FPE_INTOVF */, 0x400100u)]
    [DataRow(ExitReason.Trap, 512u, SIGTRAP, 1 /* TRAP_BRKPT */, 0x400100u)]
    [DataRow(ExitReason.Trap, 0x80000000u, SIGTRAP, 0x80 /* SI_KERNEL */, 0u)]    // teq: force_sig(SIGTRAP)
    [DataRow(ExitReason.Trap, 0x80000007u, SIGFPE, 1 /* FPE_INTDIV */, 0x400100u)] // teq ..., 7
    [DataRow(ExitReason.FloatingPoint, 0x10u, SIGFPE, 7 /* FPE_FLTINV */, 0x400100u)]
    [DataRow(ExitReason.FloatingPoint, 0x08u, SIGFPE, 3 /* FPE_FLTDIV */, 0x400100u)]
    [DataRow(ExitReason.FloatingPoint, 0x04u, SIGFPE, 4 /* FPE_FLTOVF */, 0x400100u)]
    [DataRow(ExitReason.FloatingPoint, 0x02u, SIGFPE, 5 /* FPE_FLTUND */, 0x400100u)]
    [DataRow(ExitReason.FloatingPoint, 0x01u, SIGFPE, 6 /* FPE_FLTRES */, 0x400100u)]
    [DataRow(ExitReason.FloatingPoint, 0x1cu, SIGFPE, 7 /* V wins, as in do_fpe */, 0x400100u)]
    public void FaultsReachTheHandlerWithMipsSiginfo(ExitReason reason, uint arg, uint signal, int code, uint address)
    {
        foreach (bool be in new[] { false, true })
        {
            using var f = new MipsProcessFixture(be);
            SetHandler(f, signal, SA_SIGINFO);
            f.Cpu->Header.Pc = 0x400100; f.Cpu->Header.FaultAddress = 0x10000001; f.Cpu->Header.ExitArg = arg;
            f.Process.HandleExit(f.Cpu, reason);
            Assert.AreEqual(Handler, f.Cpu->Header.Pc);
            uint info = f.Cpu->R[MipsCpuState.A1];
            Assert.AreEqual(signal, f.U32(info), "si_signo");
            Assert.AreEqual((uint)code, f.U32(info + 4), "si_code comes second on MIPS");
            Assert.AreEqual(0u, f.U32(info + 8), "si_errno third");
            Assert.AreEqual(address, f.U32(info + 12), "si_addr");
        }
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void RtFrameRoundTripsEveryRegister(bool bigEndian)
    {
        using var f = new MipsProcessFixture(bigEndian);
        SetHandler(f, SIGSEGV, SA_SIGINFO, maskLow: 1u << (int)(SIGUSR1 - 1));
        var cpu = f.Cpu;
        for (int i = 1; i < 32; i++) cpu->R[i] = 0x01010101u * (uint)i;
        uint oldSp = MipsProcessFixture.StackTop - 0x404;
        cpu->R[MipsCpuState.Sp] = oldSp;
        cpu->Hi = 0xaaaa0001; cpu->Lo = 0xbbbb0002;
        for (int i = 0; i < 32; i++) cpu->F[i] = 0xf0000000u | (uint)i;
        cpu->Fcsr = 0x00000f83;
        cpu->UserLocal = 0x7000;
        cpu->Header.Pc = 0x400200; cpu->Header.FaultAddress = 0x44;
        var saved = Snapshot(cpu);
        f.Process.HandleExit(cpu, ExitReason.MemoryFault);

        uint frame = cpu->R[MipsCpuState.Sp];
        Assert.AreEqual(0u, frame % 8);
        Assert.IsTrue(frame + MipsSignalFrames.RtSigframeSize <= oldSp - 32, "below sp and the 32 bytes Linux leaves");
        Assert.AreEqual(Handler, cpu->Header.Pc);
        Assert.AreEqual(Handler, cpu->R[MipsCpuState.T9], "t9 = handler, for PIC handlers");
        Assert.AreEqual(SIGSEGV, cpu->R[MipsCpuState.A0]);
        Assert.AreEqual(frame + 24, cpu->R[MipsCpuState.A1], "siginfo after the argument save area and pad");
        Assert.AreEqual(frame + 152, cpu->R[MipsCpuState.A2], "ucontext after siginfo");
        Assert.AreEqual(MipsSigreturnPage.RtSigreturnCode, cpu->R[MipsCpuState.Ra]);
        uint sc = frame + 152 + 24;
        Assert.AreEqual(0x400200ul, f.U64(sc + 8), "sc_pc");
        Assert.AreEqual(0x05050505ul, f.U64(sc + 16 + 5 * 8), "sc_regs[5] as a 64-bit slot");
        Assert.AreEqual((ulong)oldSp, f.U64(sc + 16 + 29 * 8), "sc_regs[29]");
        Assert.AreEqual(0xf0000003f0000002ul, f.U64(sc + 272 + 2 * 8), "sc_fpregs[2] holds the f2/f3 pair (FR = 0)");
        Assert.AreEqual(0xf83u, f.U32(sc + 532), "sc_fpc_csr");
        Assert.AreEqual(1u, f.U32(sc + 540), "sc_used_math");
        Assert.AreEqual(0xaaaa0001ul, f.U64(sc + 552), "sc_mdhi");
        Assert.AreEqual(0xbbbb0002ul, f.U64(sc + 560), "sc_mdlo");
        Assert.AreEqual(0u, f.U32(frame + 152 + 616), "uc_sigmask: nothing was blocked");
        Assert.AreEqual((1ul << (int)(SIGSEGV - 1)) | (1ul << (int)(SIGUSR1 - 1)), f.Process.Signals.Blocked, "handler mask: sa_mask + the signal");

        // The handler clobbers everything, then returns through the trampoline: li v0, 4193; syscall.
        for (int i = 1; i < 32; i++) cpu->R[i] = 0xdead0000u + (uint)i;
        for (int i = 0; i < 32; i++) cpu->F[i] = 0;
        cpu->Hi = cpu->Lo = cpu->Fcsr = 0;
        cpu->R[MipsCpuState.Sp] = frame;
        cpu->R[MipsCpuState.V0] = 4193;
        f.Process.HandleSyscall(cpu);
        CollectionAssert.AreEqual(saved, Snapshot(cpu), "every register, hi, lo, FPRs, FCSR and pc");
        Assert.AreEqual(0ul, f.Process.Signals.Blocked, "mask restored");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void PlainHandlerGetsASigframeAndSigreturnRestores(bool bigEndian)
    {
        using var f = new MipsProcessFixture(bigEndian);
        var cpu = f.Cpu;
        uint oldSp = cpu->R[MipsCpuState.Sp];
        int steps = 0;
        int code = f.RunScript(
            s => { SetHandler(f, SIGUSR1, 0); f.Cpu->Header.Pc = 0x400100; return Syscall(f, "kill", (uint)Environment.ProcessId, SIGUSR1)(s); },
            s =>
            {
                steps++;
                var c = (MipsCpuState*)s;
                Assert.AreEqual(Handler, c->Header.Pc, "the handler runs after kill returns");
                Assert.AreEqual(SIGUSR1, c->R[MipsCpuState.A0]);
                Assert.AreEqual(0u, c->R[MipsCpuState.A1], "no siginfo without SA_SIGINFO");
                uint frame = c->R[MipsCpuState.Sp];
                Assert.AreEqual(frame + 24, c->R[MipsCpuState.A2], "a2 = &sf_sc");
                Assert.AreEqual(MipsSigreturnPage.SigreturnCode, c->R[MipsCpuState.Ra]);
                Assert.AreEqual(0x400100ul, f.U64(frame + 24 + 8), "sc_pc: after the syscall");
                Assert.AreEqual(0ul, f.U64(frame + 24 + 16 + 7 * 8), "saved a3: kill succeeded");
                c->R[MipsCpuState.V0] = 4119;
                return ExitReason.Syscall;
            },
            s =>
            {
                var c = (MipsCpuState*)s;
                Assert.AreEqual(0x400100u, c->Header.Pc);
                Assert.AreEqual(oldSp, c->R[MipsCpuState.Sp]);
                Assert.AreEqual(0u, c->R[MipsCpuState.V0], "kill's result, not sigreturn's");
                return Syscall(f, "exit_group", 3)(s);
            });
        Assert.AreEqual(1, steps);
        Assert.AreEqual(3, code);
    }

    [TestMethod]
    public void SigsetsAreSixteenBytes()
    {
        using var f = new MipsProcessFixture(true);
        for (uint i = 0; i < 16; i += 4) f.WriteU32(S(0x200 + i), 0xffffffff);
        f.WriteU32(S(0x300), 1u << (int)(SIGUSR1 - 1));
        for (uint i = 4; i < 16; i += 4) f.WriteU32(S(0x300 + i), 0);
        Assert.AreEqual(-22, f.Call("rt_sigprocmask", 1, S(0x300), 0, 8), "sigsetsize must be 16");
        Assert.AreEqual(0, f.Call("rt_sigprocmask", 1 /* SIG_BLOCK */, S(0x300), S(0x200), 16));
        CollectionAssert.AreEqual(new byte[16], f.Read(S(0x200), 16), "the whole old set is written");
        Assert.AreEqual(0, f.Call("rt_sigprocmask", 3 /* SIG_SETMASK */, 0, S(0x200), 16));
        Assert.AreEqual(1u << (int)(SIGUSR1 - 1), f.U32(S(0x200)));
        Assert.AreEqual(0, f.Call("rt_sigprocmask", 2 /* SIG_UNBLOCK */, S(0x300), 0, 16));
        Assert.AreEqual(0ul, f.Process.Signals.Blocked);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void SigactionAndSigaltstackUseMipsLayouts(bool bigEndian)
    {
        using var f = new MipsProcessFixture(bigEndian);
        SetHandler(f, SIGUSR1, SA_SIGINFO | 0x10000000 /* SA_RESTART */, maskLow: 0x5);
        Assert.AreEqual(0, f.Call("rt_sigaction", SIGUSR1, 0, S(0x200), 16));
        Assert.AreEqual(SA_SIGINFO | 0x10000000u, f.U32(S(0x200)), "sa_flags first");
        Assert.AreEqual(Handler, f.U32(S(0x204)), "sa_handler second");
        Assert.AreEqual(0x5u, f.U32(S(0x208)), "sa_mask");
        Assert.AreEqual(HostSignals.SA_SIGINFO, f.Process.Signals[(int)SIGUSR1].Flags & 0xff, "kept in host SA_* bits (SA_SIGINFO is 4 there)");

        f.WriteU32(S(0x300), 0x00150000); f.WriteU32(S(0x304), 0x4000); f.WriteU32(S(0x308), 0);
        Assert.AreEqual(0, f.Call("sigaltstack", S(0x300), 0));
        Assert.AreEqual(0, f.Call("sigaltstack", 0, S(0x310)));
        Assert.AreEqual(0x00150000u, f.U32(S(0x310)), "ss_sp");
        Assert.AreEqual(0x4000u, f.U32(S(0x314)), "ss_size second");
        Assert.AreEqual(0u, f.U32(S(0x318)), "ss_flags third");
    }

    [TestMethod]
    public void SignalsToSelfUseMipsNumbers()
    {
        using var f = new MipsProcessFixture(false);
        // MIPS SIGUSR1 (16) without a handler terminates: status 128 + the host's SIGUSR1 (10).
        Assert.AreEqual(128 + 10, f.RunScript(
            Syscall(f, "kill", (uint)Environment.ProcessId, 18 /* MIPS SIGCHLD: ignored */),
            Syscall(f, "kill", (uint)Environment.ProcessId, SIGUSR1)));
    }

    static ulong[] Snapshot(MipsCpuState* cpu)
    {
        var r = new List<ulong>();
        for (int i = 1; i < 32; i++) r.Add(cpu->R[i]);
        for (int i = 0; i < 32; i++) r.Add(cpu->F[i]);
        r.Add(cpu->Hi); r.Add(cpu->Lo); r.Add(cpu->Fcsr); r.Add(cpu->Header.Pc); r.Add(cpu->UserLocal);
        return [.. r];
    }
}
