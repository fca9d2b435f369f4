using System.Runtime.InteropServices;
using CrossEmu.Frontends.Arm;
using CrossEmu.Isa;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests.SystemMemory;

/// <summary>
/// The guest-memory contract with a system-mode shape: one lifted A32 block loads and stores RAM
/// through a two-entry TLB (hits, misses, evictions, an access that crosses a page), reads and
/// writes a device page, and faults on an unmapped page. Both tiers run it against the TLB memory
/// and against user-mode memory (where the device page is plain RAM holding the device's
/// registers); everything must come out the same.
/// </summary>
[TestClass]
public sealed unsafe class MemoryContractTests
{
    const uint Code = 0x8000, PageA = 0x10000, PageB = 0x11000, PageC = 0x13000, Device = 0x20000, Unmapped = 0x30000;

    static readonly uint[] Block =
    [
        0xe5901000, // ldr   r1, [r0]        A: miss, fills entry 0
        0xe5902004, // ldr   r2, [r0, #4]    A: hit
        0xe0813002, // add   r3, r1, r2
        0xe5843000, // str   r3, [r4]        B: miss, fills entry 1
        0xe594e004, // ldr   lr, [r4, #4]    B: hit
        0xe5853000, // str   r3, [r5]        device: entry 0 marked MMIO (evicts A)
        0xe5956004, // ldr   r6, [r5, #4]    device
        0xe1dcb0f0, // ldrsh fp, [ip]        crosses A into B: slow path, a byte at a time
        0xe5d87000, // ldrb  r7, [r8]        C (read-only): miss, evicts B
        0xe5909008, // ldr   r9, [r0, #8]    A: hit (the crossing load filled entry 0 with A again)
        0xe580900c, // str   r9, [r0, #12]   A: hit
        0xe1c590b8, // strh  r9, [r5, #8]    device
        0xe58a9000, // str   r9, [sl]        unmapped: fault
    ];

    /// <summary>The state and memory a run ends with, in a form to compare.</summary>
    sealed record Outcome(ExitReason Exit, uint Pc, uint FaultAddress, string Registers, string PageA, string PageB, string PageC, string Device);

    static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    static void Setup(ArmCpuState* s)
    {
        s->Header.Pc = Code;
        s->R[0] = PageA + 0xff0;
        s->R[4] = PageB + 8;
        s->R[5] = Device;
        s->R[8] = PageC + 4;
        s->R[10] = Unmapped;
        s->R[12] = PageA + 0xfff;
    }

    static void Fill(byte* page, int seed)
    {
        for (int i = 0; i < 4096; i++) page[i] = (byte)(i * 7 + seed);
    }

    static readonly byte[] DeviceReset = [.. Enumerable.Range(0, 16).Select(i => (byte)(0xa0 + i))];

    static uint[] RegistersOf(ArmCpuState* s) => [.. Enumerable.Range(0, 15).Select(i => s->R[i])];

    Outcome RunOnTlb(bool compiled, out TwoEntryTlbMemory.Counters counters, out List<string> deviceLog)
    {
        using var memory = new TwoEntryTlbMemory();
        var code = memory.MapRam(Code, PagePermissions.Read | PagePermissions.Execute);
        for (int i = 0; i < Block.Length; i++) ((uint*)code)[i] = Block[i];
        var a = memory.MapRam(PageA, PagePermissions.ReadWrite);
        var b = memory.MapRam(PageB, PagePermissions.ReadWrite);
        var c = memory.MapRam(PageC, PagePermissions.Read);
        Fill(a, 1); Fill(b, 2); Fill(c, 3);
        var device = new RecordingDevice();
        DeviceReset.CopyTo(device.Registers, 0);
        memory.MapDevice(Device, device);

        var state = (ArmCpuState*)NativeMemory.AllocZeroed((nuint)sizeof(ArmCpuState));
        try
        {
            Setup(state);
            state->Header.PageTable = (nint)memory.Tlb;
            var exit = Run(state, memory, compiled);
            counters = memory.Count;
            deviceLog = device.Log;
            return new Outcome(exit, state->Header.Pc, state->Header.FaultAddress, string.Join(' ', RegistersOf(state).Select(r => r.ToString("x8"))),
                Hex(new ReadOnlySpan<byte>(a, 4096)), Hex(new ReadOnlySpan<byte>(b, 4096)), Hex(new ReadOnlySpan<byte>(c, 4096)), Hex(device.Registers));
        }
        finally { NativeMemory.Free(state); }
    }

