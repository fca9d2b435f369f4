using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

[TestClass]
public sealed unsafe class SmokeTests
{
    static IrBlock SumBlock()
    {
        var b = new IrBuilder(0x1000);
        b.InsnStart(0x1000, 0);
        var r0 = b.GetReg32(TestMachine.R(0));
        var r1 = b.GetReg32(TestMachine.R(1));
        var sum = b.AddC32(r0, r1, IrBuilder.Imm1(false));
        b.SetReg32(sum, TestMachine.R(2));
        b.SetReg1(b.CarryOf32(sum), TestMachine.F(0));
        b.SetReg1(b.OverflowOf32(sum), TestMachine.F(1));
        b.Store32(IrBuilder.Imm32(0x10010u), sum);
        var back = b.Load16S(IrBuilder.Imm32(0x10010u));
        b.SetReg32(back, TestMachine.R(3));
        b.ExitJump(0x2000);
        b.Block.GuestInsnCount = 1;
        return b.Block;
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void AddStoreLoadBothTiers(bool compiled)
    {
        using var m = new TestMachine();
        m.State->R[0] = 0x7fff_fff0; m.State->R[1] = 0x8011;
        var block = SumBlock();
        var reason = compiled
            ? BlockRunner.Compile(block, TestMachine.Layout, (byte*)m.State, m.Memory)
            : BlockRunner.Interpret(block, TestMachine.Layout, (byte*)m.State, m.Memory);
        Assert.AreEqual(ExitReason.Jump, reason);
        Assert.AreEqual(0x2000u, m.State->Header.Pc);
        Assert.AreEqual(0x8000_8001u, m.State->R[2]);
        Assert.AreEqual(0, m.State->F[0]);
        Assert.AreEqual(1, m.State->F[1]);
        Assert.AreEqual(0xffff_8001u, m.State->R[3]);
        Assert.AreEqual(1UL, m.State->Header.InsnCount);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void LoadFromUnmappedPageFaults(bool compiled)
    {
        using var m = new TestMachine();
        var b = new IrBuilder(0x1000);
        b.InsnStart(0x1000, 0);
        b.SetReg32(IrBuilder.Imm32(5), TestMachine.R(1));
        b.InsnStart(0x1004, 0);
        var v = b.Load32(b.GetReg32(TestMachine.R(0)));
        b.SetReg32(v, TestMachine.R(1));
        b.ExitJump(0x1008);
        m.State->R[0] = 0x5000;
        var reason = compiled
            ? BlockRunner.Compile(b.Block, TestMachine.Layout, (byte*)m.State, m.Memory)
            : BlockRunner.Interpret(b.Block, TestMachine.Layout, (byte*)m.State, m.Memory);
        Assert.AreEqual(ExitReason.MemoryFault, reason);
        Assert.AreEqual(0x1004u, m.State->Header.Pc);
        Assert.AreEqual(0x5000u, m.State->Header.FaultAddress);
        Assert.AreEqual(5u, m.State->R[1], "state before the faulting instruction is exact");
    }
}
