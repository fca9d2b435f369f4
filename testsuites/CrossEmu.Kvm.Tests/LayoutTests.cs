using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CrossEmu.Kvm.Native;
using CrossEmu.Testing;

namespace CrossEmu.Kvm.Tests;

/// <summary>
/// Every struct size, field offset, ioctl number and constant declared in C# against the host's C headers: the test
/// writes a C program printing them, compiles it with gcc against &lt;linux/kvm.h&gt; and compares line by line.
/// </summary>
[TestClass]
public sealed class LayoutTests
{
    public TestContext TestContext { get; set; } = null!;

    static long Off<T>(string field) => Marshal.OffsetOf<T>(field).ToInt64();

    static IEnumerable<(string Name, string CExpression, long Value)> Checks()
    {
        // struct kvm_regs
        yield return ("sizeof kvm_regs", "sizeof(struct kvm_regs)", Unsafe.SizeOf<KvmRegs>());
        string[] regs = ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "rflags"];
        foreach (var r in regs) yield return Field<KvmRegs>("kvm_regs", r, Pascal(r));

        // struct kvm_segment, kvm_dtable, kvm_sregs
        yield return ("sizeof kvm_segment", "sizeof(struct kvm_segment)", Unsafe.SizeOf<KvmSegment>());
        foreach (var f in new[] { "base", "limit", "selector", "type", "present", "dpl", "db", "s", "l", "g", "avl", "unusable", "padding" })
            yield return Field<KvmSegment>("kvm_segment", f, Pascal(f));
        yield return ("sizeof kvm_dtable", "sizeof(struct kvm_dtable)", Unsafe.SizeOf<KvmDtable>());
        foreach (var f in new[] { "base", "limit", "padding" }) yield return Field<KvmDtable>("kvm_dtable", f, Pascal(f));
        yield return ("sizeof kvm_sregs", "sizeof(struct kvm_sregs)", Unsafe.SizeOf<KvmSregs>());
        string[] sregs = ["cs", "ds", "es", "fs", "gs", "ss", "tr", "ldt", "gdt", "idt", "cr0", "cr2", "cr3", "cr4", "cr8", "efer", "apic_base",
            "interrupt_bitmap"];
        foreach (var f in sregs) yield return Field<KvmSregs>("kvm_sregs", f, Pascal(f));
        yield return ("sizeof kvm_sregs.interrupt_bitmap", "sizeof(((struct kvm_sregs*)0)->interrupt_bitmap)", KvmSregs.InterruptBitmapWords * 8);

        // struct kvm_fpu
        yield return ("sizeof kvm_fpu", "sizeof(struct kvm_fpu)", Unsafe.SizeOf<KvmFpu>());
        foreach (var f in new[] { "fpr", "fcw", "fsw", "ftwx", "pad1", "last_opcode", "last_ip", "last_dp", "xmm", "mxcsr", "pad2" })
            yield return Field<KvmFpu>("kvm_fpu", f, Pascal(f));

        yield return ("sizeof kvm_lapic_state", "sizeof(struct kvm_lapic_state)", Unsafe.SizeOf<KvmLapicState>());
        yield return ("KVM_APIC_REG_SIZE", "KVM_APIC_REG_SIZE", KvmLapicState.Size);

        // memory region, irq level, PIT config, MP state
        yield return ("sizeof kvm_userspace_memory_region", "sizeof(struct kvm_userspace_memory_region)", Unsafe.SizeOf<KvmUserspaceMemoryRegion>());
        foreach (var f in new[] { "slot", "flags", "guest_phys_addr", "memory_size", "userspace_addr" })
            yield return Field<KvmUserspaceMemoryRegion>("kvm_userspace_memory_region", f, Pascal(f));
        yield return ("sizeof kvm_irq_level", "sizeof(struct kvm_irq_level)", Unsafe.SizeOf<KvmIrqLevel>());
        yield return Field<KvmIrqLevel>("kvm_irq_level", "irq", "Irq");
        yield return Field<KvmIrqLevel>("kvm_irq_level", "level", "Level");
        yield return ("offsetof kvm_irq_level.status", "offsetof(struct kvm_irq_level, status)", Off<KvmIrqLevel>("Irq"));
        yield return ("sizeof kvm_pit_config", "sizeof(struct kvm_pit_config)", Unsafe.SizeOf<KvmPitConfig>());
        yield return Field<KvmPitConfig>("kvm_pit_config", "flags", "Flags");
        yield return Field<KvmPitConfig>("kvm_pit_config", "pad", "Pad");
        yield return ("sizeof kvm_mp_state", "sizeof(struct kvm_mp_state)", Unsafe.SizeOf<KvmMpState>());
        yield return Field<KvmMpState>("kvm_mp_state", "mp_state", "MpState");