    Outcome RunOnUserMemory(bool compiled)
    {
        using var memory = new GuestMemory();
        memory.Map(Code, 4096, PagePermissions.Read | PagePermissions.Execute);
        for (int i = 0; i < Block.Length; i++) *(uint*)(memory.Base + Code + 4 * i) = Block[i];
        memory.Map(PageA, 2 * 4096, PagePermissions.ReadWrite);
        memory.Map(PageC, 4096, PagePermissions.Read);
        memory.Map(Device, 4096, PagePermissions.ReadWrite);
        Fill(memory.Base + PageA, 1); Fill(memory.Base + PageB, 2); Fill(memory.Base + PageC, 3);
        DeviceReset.CopyTo(new Span<byte>(memory.Base + Device, 16));

        var state = (ArmCpuState*)NativeMemory.AllocZeroed((nuint)sizeof(ArmCpuState));
        try
        {
            Setup(state);
            var exit = Run(state, memory, compiled);
            return new Outcome(exit, state->Header.Pc, state->Header.FaultAddress, string.Join(' ', RegistersOf(state).Select(r => r.ToString("x8"))),
                Hex(new ReadOnlySpan<byte>(memory.Base + PageA, 4096)), Hex(new ReadOnlySpan<byte>(memory.Base + PageB, 4096)),
                Hex(new ReadOnlySpan<byte>(memory.Base + PageC, 4096)), Hex(new ReadOnlySpan<byte>(memory.Base + Device, 16)));
        }
        finally { NativeMemory.Free(state); }
    }

    static ExitReason Run(ArmCpuState* state, IGuestMemory memory, bool compiled)
    {
        var block = new ArmFrontend().Lift(Code, new ContractCodeReader(memory), Block.Length);
        return compiled
            ? BlockRunner.Compile(block, ArmRegs.Layout, (byte*)state, memory)
            : BlockRunner.Interpret(block, ArmRegs.Layout, (byte*)state, memory);
    }

    sealed class ContractCodeReader(IGuestMemory memory) : ICodeReader
    {
        public bool TryRead32(uint address, out uint word)
        {
            uint value = 0;
            bool ok = memory.ReadCode(address, new Span<byte>(&value, 4)) == 4;
            word = value;
            return ok;
        }
    }

    [TestMethod]
    [DataRow(false, DisplayName = "interpreter")]
    [DataRow(true, DisplayName = "compiled")]
    public void TheBlockEndsAsOnUserModeMemory(bool compiled)
    {
        var tlb = RunOnTlb(compiled, out _, out _);
        var user = RunOnUserMemory(compiled);
        Assert.AreEqual(ExitReason.MemoryFault, user.Exit, "the last store faults");
        Assert.AreEqual(Code + 4 * 12, user.Pc);
        Assert.AreEqual(Unmapped, user.FaultAddress);
        Assert.AreEqual(user, tlb);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "interpreter")]
    [DataRow(true, DisplayName = "compiled")]
    public void HitsStayOnTheFastPathAndTheRestReachesTheSlowPath(bool compiled)
    {
        RunOnTlb(compiled, out var counters, out var log);
        // 12 accesses; 4 hit the TLB (ldr [r0,#4], ldr [r4,#4], ldr [r0,#8], str [r0,#12]); the other
        // 8 are misses, device accesses, the access that crosses a page, and the fault.
        Assert.AreEqual((4, 4), (counters.SlowLoads, counters.SlowStores));
        CollectionAssert.AreEqual(new[] { "write 4@0 = 0x", "read 4@4 = 0xa7a6a5a4", "write 2@8 = 0x" },
            log.Select(l => l.StartsWith("write", StringComparison.Ordinal) ? l[..(l.IndexOf("0x", StringComparison.Ordinal) + 2)] : l).ToArray());
    }

    [TestMethod]
    public void TheTlbMemoryIsNotContiguousSoNoGroupChecks()
    {
        using var memory = new TwoEntryTlbMemory();
        Assert.IsFalse(memory.FastPath.Contiguous);
        Assert.IsTrue(memory.FastPath.TablePerCpu);
        using var user = new GuestMemory();
        Assert.IsTrue(user.FastPath.Contiguous);
    }
}
