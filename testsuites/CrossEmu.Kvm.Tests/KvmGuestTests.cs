using System.Buffers.Binary;
using CrossEmu.Devices.Bus;
using CrossEmu.Frontends.X86.Boot;
using CrossEmu.Kvm.Native;
using CrossEmu.Kvm.Probe;
using static Iced.Intel.AssemblerRegisters;

namespace CrossEmu.Kvm.Tests;

/// <summary>Guests on the real /dev/kvm (inconclusive where there is none).</summary>
[TestClass]
public sealed class KvmGuestTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>Long mode at 0x10000 on a stack at 0x8000, with the boot GDT at 0x500 and the first 2 MiB identity-mapped from 0x1000.</summary>
    static readonly X86EntryState LongModeEntry = X86EntryState.Long64(0x1_0000, 0, cr3: 0x1000, gdtBase: 0x500, idtBase: 0) with { Rsp = 0x8000 };

    static void WriteLongModeTables(TestVm t)
    {
        IdentityPageTables.Write(t.Ram.Span(0x1000, IdentityPageTables.Size(0x20_0000)), 0x1000, 0x20_0000);
        BootGdt.Write(t.Ram.Span(0x500, BootGdt.Size));
    }

    [TestMethod]
    public void AVmReportsItsCapabilitiesAndMapsRamAndRom()
    {
        using var t = new TestVm(0x10_0000, new KvmVmOptions());
        Assert.IsTrue(t.Vm.HasIrqchip);
        Assert.IsGreaterThan(0, t.Vm.VcpuMmapSize);
        Assert.IsNotEmpty(t.Vm.SupportedCpuid);
        var rom = t.AddRom(0xFFFF_0000, 0x1_0000, [0xEA]);
        var slots = t.Vm.MemorySlots;
        Assert.HasCount(2, slots);
        Assert.AreEqual((0UL, 0x10_0000UL, false), (slots[0].GuestPhysical, slots[0].Size, slots[0].ReadOnly));
        Assert.AreEqual((0xFFFF_0000UL, t.Vm.HasReadonlyMemory), (slots[1].GuestPhysical, slots[1].ReadOnly));
        Assert.ThrowsExactly<ArgumentException>(() => t.Vm.Map(0x8_0000, 0x1000, rom.HostAddress, readOnly: false));
        t.Vm.SetIrq(4, true);
        t.Vm.SetIrq(4, false);
        var vcpu = t.Vm.CreateVcpu(0);
        vcpu.ConfigureLegacyLint();
        Assert.AreEqual(KvmConst.MpStateRunnable, vcpu.GetMpState(), "the BSP is runnable");
    }

    [TestMethod]
    public void AVcpuStartsWithItsCpuidBootMsrsAndRegisters()
    {
        using var t = new TestVm();
        var vcpu = t.Vm.CreateVcpu(0);
        TestContext.WriteLine($"refused boot MSRs: {string.Join(", ", vcpu.RefusedBootMsrs.Select(m => $"0x{m:x}"))}");
        var msrs = vcpu.GetMsrs([BootMsrs.Ia32MiscEnable]);
        if (!vcpu.RefusedBootMsrs.Contains(BootMsrs.Ia32MiscEnable))
            Assert.AreEqual(BootMsrs.MiscEnableFastString, msrs[BootMsrs.Ia32MiscEnable] & BootMsrs.MiscEnableFastString);
        var regs = vcpu.GetRegs();
        Assert.AreEqual(0xFFF0UL, regs.Rip, "the reset state");
        regs.Rbx = 0x1234_5678_9ABC_DEF0;
        vcpu.SetRegs(regs);
        Assert.AreEqual(0x1234_5678_9ABC_DEF0UL, vcpu.GetRegs().Rbx);
        Assert.AreEqual(0xFFFF_0000UL, vcpu.GetSregs().Cs.Base);
        Assert.ThrowsExactly<InvalidOperationException>(() => t.Vm.SetIrq(1, true), "no irqchip in this VM");
    }

    [TestMethod]
    public void ARealModeGuestWritesPortsAndHalts()
    {
        using var t = new TestVm();
        t.Load(0x1000, KvmHost.Assemble(16, 0x1000, a =>
        {
            a.mov(al, 0x42);
            a.@out(0x10, al);
            a.mov(dx, 0x3F8);
            a.mov(ax, 0x1234);
            a.@out(dx, ax);
            a.mov(eax, 0xDEAD_BEEF);
            a.@out(dx, eax);
            a.hlt();
        }));
        var io = t.RunUntilHalted(KvmHost.RealMode(0x1000));
        CollectionAssert.AreEqual(new[]
        {
            ("out", 0x10UL, AccessWidth.Byte, 0x42UL),
            ("out", 0x3F8UL, AccessWidth.Word, 0x1234UL),
            ("out", 0x3F8UL, AccessWidth.DoubleWord, 0xDEAD_BEEFUL),
        }, io.Log.ToArray());
    }

    [TestMethod]
    public void PortInputAndStringIoOfSeveralItems()
    {
        using var t = new TestVm();
        "ABCD"u8.CopyTo(t.Ram.Span(0x2000, 4));
        t.Load(0x1000, KvmHost.Assemble(16, 0x1000, a =>
        {
            a.@in(al, 0x60);
            a.@out(0x10, al);
            a.cld();
            a.mov(si, 0x2000);
            a.mov(cx, 4);
            a.mov(dx, 0xE9);
            a.rep.outsb();
            a.mov(di, 0x3000);
            a.mov(cx, 3);
            a.mov(dx, 0x70);
            a.rep.insw();
            a.hlt();
        }));
        ushort next = 0x100;
        var io = new FakeIo { PortValue = (port, w) => port == 0x60 ? 0x5AUL : next++ };
        t.RunUntilHalted(KvmHost.RealMode(0x1000), io);
        var log = io.Log;
        Assert.AreEqual(("in", 0x60UL, AccessWidth.Byte, 0x5AUL), log[0]);
        Assert.AreEqual(("out", 0x10UL, AccessWidth.Byte, 0x5AUL), log[1]);
        CollectionAssert.AreEqual("ABCD"u8.ToArray().Select(b => (ulong)b).ToArray(),
            log.Where(l => l.Kind == "out" && l.Address == 0xE9).Select(l => l.Value).ToArray());
        Assert.HasCount(3, log.Where(l => l.Kind == "in" && l.Address == 0x70 && l.Width == AccessWidth.Word).ToList());
        CollectionAssert.AreEqual(new byte[] { 0x00, 0x01, 0x01, 0x01, 0x02, 0x01 }, t.Ram.Span(0x3000, 6).ToArray());
    }

    [TestMethod]
    public void MmioReadsAndWritesGoToTheDispatcher()
    {
        using var t = new TestVm(0x1_0000);
        t.Load(0x1000, KvmHost.Assemble(16, 0x1000, a =>
        {
            a.mov(ax, 0x2000);
            a.mov(ds, ax);
            a.mov(eax, __dword_ptr[0x10]);
            a.mov(__dword_ptr[0x20], eax);
            a.mov(__byte_ptr[0x30], 0x5A);
            a.mov(bx, __word_ptr[0x40]);
            a.@out(0x10, ax);
            a.mov(ax, bx);
            a.@out(0x10, ax);
            a.hlt();
        }));
        var io = new FakeIo { MemoryValue = (address, w) => address == 0x20010 ? 0x1234_5678UL : 0xBEEF };
        t.RunUntilHalted(KvmHost.RealMode(0x1000), io);
        CollectionAssert.AreEqual(new[]
        {
            ("mr", 0x20010UL, AccessWidth.DoubleWord, 0x1234_5678UL),
            ("mw", 0x20020UL, AccessWidth.DoubleWord, 0x1234_5678UL),
            ("mw", 0x20030UL, AccessWidth.Byte, 0x5AUL),
            ("mr", 0x20040UL, AccessWidth.Word, 0xBEEFUL),
            ("out", 0x10UL, AccessWidth.Word, 0x5678UL),
            ("out", 0x10UL, AccessWidth.Word, 0xBEEFUL),
        }, io.Log.ToArray());
    }

    [TestMethod]
    public void RomReadsAtMemorySpeedAndWritesExitAsMmio()
    {
        using var t = new TestVm(0x1_0000);
        if (!t.Vm.HasReadonlyMemory) Assert.Inconclusive("this KVM has no KVM_CAP_READONLY_MEM");
        t.AddRom(0x2_0000, 0x1_0000, [0xAB]);
        t.Load(0x1000, KvmHost.Assemble(16, 0x1000, a =>
        {
            a.mov(ax, 0x2000);
            a.mov(ds, ax);
            a.mov(__byte_ptr[0], 0x11);
            a.mov(al, __byte_ptr[0]);
            a.@out(0x10, al);
            a.hlt();
        }));
        var io = t.RunUntilHalted(KvmHost.RealMode(0x1000));
        CollectionAssert.AreEqual(new[] { ("mw", 0x20000UL, AccessWidth.Byte, 0x11UL), ("out", 0x10UL, AccessWidth.Byte, 0xABUL) }, io.Log.ToArray());
    }

    [TestMethod]
    public void ProtectedModeEntryRuns32BitCode()
    {
        using var t = new TestVm();
        BootGdt.Write(t.Ram.Span(0x500, BootGdt.Size));
        t.Load(0x1_0000, KvmHost.Assemble(32, 0x1_0000, a =>
        {
            a.mov(eax, 0xCAFE_BABE);
            a.@out(0x10, eax);
            a.mov(ax, ds);
            a.@out(0x10, ax);
            a.hlt();
        }));
        var io = t.RunUntilHalted(X86EntryState.Protected32Flat(0x1_0000, 0, 0, gdtBase: 0x500, idtBase: 0));
        CollectionAssert.AreEqual(new ulong[] { 0xCAFE_BABE, BootGdt.DataSelector }, io.Log.Select(l => l.Value).ToArray());
    }

    [TestMethod]
    public void LongModeEntryRuns64BitCode()
    {
        using var t = new TestVm(0x20_0000);
        WriteLongModeTables(t);
        t.Load(0x1_0000, KvmHost.Assemble(64, 0x1_0000, a =>
        {
            a.mov(rax, 0x1122_3344_5566_7788);
            a.@out(0x10, eax);
            a.shr(rax, 32);
            a.@out(0x10, eax);
            a.hlt();
        }));
        var io = t.RunUntilHalted(LongModeEntry);
        CollectionAssert.AreEqual(new ulong[] { 0x5566_7788, 0x1122_3344 }, io.Log.Select(l => l.Value).ToArray());
    }

    [TestMethod]
    public void TwoVcpusRunOnTheirOwnThreadsAndSeeTheirOwnApicIds()
    {
        using var t = new TestVm(0x10_0000, new KvmVmOptions { VcpuCount = 2, InKernelIrqchip = false, InKernelPit = false });
        byte[] Code(ushort at) => KvmHost.Assemble(16, at, a =>
        {
            a.mov(eax, 1);
            a.cpuid();
            a.shr(ebx, 24);
            a.mov(ax, bx);
            a.@out(0x11, ax);
            a.hlt();
        });
        t.Load(0x1000, Code(0x1000));
        t.Load(0x1100, Code(0x1100));
        var v0 = t.Vm.CreateVcpu(0);
        var v1 = t.Vm.CreateVcpu(1);
        KvmHost.EnterRealMode(v0, 0x1000);
        KvmHost.EnterRealMode(v1, 0x1100);
        var io = new FakeIo();
        var outcome = t.Run([v0, v1], io);
        Assert.AreEqual(KvmOutcomeKind.Halted, outcome.Kind, outcome.ToString());
        CollectionAssert.AreEquivalent(new ulong[] { 0, 1 }, io.Log.Where(l => l.Address == 0x11).Select(l => l.Value).ToArray());
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void StopKicksSpinningVcpusOutOfKvmRun()
    {
        using var t = new TestVm(0x10_0000, new KvmVmOptions { VcpuCount = 2 });
        t.Load(0x1000, KvmHost.Assemble(16, 0x1000, a =>
        {
            var spin = a.CreateLabel();
            a.Label(ref spin);
            a.jmp(spin);
        }));
        var v0 = t.Vm.CreateVcpu(0);
        var v1 = t.Vm.CreateVcpu(1);
        KvmHost.EnterRealMode(v0, 0x1000);
        KvmHost.EnterRealMode(v1, 0x1000);
        v1.SetMpState(KvmConst.MpStateRunnable); // the AP runs at once instead of waiting for INIT/SIPI
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var outcome = t.Run([v0, v1], new FakeIo(), runner =>
        {
            Thread.Sleep(300);
            Assert.IsFalse(runner.Completion.IsCompleted, "the guest spins");
            var stopper = new Thread(runner.Stop);
            stopper.Start();
            stopper.Join();
            Assert.IsTrue(runner.Completion.Wait(TimeSpan.FromSeconds(10)), "the vCPU threads left KVM_RUN");
        });
        Assert.AreEqual(KvmOutcomeKind.Stopped, outcome.Kind);
        Assert.IsLessThan(15.0, sw.Elapsed.TotalSeconds);
    }

    [TestMethod]
    public void ADeviceOnTheVcpuThreadPowersTheMachineOffWithAnExitCode()
    {
        using var t = new TestVm();
        t.Load(0x1000, KvmHost.Assemble(16, 0x1000, a =>
        {
            var spin = a.CreateLabel();
            a.mov(al, 3);
            a.@out(0xF4, al);
            a.Label(ref spin);
            a.jmp(spin);
        }));
        var vcpu = t.Vm.CreateVcpu(0);
        KvmHost.EnterRealMode(vcpu, 0x1000);
        KvmMachineRunner? runner = null;
        var io = new FakeIo { OnPortWrite = (port, value) => { if (port == 0xF4) runner!.PowerOff((int)value); } };
        runner = new KvmMachineRunner([vcpu], io);
        using (runner)
        {
            var outcome = runner.Wait(TimeSpan.FromSeconds(20));
            Assert.AreEqual(KvmOutcomeKind.PoweredOff, outcome.Kind, outcome.ToString());
            Assert.AreEqual(3, outcome.ExitCode);
        }
    }

    [TestMethod]
    public void AnExceptionWithoutAnInterruptTableIsATripleFault()
    {
        const byte IvtHandlerPort = 0x13;
        using var t = new TestVm();
        // IVT entry 3 leads to a handler that reports itself, so a KVM that ignores the IDT limit of 0 shows it
        // at once (PVM's real-mode emulation does) instead of running on through zeroed memory.
        BinaryPrimitives.WriteUInt32LittleEndian(t.Ram.Span(3 * 4, 4), 0x2000); // 0000:2000
        t.Load(0x2000, KvmHost.Assemble(16, 0x2000, a => { a.@out(IvtHandlerPort, al); a.hlt(); }));
        t.Load(0x1000, KvmHost.Assemble(16, 0x1000, a => a.int3()));
        var vcpu = t.Vm.CreateVcpu(0);
        KvmHost.EnterRealMode(vcpu, 0x1000);
        var sregs = vcpu.GetSregs();
        sregs.Idt = new KvmDtable { Base = 0, Limit = 0 };
        vcpu.SetSregs(sregs);
        var io = new FakeIo();
        var outcome = t.Run([vcpu], io);
        if (outcome.Kind != KvmOutcomeKind.TripleFault && io.Log.Any(l => l.Address == IvtHandlerPort) && KvmHost.Kind == KvmKind.Pvm)
            Assert.Inconclusive($"PVM host (kvm_pvm): in real mode with IDTR.limit 0, INT3 ran the IVT's handler at 0000:2000 " +
                $"(it wrote port 0x{IvtHandlerPort:x}; outcome: {outcome}) instead of a triple fault: PVM's real-mode emulation " +
                "does not check the IDT limit (the long-mode case is tested by ALongModeExceptionWithoutAnInterruptTableIsATripleFault)");
        Assert.AreEqual(KvmOutcomeKind.TripleFault, outcome.Kind, outcome.ToString());
        Assert.AreEqual(0, outcome.Vcpu);
    }

    [TestMethod]
    public void ALongModeExceptionWithoutAnInterruptTableIsATripleFault()
    {
        using var t = new TestVm(0x20_0000);
        WriteLongModeTables(t);
        t.Load(0x1_0000, KvmHost.Assemble(64, 0x1_0000, a =>
        {
            a.ud2();
            a.hlt();
        }));
        var vcpu = t.Vm.CreateVcpu(0);
        KvmEntryState.Apply(vcpu, LongModeEntry);
        Assert.AreEqual((ushort)0, vcpu.GetSregs().Idt.Limit, "no interrupt table");
        var io = new FakeIo();
        var outcome = t.Run([vcpu], io);
        Assert.AreEqual(KvmOutcomeKind.TripleFault, outcome.Kind, outcome.ToString());
        Assert.AreEqual(0, outcome.Vcpu);
        Assert.IsEmpty(io.Log);
    }

    [TestMethod]
    public void TheProbeMeasuresGuestSpeedAtCpl0AndCpl3()
    {
        KvmHost.OpenOrInconclusive().Dispose();
        var report = KvmProbe.Run(new KvmProbeOptions { TimeLimit = TimeSpan.FromSeconds(10) });
        foreach (var line in report.Lines()) TestContext.WriteLine(line);
        Assert.IsTrue(report.Usable, string.Join("\n", report.Lines()));
        Assert.IsNull(report.SpeedError, report.SpeedError);
        Assert.IsGreaterThan(0.0, report.Cpl0Speed?.InstructionsPerSecond ?? 0, report.Cpl0Speed?.ToString());
        Assert.IsGreaterThan(0.0, report.Cpl3Speed?.InstructionsPerSecond ?? 0, report.Cpl3Speed?.ToString());
    }
}
