using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

/// <summary>A frontend whose "guest code" is a table of IR block factories keyed by pc.</summary>
sealed class TableFrontend : IGuestFrontend
{
    readonly Dictionary<uint, Func<IrBlock>> blocks;
    public int Lifts;
    public TableFrontend(Dictionary<uint, Func<IrBlock>> blocks) { this.blocks = blocks; }
    public string Name => "test";
    public GuestStateLayout Layout => TestMachine.Layout;
    public IrBlock Lift(uint pc, ICodeReader code) { Lifts++; return blocks[pc](); }
}

/// <summary>A table frontend that also lifts bounded blocks (its blocks are one instruction long anyway).</summary>
sealed class BoundedTableFrontend : IGuestFrontend
{
    readonly Dictionary<uint, Func<IrBlock>> blocks;
    public int Lifts;
    public readonly List<int> BoundedLifts = new();
    public BoundedTableFrontend(Dictionary<uint, Func<IrBlock>> blocks) { this.blocks = blocks; }
    public string Name => "test";
    public GuestStateLayout Layout => TestMachine.Layout;
    public IrBlock Lift(uint pc, ICodeReader code) { Lifts++; return blocks[pc](); }
    public IrBlock Lift(uint pc, ICodeReader code, int maxInstructions) { BoundedLifts.Add(maxInstructions); return blocks[pc](); }
}

[TestClass]
public sealed unsafe class EngineTests
{
    // block A (0x1000): r0 += 1; goto B.   block B (0x2000): if r0 < r1 goto A else trap(syscall)
    internal static Dictionary<uint, Func<IrBlock>> CountingLoop() => new()
    {
        [0x1000] = () =>
        {
            var b = new IrBuilder(0x1000);
            b.InsnStart(0x1000, 0);
            b.SetReg32(b.Add32(b.GetReg32(0), IrBuilder.Imm32(1)), 0);
            b.ExitJump(0x2000);
            b.Block.GuestInsnCount = 1;
            return b.Block;
        },
        [0x2000] = () =>
        {
            var b = new IrBuilder(0x2000);
            b.InsnStart(0x2000, 0);
            var done = b.NewLabel();
            b.BrIf(b.Not1(b.LtU32(b.GetReg32(0), b.GetReg32(1))), done);
            b.ExitJump(0x1000);
            b.Label(done);
            b.ExitTrap(IrBuilder.Imm32(7), (long)ExitReason.Syscall, 0x2004);
            b.Block.GuestInsnCount = 1;
            return b.Block;
        },
    };

    [TestMethod]
    [DataRow(1, false, DisplayName = "one block per region: regions chain by tail calls")]
    [DataRow(32, false, DisplayName = "both blocks in one region: an IL loop")]
    [DataRow(32, true, DisplayName = "background compilation")]
    [DataRow(0, false, DisplayName = "interpreter only")]
    public void LoopRunsToCompletionAcrossTiers(int maxBlocks, bool background)
    {
        using var m = new TestMachine();
        var frontend = new TableFrontend(CountingLoop());
        var options = new EngineOptions
        {
            MaxRegionBlocks = Math.Max(maxBlocks, 1), BackgroundCompile = background, InterpretOnly = maxBlocks == 0, HotThreshold = 10
        };
        using var engine = new ExecutionEngine(frontend, m.Memory, options);
        m.State->Header.Pc = 0x1000;
        m.State->R[1] = 2_000_000;
        var reason = engine.Run(m.State);
        Assert.AreEqual(ExitReason.Syscall, reason);
        Assert.AreEqual(2_000_000u, m.State->R[0]);
        Assert.AreEqual(0x2004u, m.State->Header.Pc);
        Assert.AreEqual(7u, m.State->Header.ExitArg);
        Assert.AreEqual(4_000_000UL, m.State->Header.InsnCount);
        if (maxBlocks > 0 && !background) Assert.IsTrue(engine.Stats.RegionsCompiled >= 1, "the hot loop was compiled");
        if (maxBlocks == 1)
            Assert.IsTrue(engine.Stats.CompiledEntries < 100, $"compiled regions chained without the dispatcher ({engine.Stats.CompiledEntries} entries)");
    }

    // Two unrelated blocks, each ending in a syscall exit: 0x1000 sets r0 = 5, 0x2000 sets r1 = 6.
    static Dictionary<uint, Func<IrBlock>> TwoBlocks() => new()
    {
        [0x1000] = () => Constant(0x1000, 0, 5),
        [0x2000] = () => Constant(0x2000, 1, 6),
    };

