using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

/// <summary>A debugger's breakpoints stop Run before them and leave the code away from them compiled.</summary>
[TestClass]
public sealed unsafe class BreakpointTests
{
    const uint Loop = 0x1000, Check = 0x2000, Elsewhere = 0x8000;

    static ExecutionEngine Engine(TestMachine m) =>
        new(new BoundedTableFrontend(EngineTests.CountingLoop()), m.Memory, new EngineOptions { HotThreshold = 2, BackgroundCompile = false });

    static ExitReason RunFrom(ExecutionEngine engine, TestMachine m, uint pc, uint count, uint limit)
    {
        m.State->Header.Pc = pc;
        m.State->R[0] = count;
        m.State->R[1] = limit;
        return engine.Run(m.State);
    }

    [TestMethod]
    public void ABreakpointAwayFromTheLoopLeavesItCompiled()
    {
        using var m = new TestMachine();
        using var engine = Engine(m);
        engine.InsertBreakpoint(Elsewhere);
        Assert.AreEqual(ExitReason.Syscall, RunFrom(engine, m, Loop, 0, 100_000));
        Assert.AreEqual(100_000u, m.State->R[0]);
        Assert.IsGreaterThanOrEqualTo(1, engine.Stats.RegionsCompiled);
        Assert.IsLessThan(10, engine.Stats.InterpretedRuns, "the loop ran compiled, not block by block");
    }

    [TestMethod]
    public void RunStopsBeforeABreakpointInCompiledCodeUntilItIsRemoved()
    {
        using var m = new TestMachine();
        using var engine = Engine(m);
        Assert.AreEqual(ExitReason.Syscall, RunFrom(engine, m, Loop, 0, 1000));
        Assert.IsGreaterThanOrEqualTo(1, engine.Stats.RegionsCompiled, "the loop is compiled before the breakpoint goes in");

        engine.InsertBreakpoint(Check);
        Assert.AreEqual(ExitReason.DebugStop, RunFrom(engine, m, Loop, 0, 1000));
        Assert.AreEqual((Check, 1u), (m.State->Header.Pc, m.State->R[0]), "stopped before the block at the breakpoint ran");
        Assert.AreEqual(ExitReason.DebugStop, engine.Run(m.State), "Run does not step over a breakpoint by itself");
        Assert.AreEqual(ExitReason.Jump, engine.Step(m.State));
        Assert.AreEqual(ExitReason.DebugStop, engine.Run(m.State));
        Assert.AreEqual((Check, 2u), (m.State->Header.Pc, m.State->R[0]), "one more turn of the loop");

        engine.RemoveBreakpoint(Check);
        Assert.AreEqual(ExitReason.Syscall, engine.Run(m.State));
        Assert.AreEqual(1000u, m.State->R[0]);
    }
}
