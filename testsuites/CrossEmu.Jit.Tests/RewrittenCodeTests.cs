using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

/// <summary>Code on a page that keeps being written over must run longer before it is compiled.</summary>
[TestClass]
public sealed unsafe class RewrittenCodeTests
{
    const uint Start = 0x10000;

    static IrBlock Block()
    {
        var b = new IrBuilder(Start);
        b.InsnStart(Start, 0);
        b.SetReg32(IrBuilder.Imm32(5), 0);
        b.ExitTrap(IrBuilder.Imm32(0), (long)ExitReason.Syscall, Start + 4);
        b.Block.GuestInsnCount = 1;
        b.Block.GuestEnd = Start + 4;
        return b.Block;
    }

    [TestMethod]
    public void EachRewriteOfThePageDoublesTheRunsThatMakeItsCodeHot()
    {
        using var m = new TestMachine();
        var frontend = new TableFrontend(new() { [Start] = Block });
        using var engine = new ExecutionEngine(frontend, m.Memory, new EngineOptions { BackgroundCompile = false, HotThreshold = 2 });
        void RunTimes(int n)
        {
            for (int i = 0; i < n; i++)
            {
                m.State->Header.Pc = Start;
                Assert.AreEqual(ExitReason.Syscall, engine.Run(m.State));
            }
        }

        RunTimes(3);
        Assert.AreEqual(1, engine.Stats.RegionsCompiled, "hot after 2 runs on a page never written");
        for (int rewrite = 1; rewrite <= 3; rewrite++)
        {
            Assert.IsTrue(m.Memory.TryWrite(Start, [0]));
            RunTimes(3);
        }
        Assert.AreEqual(4, frontend.Lifts, "lifted again after each write");
        Assert.AreEqual(1, engine.Stats.RegionsCompiled, "after 3 rewrites 3 runs are not hot");
        RunTimes(12);
        Assert.AreEqual(1, engine.Stats.RegionsCompiled, "15 runs: still under 2 << 3");
        RunTimes(2);
        Assert.AreEqual(2, engine.Stats.RegionsCompiled, "the 16th run queues it, the next installs it");
    }
}