    static IrBlock Constant(uint pc, int reg, uint value)
    {
        var b = new IrBuilder(pc);
        b.InsnStart(pc, 0);
        b.SetReg32(IrBuilder.Imm32(value), reg);
        b.ExitTrap(IrBuilder.Imm32(0), (long)ExitReason.Syscall, pc + 4);
        b.Block.GuestInsnCount = 1;
        return b.Block;
    }

    [TestMethod]
    public void EagerPcsRunCompiledFromTheFirstTimeWithTheirCompanions()
    {
        using var m = new TestMachine();
        var options = new EngineOptions { CompileEagerlyAt = _ => true, EagerCompanions = pc => pc == 0x1000 ? [0x2000] : [] };
        using var engine = new ExecutionEngine(new TableFrontend(TwoBlocks()), m.Memory, options);
        foreach (uint pc in new uint[] { 0x1000, 0x2000 })
        {
            m.State->Header.Pc = pc;
            Assert.AreEqual(ExitReason.Syscall, engine.Run(m.State));
        }
        Assert.AreEqual(5u, m.State->R[0]);
        Assert.AreEqual(6u, m.State->R[1]);
        Assert.AreEqual(0, engine.Stats.InterpretedRuns, "nothing ran in the interpreter");
        Assert.AreEqual(1, engine.Stats.RegionsCompiled, "the companion was compiled with the first block");
        Assert.AreEqual(2, engine.Stats.CompiledEntries);
    }

    [TestMethod]
    public void InterpretOnlyPcsAreNeverCompiled()
    {
        using var m = new TestMachine();
        var options = new EngineOptions { InterpretOnlyAt = pc => pc == 0x2000, HotThreshold = 2, BackgroundCompile = false };
        using var engine = new ExecutionEngine(new TableFrontend(CountingLoop()), m.Memory, options);
        m.State->Header.Pc = 0x1000;
        m.State->R[1] = 1000;
        Assert.AreEqual(ExitReason.Syscall, engine.Run(m.State));
        Assert.AreEqual(1000u, m.State->R[0]);
        Assert.AreEqual(1, engine.Stats.RegionsCompiled, "only the block at 0x1000 was compiled");
        Assert.IsTrue(engine.Stats.InterpretedRuns >= 1000, $"0x2000 always ran in the interpreter ({engine.Stats.InterpretedRuns} runs)");
    }

    [TestMethod]
    public void CompiledCodeIsFreedWithItsEngine()
    {
        var assembly = RunAndDropAnEngine();
        for (int i = 0; i < 20 && assembly.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.IsFalse(assembly.IsAlive, "the engine's collectible region assembly outlived it");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static WeakReference RunAndDropAnEngine()
    {
        using var m = new TestMachine();
        using var engine = new ExecutionEngine(new TableFrontend(CountingLoop()), m.Memory, new EngineOptions { HotThreshold = 2, BackgroundCompile = false });
        m.State->Header.Pc = 0x1000;
        m.State->R[1] = 100;
        Assert.AreEqual(ExitReason.Syscall, engine.Run(m.State));
        Assert.IsGreaterThanOrEqualTo(1, engine.Stats.RegionsCompiled);
        Assert.IsTrue(engine.CodeModule.Assembly.IsCollectible);
        return new WeakReference(engine.CodeModule.Assembly);
    }

    [TestMethod]
    public void StepRunsOneInstructionFromItsOwnCache()
    {
        using var m = new TestMachine();
        var frontend = new BoundedTableFrontend(CountingLoop());
        using var engine = new ExecutionEngine(frontend, m.Memory, new EngineOptions { BackgroundCompile = false });
        m.State->Header.Pc = 0x1000;
        m.State->R[1] = 3;
        Assert.AreEqual(ExitReason.Jump, engine.Step(m.State));
        Assert.AreEqual((1u, 0x2000u), (m.State->R[0], m.State->Header.Pc));
        Assert.AreEqual(ExitReason.Jump, engine.Step(m.State));
        Assert.AreEqual(ExitReason.Jump, engine.Step(m.State));
        Assert.AreEqual((2u, 0x2000u), (m.State->R[0], m.State->Header.Pc));
        CollectionAssert.AreEqual(new[] { 1, 1 }, frontend.BoundedLifts, "one-instruction blocks, lifted once each");
        Assert.AreEqual(0, frontend.Lifts, "stepping leaves the normal cache alone");
        Assert.AreEqual(ExitReason.Syscall, engine.Run(m.State));
        Assert.AreEqual(3u, m.State->R[0]);
        Assert.AreEqual(2, frontend.Lifts, "Run lifts its own blocks");
    }
}
