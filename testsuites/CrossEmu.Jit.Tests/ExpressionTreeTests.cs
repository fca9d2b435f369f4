using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;
using CrossEmu.Jit.Compiler;

namespace CrossEmu.Jit.Tests;

/// <summary>
/// Single-use values are emitted inside the IL expression that uses them (ExpressionTrees); a
/// guest register read may move to its use only when nothing writes that register in between.
/// </summary>
[TestClass]
public sealed unsafe class ExpressionTreeTests
{
    const uint Start = 0x10000;

    /// <summary>Where r0 = 5 goes in "r1 = r0 + 1" (r0 read first).</summary>
    public enum Overwrite { None, BeforeTheAdd, AfterTheAdd }

    static IrBlock ReadThenMaybeOverwrite(Overwrite where)
    {
        var b = new IrBuilder(Start);
        b.InsnStart(Start, 0);
        var old = b.GetReg32(0);
        if (where == Overwrite.BeforeTheAdd) b.SetReg32(IrBuilder.Imm32(5), 0);
        var sum = b.Add32(old, IrBuilder.Imm32(1));
        if (where == Overwrite.AfterTheAdd) b.SetReg32(IrBuilder.Imm32(5), 0);
        b.SetReg32(sum, 1);
        b.ExitTrap(IrBuilder.Imm32(0), (long)ExitReason.Syscall, Start + 4);
        b.Block.GuestInsnCount = 1;
        b.Block.GuestEnd = Start + 4;
        return b.Block;
    }

    [TestMethod]
    public void ARegisterReadMovesToWhereItsUseIsEmittedOnlyWhenNoWriteOfThatRegisterComesBetween()
    {
        var free = ReadThenMaybeOverwrite(Overwrite.None);
        var plan = ExpressionTrees.Plan(free, enabled: true);
        Assert.IsTrue(plan.Inline.Contains(free.Insts[1]), "the read goes into the add");
        Assert.IsTrue(plan.Inline.Contains(free.Insts[2]), "the add goes into the register write");

        var before = ReadThenMaybeOverwrite(Overwrite.BeforeTheAdd);
        plan = ExpressionTrees.Plan(before, enabled: true);
        Assert.IsFalse(plan.Inline.Contains(before.Insts[1]), "r0 is written before the add reads the old value");
        Assert.IsTrue(plan.Inline.Contains(before.Insts[3]), "the add still goes into the register write");

        // The add itself stands before the write, but it is emitted in r1's write, after it.
        var after = ReadThenMaybeOverwrite(Overwrite.AfterTheAdd);
        plan = ExpressionTrees.Plan(after, enabled: true);
        Assert.IsFalse(plan.Inline.Contains(after.Insts[1]), "r0 is written before the inlined add is emitted");
        Assert.IsTrue(plan.Inline.Contains(after.Insts[2]));
        Assert.IsEmpty(ExpressionTrees.Plan(after, enabled: false).Inline);
    }

    [TestMethod]
    [DataRow(true, Overwrite.BeforeTheAdd)]
    [DataRow(false, Overwrite.BeforeTheAdd)]
    [DataRow(true, Overwrite.AfterTheAdd)]
    [DataRow(false, Overwrite.AfterTheAdd)]
    public void TheOldValueIsAddedWhereverTheRegisterIsOverwritten(bool registersInLocals, Overwrite where)
    {
        using var m = new TestMachine();
        m.State->R[0] = 41;
        var reason = BlockRunner.Compile(ReadThenMaybeOverwrite(where), TestMachine.Layout, (byte*)m.State, m.Memory,
            registersInLocals: registersInLocals);
        Assert.AreEqual(ExitReason.Syscall, reason);
        Assert.AreEqual((5u, 42u), (m.State->R[0], m.State->R[1]));
    }
}