        // MSRs and CPUID (headers of flexible-array structs, then their entries)
        yield return ("sizeof kvm_msr_entry", "sizeof(struct kvm_msr_entry)", Unsafe.SizeOf<KvmMsrEntry>());
        foreach (var f in new[] { "index", "reserved", "data" }) yield return Field<KvmMsrEntry>("kvm_msr_entry", f, Pascal(f));
        yield return ("sizeof kvm_msrs", "sizeof(struct kvm_msrs)", Unsafe.SizeOf<KvmMsrs>());
        yield return Field<KvmMsrs>("kvm_msrs", "nmsrs", "Nmsrs");
        yield return Field<KvmMsrs>("kvm_msrs", "pad", "Pad");
        yield return ("offsetof kvm_msrs.entries", "offsetof(struct kvm_msrs, entries)", Unsafe.SizeOf<KvmMsrs>());
        yield return ("sizeof kvm_msr_list", "sizeof(struct kvm_msr_list)", Unsafe.SizeOf<KvmMsrList>());
        yield return ("offsetof kvm_msr_list.indices", "offsetof(struct kvm_msr_list, indices)", Unsafe.SizeOf<KvmMsrList>());
        yield return ("sizeof kvm_cpuid_entry2", "sizeof(struct kvm_cpuid_entry2)", Unsafe.SizeOf<KvmCpuidEntry2>());
        foreach (var f in new[] { "function", "index", "flags", "eax", "ebx", "ecx", "edx", "padding" })
            yield return Field<KvmCpuidEntry2>("kvm_cpuid_entry2", f, Pascal(f));
        yield return ("sizeof kvm_cpuid2", "sizeof(struct kvm_cpuid2)", Unsafe.SizeOf<KvmCpuid2>());
        yield return Field<KvmCpuid2>("kvm_cpuid2", "nent", "Nent");
        yield return Field<KvmCpuid2>("kvm_cpuid2", "padding", "Padding");
        yield return ("offsetof kvm_cpuid2.entries", "offsetof(struct kvm_cpuid2, entries)", Unsafe.SizeOf<KvmCpuid2>());

        // struct kvm_run: the header and every exit union member used
        string[] run = ["request_interrupt_window", "immediate_exit", "exit_reason", "ready_for_interrupt_injection", "if_flag", "flags", "cr8", "apic_base"];
        foreach (var f in run) yield return Field<KvmRun>("kvm_run", f, Pascal(f));
        yield return ("offsetof kvm_run.hw", "offsetof(struct kvm_run, hw)", KvmRun.UnionOffset);
        yield return Nested<KvmRun, KvmRunHw>("hw", "Hw", "hardware_exit_reason");
        yield return Nested<KvmRun, KvmRunFailEntry>("fail_entry", "FailEntry", "hardware_entry_failure_reason");
        yield return Nested<KvmRun, KvmRunFailEntry>("fail_entry", "FailEntry", "cpu");
        yield return Nested<KvmRun, KvmRunEx>("ex", "Ex", "exception");
        yield return Nested<KvmRun, KvmRunEx>("ex", "Ex", "error_code");
        foreach (var f in new[] { "direction", "size", "port", "count", "data_offset" }) yield return Nested<KvmRun, KvmRunIo>("io", "Io", f);
        foreach (var f in new[] { "phys_addr", "data", "len", "is_write" }) yield return Nested<KvmRun, KvmRunMmio>("mmio", "Mmio", f);
        foreach (var f in new[] { "suberror", "ndata", "data" }) yield return Nested<KvmRun, KvmRunInternal>("internal", "Internal", f);
        foreach (var f in new[] { "type", "ndata", "data" }) yield return Nested<KvmRun, KvmRunSystemEvent>("system_event", "SystemEvent", f);
        yield return ("offsetof kvm_run.system_event.flags", "offsetof(struct kvm_run, system_event.flags)",
            Off<KvmRun>("SystemEvent") + Off<KvmRunSystemEvent>("Data"));
        yield return ("sizeof kvm_run.mmio.data", "sizeof(((struct kvm_run*)0)->mmio.data)", 8);
        yield return ("sizeof kvm_run.internal.data", "sizeof(((struct kvm_run*)0)->internal.data)", 16 * 8);
        // The C# struct covers the header and the union; the union ends where kvm_valid_regs starts.
        yield return ("offsetof kvm_run.kvm_valid_regs", "offsetof(struct kvm_run, kvm_valid_regs)", Unsafe.SizeOf<KvmRun>());

