using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Ir.Passes;
using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Tests;

[TestClass]
public sealed class PassTests
{
    // r0..r3 (i32), then flags n z c v (i1)
    static readonly GuestStateLayout Layout = BuildLayout();
    const int R0 = 0, R1 = 1, R2 = 2, N = 4, Z = 5, C = 6, V = 7;

    static GuestStateLayout BuildLayout()
    {
        var l = new GuestStateLayout(64);
        for (int i = 0; i < 4; i++) l.Add($"r{i}", IrType.I32, 4 * i);
        foreach (var (f, n) in new[] { ("n", 0), ("z", 1), ("c", 2), ("v", 3) }) l.Add(f, IrType.I1, 16 + n);
        return l;
    }

    static int Count(IrBlock b, Opcode op) => b.Insts.Count(i => i.Op == op);

    [TestMethod]
    public void ConstantFoldingEvaluatesPureOps()
    {
        var b = new IrBuilder(0);
        var x = b.Add32(IrBuilder.Imm32(40), IrBuilder.Imm32(2));
        var y = b.Shl32(x, IrBuilder.Imm32(4));
        b.SetReg32(y, R0);
        b.ExitJump(4);
        ConstantFolding.Run(b.Block);
        var set = b.Block.Insts.Single(i => i.Op == Opcode.SetReg32);
        Assert.IsTrue(set.Args[0].IsConstant);
        Assert.AreEqual(42UL << 4, set.Args[0].Constant);
        Assert.AreEqual(0, Count(b.Block, Opcode.Add32) + Count(b.Block, Opcode.Shl32));
    }

    [TestMethod]
    public void ConstantFoldingAppliesIdentities()
    {
        var b = new IrBuilder(0);
        var r = b.GetReg32(R1);
        var x = b.Or32(b.Add32(r, IrBuilder.Imm32(0)), IrBuilder.Imm32(0));
        b.SetReg32(b.And32(x, IrBuilder.Imm32(0xffffffffu)), R0);
        b.ExitJump(4);
        ConstantFolding.Run(b.Block);
        Assert.AreEqual(r, b.Block.Insts.Single(i => i.Op == Opcode.SetReg32).Args[0]);
    }

    [TestMethod]
    public void ConstantFoldingResolvesConstantBranchesAndDropsUnreachableCode()
    {
        var b = new IrBuilder(0);
        var skip = b.NewLabel();
        b.BrIf(IrBuilder.Imm1(true), skip);
        b.SetReg32(IrBuilder.Imm32(1), R0);
        b.Label(skip);
        b.ExitJump(8);
        ConstantFolding.Run(b.Block);
        Assert.AreEqual(0, Count(b.Block, Opcode.SetReg32), "the skipped store is unreachable");
        Assert.AreEqual(0, IrVerifier.Check(b.Block, Layout).Count);
    }

    [TestMethod]
    public void FlagsFoldWhenTheirAddIsConstant()
    {
        var b = new IrBuilder(0);
        var sum = b.AddC32(IrBuilder.Imm32(0xffffffffu), IrBuilder.Imm32(1), IrBuilder.Imm1(false));
        b.SetReg1(b.CarryOf32(sum), C);
        b.SetReg1(b.OverflowOf32(sum), V);
        b.SetReg32(sum, R0);
        b.ExitJump(4);
        PassPipeline.Optimize(b.Block, Layout);
        var sets = b.Block.Insts.Where(i => i.Op is Opcode.SetReg1 or Opcode.SetReg32).ToDictionary(i => i.Aux, i => i.Args[0]);
        Assert.AreEqual(Value.I1(true), sets[C]);
        Assert.AreEqual(Value.I1(false), sets[V]);
        Assert.AreEqual(Value.I32(0), sets[R0]);
        Assert.AreEqual(0, IrVerifier.Check(b.Block, Layout).Count);
    }

    [TestMethod]
    public void DeadCodeEliminationKeepsEffectsAndLoads()
    {
        var b = new IrBuilder(0);
        var r = b.GetReg32(R0);
        b.Mul32(r, r);                          // unused: goes
        b.Load32(r);                            // unused but may fault: stays
        b.Store32(r, r);
        b.ExitJump(4);
        DeadCodeElimination.Run(b.Block);
        Assert.AreEqual(0, Count(b.Block, Opcode.Mul32));
        Assert.AreEqual(1, Count(b.Block, Opcode.Load32));
        Assert.AreEqual(1, Count(b.Block, Opcode.Store32));
    }

    [TestMethod]
    public void RegisterReadsAfterWritesReuseTheValue()
    {
        var b = new IrBuilder(0);
        var v = b.Add32(b.GetReg32(R1), IrBuilder.Imm32(1));
        b.SetReg32(v, R0);
        var again = b.GetReg32(R0);
        b.SetReg32(b.Add32(again, b.GetReg32(R1)), R2);
        b.ExitJump(4);
        RegisterAccessElimination.Run(b.Block);
        Assert.AreEqual(1, Count(b.Block, Opcode.GetReg32), "r0 is forwarded and r1 read once");
    }

    [TestMethod]
    public void OverwrittenRegisterWritesGoButNotAcrossAFaultPoint()
    {
        var b = new IrBuilder(0);
        b.SetReg32(IrBuilder.Imm32(1), R0);
        b.SetReg32(IrBuilder.Imm32(2), R0);     // the first store is dead
        b.Load32(IrBuilder.Imm32(0x1000));      // a fault here must see r0 = 2
        b.SetReg32(IrBuilder.Imm32(3), R0);
        b.ExitJump(4);
        RegisterAccessElimination.Run(b.Block);
        var values = b.Block.Insts.Where(i => i.Op == Opcode.SetReg32).Select(i => i.Args[0].Constant).ToArray();
        CollectionAssert.AreEqual(new ulong[] { 2, 3 }, values);
    }

    [TestMethod]
    public void DeadFlagEliminationWorksAcrossLabels()
    {
        var b = new IrBuilder(0);
        var sum = b.AddC32(b.GetReg32(R0), b.GetReg32(R1), IrBuilder.Imm1(false));
        b.SetReg1(b.CarryOf32(sum), C);          // dead: C is set again on both paths before the exit
        b.SetReg1(b.OverflowOf32(sum), V);       // live: V is read after the label
        var skip = b.NewLabel();
        b.BrIf(b.Eq32(sum, IrBuilder.Imm32(0)), skip);
        b.SetReg1(IrBuilder.Imm1(true), C);
        b.Label(skip);
        b.SetReg1(IrBuilder.Imm1(false), C);
        b.SetReg32(b.Bool1To32(b.GetReg1(V)), R2);
        b.ExitJump(4);
        PassPipeline.Optimize(b.Block, Layout);
        Assert.AreEqual(0, Count(b.Block, Opcode.CarryOf32), "the dead carry is not even computed");
        Assert.AreEqual(1, Count(b.Block, Opcode.OverflowOf32));
        Assert.AreEqual(0, IrVerifier.Check(b.Block, Layout).Count);
    }

    [TestMethod]
    public void DeadFlagEliminationKeepsFlagsVisibleAtFaultPoints()
    {
        var b = new IrBuilder(0);
        b.SetReg1(IrBuilder.Imm1(true), Z);
        b.Load32(b.GetReg32(R0));
        b.SetReg1(IrBuilder.Imm1(false), Z);
        b.ExitJump(4);
        DeadFlagElimination.Run(b.Block, Layout);
        Assert.AreEqual(2, Count(b.Block, Opcode.SetReg1));
    }
}
