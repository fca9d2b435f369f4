using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Ir.Passes;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

/// <summary>ExitTrapIf leaves with the trap only when its condition holds, with exact state.</summary>
[TestClass]
public sealed unsafe class ConditionalTrapTests
{
    /// <summary>r1 = 7; trap (arg r0) if r0 is odd; r2 = r0 + 1.</summary>
    static IrBlock Block()
    {
        var b = new IrBuilder(0x1000);
        b.InsnStart(0x1000, 0);
        b.SetReg32(IrBuilder.Imm32(7), TestMachine.R(1));
        b.InsnStart(0x1004, 0);
        var r0 = b.GetReg32(TestMachine.R(0));
        b.ExitTrapIf(r0, b.Ne32(b.And32(r0, IrBuilder.Imm32(1)), IrBuilder.Imm32(0)), (long)ExitReason.AlignmentFault, 0x1004);
        b.SetReg32(b.Add32(r0, IrBuilder.Imm32(1)), TestMachine.R(2));
        b.ExitJump(0x1008);
        b.Block.GuestInsnCount = 2;
        PassPipeline.Optimize(b.Block, TestMachine.Layout);
        return b.Block;
    }

    static ExitReason Run(TestMachine m, bool compiled) => compiled
        ? BlockRunner.Compile(Block(), TestMachine.Layout, (byte*)m.State, m.Memory)
        : BlockRunner.Interpret(Block(), TestMachine.Layout, (byte*)m.State, m.Memory);

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void TrapsWhenTheConditionHolds(bool compiled)
    {
        using var m = new TestMachine();
        m.State->R[0] = 0x21;
        Assert.AreEqual(ExitReason.AlignmentFault, Run(m, compiled));
        Assert.AreEqual(0x1004u, m.State->Header.Pc);
        Assert.AreEqual(0x21u, m.State->Header.ExitArg);
        Assert.AreEqual(0x21u, m.State->Header.FaultAddress);
        Assert.AreEqual(7u, m.State->R[1], "the instruction before the trap completed");
        Assert.AreEqual(0u, m.State->R[2], "nothing after the trap ran");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void GoesOnOtherwise(bool compiled)
    {
        using var m = new TestMachine();
        m.State->R[0] = 0x20;
        Assert.AreEqual(ExitReason.Jump, Run(m, compiled));
        Assert.AreEqual(0x1008u, m.State->Header.Pc);
        Assert.AreEqual(0x21u, m.State->R[2]);
    }
}
