using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Ir.Passes;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

/// <summary>
/// The interpreter runs blocks as they were lifted; only the region compiler sees them optimised,
/// through copies, so the blocks the interpreter holds never change under it.
/// </summary>
[TestClass]
public sealed unsafe class ColdBlockTests
{
    const uint Start = 0x10000;

    /// <summary>r0 = 2 + 3 (a constant the passes fold), r1 = r0 (a read the passes forward), then a syscall.</summary>
    static IrBlock Foldable()
    {
        var b = new IrBuilder(Start);
        b.InsnStart(Start, 0);
        b.SetReg32(b.Add32(IrBuilder.Imm32(2), IrBuilder.Imm32(3)), 0);
        b.InsnStart(Start + 4, 0);
        b.SetReg32(b.GetReg32(0), 1);
        b.ExitTrap(IrBuilder.Imm32(0), (long)ExitReason.Syscall, Start + 8);
        b.Block.GuestInsnCount = 2;
        b.Block.GuestEnd = Start + 8;
        return b.Block;
    }

    [TestMethod]
    public void InterpretedBlocksStayAsLiftedAndTheirRegionIsCompiledFromOptimisedCopies()
    {
        using var m = new TestMachine();
        IrBlock? lifted = null;
        var frontend = new TableFrontend(new() { [Start] = () => lifted = Foldable() });
        using var engine = new ExecutionEngine(frontend, m.Memory, new EngineOptions { BackgroundCompile = false, HotThreshold = 2 });
        string asLifted = Foldable().ToString();
        Assert.IsLessThan(Foldable().Insts.Count, PassPipeline.OptimizedCopy(Foldable(), TestMachine.Layout).Insts.Count,
            "the passes have something to remove");

        for (int run = 0; run < 4; run++)
        {
            m.State->Header.Pc = Start;
            m.State->R[0] = m.State->R[1] = 0;
            Assert.AreEqual(ExitReason.Syscall, engine.Run(m.State));
            Assert.AreEqual((5u, 5u), (m.State->R[0], m.State->R[1]), $"run {run}");
        }
        Assert.AreEqual(1, frontend.Lifts);
        Assert.AreEqual(1, engine.Stats.RegionsCompiled);
        Assert.IsGreaterThanOrEqualTo(1, engine.Stats.CompiledEntries, "the last runs were compiled");
        Assert.AreEqual(asLifted, lifted!.ToString(), "compiling did not rewrite the block the interpreter holds");
    }
}