        // ioctl numbers
        foreach (var (name, number) in KvmIoctl.All) yield return (name, $"(unsigned long){name}", (long)number);

        // constants
        yield return ("KVM_API_VERSION", "KVM_API_VERSION", KvmConst.ApiVersion);
        yield return ("KVM_MEM_READONLY", "KVM_MEM_READONLY", KvmConst.MemReadonly);
        yield return ("KVM_PIT_SPEAKER_DUMMY", "KVM_PIT_SPEAKER_DUMMY", KvmConst.PitSpeakerDummy);
        yield return ("KVM_MP_STATE_RUNNABLE", "KVM_MP_STATE_RUNNABLE", KvmConst.MpStateRunnable);
        yield return ("KVM_MP_STATE_UNINITIALIZED", "KVM_MP_STATE_UNINITIALIZED", KvmConst.MpStateUninitialized);
        yield return ("KVM_MP_STATE_INIT_RECEIVED", "KVM_MP_STATE_INIT_RECEIVED", KvmConst.MpStateInitReceived);
        yield return ("KVM_MP_STATE_HALTED", "KVM_MP_STATE_HALTED", KvmConst.MpStateHalted);
        yield return ("KVM_MP_STATE_SIPI_RECEIVED", "KVM_MP_STATE_SIPI_RECEIVED", KvmConst.MpStateSipiReceived);
        yield return ("KVM_CPUID_FLAG_SIGNIFCANT_INDEX", "KVM_CPUID_FLAG_SIGNIFCANT_INDEX", KvmCpuidEntry2.FlagSignificantIndex);
        yield return ("KVM_EXIT_IO_IN", "KVM_EXIT_IO_IN", KvmRunIo.DirectionIn);
        yield return ("KVM_EXIT_IO_OUT", "KVM_EXIT_IO_OUT", KvmRunIo.DirectionOut);
        foreach (var (name, value) in new (string, uint)[]
        {
            ("KVM_EXIT_UNKNOWN", KvmExit.Unknown), ("KVM_EXIT_EXCEPTION", KvmExit.Exception), ("KVM_EXIT_IO", KvmExit.Io),
            ("KVM_EXIT_HYPERCALL", KvmExit.Hypercall), ("KVM_EXIT_DEBUG", KvmExit.Debug), ("KVM_EXIT_HLT", KvmExit.Hlt),
            ("KVM_EXIT_MMIO", KvmExit.Mmio), ("KVM_EXIT_IRQ_WINDOW_OPEN", KvmExit.IrqWindowOpen), ("KVM_EXIT_SHUTDOWN", KvmExit.Shutdown),
            ("KVM_EXIT_FAIL_ENTRY", KvmExit.FailEntry), ("KVM_EXIT_INTR", KvmExit.Intr), ("KVM_EXIT_SET_TPR", KvmExit.SetTpr),
            ("KVM_EXIT_TPR_ACCESS", KvmExit.TprAccess), ("KVM_EXIT_NMI", KvmExit.Nmi), ("KVM_EXIT_INTERNAL_ERROR", KvmExit.InternalError),
            ("KVM_EXIT_SYSTEM_EVENT", KvmExit.SystemEvent), ("KVM_EXIT_IOAPIC_EOI", KvmExit.IoapicEoi),
            ("KVM_SYSTEM_EVENT_SHUTDOWN", KvmSystemEvent.Shutdown), ("KVM_SYSTEM_EVENT_RESET", KvmSystemEvent.Reset),
            ("KVM_SYSTEM_EVENT_CRASH", KvmSystemEvent.Crash), ("KVM_SYSTEM_EVENT_WAKEUP", KvmSystemEvent.Wakeup),
            ("KVM_SYSTEM_EVENT_SUSPEND", KvmSystemEvent.Suspend), ("KVM_SYSTEM_EVENT_SEV_TERM", KvmSystemEvent.SevTerm),
            ("KVM_INTERNAL_ERROR_EMULATION", KvmInternalError.Emulation), ("KVM_INTERNAL_ERROR_SIMUL_EX", KvmInternalError.SimulEx),
            ("KVM_INTERNAL_ERROR_DELIVERY_EV", KvmInternalError.DeliveryEv),
            ("KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON", KvmInternalError.UnexpectedExitReason),
        })
            yield return (name, name, value);
        foreach (var (name, value) in new (string, int)[]
        {
            ("KVM_CAP_IRQCHIP", KvmCap.Irqchip), ("KVM_CAP_USER_MEMORY", KvmCap.UserMemory), ("KVM_CAP_SET_TSS_ADDR", KvmCap.SetTssAddr),
            ("KVM_CAP_EXT_CPUID", KvmCap.ExtCpuid), ("KVM_CAP_NR_VCPUS", KvmCap.NrVcpus), ("KVM_CAP_NR_MEMSLOTS", KvmCap.NrMemslots),
            ("KVM_CAP_MP_STATE", KvmCap.MpState), ("KVM_CAP_PIT2", KvmCap.Pit2), ("KVM_CAP_SET_IDENTITY_MAP_ADDR", KvmCap.SetIdentityMapAddr),
            ("KVM_CAP_INTERNAL_ERROR_DATA", KvmCap.InternalErrorData), ("KVM_CAP_MAX_VCPUS", KvmCap.MaxVcpus),
            ("KVM_CAP_READONLY_MEM", KvmCap.ReadonlyMem), ("KVM_CAP_IMMEDIATE_EXIT", KvmCap.ImmediateExit),
            ("KVM_CAP_SYSTEM_EVENT_DATA", KvmCap.SystemEventData),
        })
            yield return (name, name, value);
    }

    static (string, string, long) Field<T>(string cStruct, string cField, string csField) =>
        ($"offsetof {cStruct}.{cField}", $"offsetof(struct {cStruct}, {cField})", Off<T>(csField));

    static (string, string, long) Nested<TOuter, TInner>(string cMember, string csMember, string cField) =>
        ($"offsetof kvm_run.{cMember}.{cField}", $"offsetof(struct kvm_run, {cMember}.{cField})", Off<TOuter>(csMember) + Off<TInner>(Pascal(cField)));

    static string Pascal(string c) => string.Concat(c.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    [TestMethod]
    public void StructLayoutsIoctlNumbersAndConstantsMatchTheHostHeaders()
    {
        if (CHeaderValues.Compiler == null) Assert.Inconclusive("no C compiler (gcc) on PATH: cannot check the KVM ABI declarations against <linux/kvm.h>");
        if (!File.Exists("/usr/include/linux/kvm.h")) Assert.Inconclusive("no /usr/include/linux/kvm.h (install linux-libc-dev)");

        var checks = Checks().ToList();
        var native = CHeaderValues.Read(["linux/kvm.h"], checks.Select(k => (k.Name, k.CExpression, (string?)null)));
        var mismatches = checks.Where(k => native[k.Name] != k.Value)
            .Select(k => $"{k.Name}: C {native[k.Name]} (0x{native[k.Name]:x}), C# {k.Value} (0x{k.Value:x})").ToList();
        TestContext.WriteLine($"{checks.Count} values compared");
        Assert.IsEmpty(mismatches, string.Join("\n", mismatches));
        Assert.HasCount(checks.Count, native);
    }

    [TestMethod]
    public void DeclaredStructsAreBlittableWithTheSameManagedAndNativeSize()
    {
        Type[] types = [typeof(KvmRegs), typeof(KvmSegment), typeof(KvmDtable), typeof(KvmSregs), typeof(KvmFpu), typeof(KvmUserspaceMemoryRegion),
            typeof(KvmIrqLevel), typeof(KvmPitConfig), typeof(KvmMpState), typeof(KvmMsrEntry), typeof(KvmMsrs), typeof(KvmMsrList),
            typeof(KvmCpuidEntry2), typeof(KvmCpuid2), typeof(KvmRun), typeof(KvmLapicState)];
        var sizeOf = typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!;
        foreach (var t in types)
            Assert.AreEqual(Marshal.SizeOf(t), (int)sizeOf.MakeGenericMethod(t).Invoke(null, null)!, t.Name);
    }

    [TestMethod]
    public void IoctlEncodingFollowsTheGenericLinuxLayout()
    {
        // _IOWR(0xAE, 0x05, 8-byte struct): dir 3 << 30 | size 8 << 16 | type 0xAE << 8 | nr 5
        Assert.AreEqual((nuint)0xC008AE05u, IoctlEncoding.Iowr<KvmCpuid2>(0xAE, 0x05));
        Assert.AreEqual((nuint)0xAE80u, KvmIoctl.Run);
        Assert.AreEqual("KVM_RUN", KvmIoctl.NameOf(KvmIoctl.Run));
        Assert.AreEqual("ioctl 0x1234", KvmIoctl.NameOf(0x1234));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => IoctlEncoding.Ioc(1, 0xAE, 1, 1 << 14));
    }
}
