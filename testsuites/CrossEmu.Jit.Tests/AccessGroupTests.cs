using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

/// <summary>
/// Compiled code checks sp-relative style accesses (one base, constant offsets) once per group;
/// when the group check fails it leaves for the interpreter, which must still fault at the exact
/// instruction with the state before it.
/// </summary>
[TestClass]
public sealed unsafe class AccessGroupTests
{
    /// <summary>r1 = [r0]; r2 = [r0 + 4092]; r3 = r1 + r2, one guest instruction each.</summary>
    static IrBlock TwoLoads()
    {
        var b = new IrBuilder(0x1000);
        b.InsnStart(0x1000, 0);
        var r0 = b.GetReg32(TestMachine.R(0));
        var first = b.Load32(r0);
        b.SetReg32(first, TestMachine.R(1));
        b.InsnStart(0x1004, 0);
        var second = b.Load32(b.Add32(r0, IrBuilder.Imm32(4092)));
        b.SetReg32(second, TestMachine.R(2));
        b.InsnStart(0x1008, 0);
        b.SetReg32(b.Add32(first, second), TestMachine.R(3));
        b.ExitJump(0x100c);
        b.Block.GuestInsnCount = 3;
        b.Block.GuestEnd = 0x100c;
        return b.Block;
    }

    /// <summary>The part of TwoLoads from a guest pc on, as a frontend would lift it there.</summary>
    static IrBlock TwoLoadsFrom(uint pc)
    {
        Assert.AreEqual(0x1000u, pc, "the group check is at the first access");
        return TwoLoads();
    }

    [TestMethod]
    public void PlanGroupsAccessesThroughOneBase()
    {
        var block = TwoLoads();
        var plan = Compiler.AccessGuards.Plan(block, _ => true);
        var loads = block.Insts.Where(i => i.Op == Opcode.Load32).ToArray();
        Assert.AreEqual(new Compiler.AccessGuard(0, 4096, false), plan.GuardAt[loads[0]]);
        Assert.IsTrue(plan.Covered.Contains(loads[1]));
        Assert.AreEqual(0, Compiler.AccessGuards.Plan(block, pc => pc != 0x1000).GuardAt.Count, "no group starts at a refused pc");
    }

    [TestMethod]
    public void PlanDoesNotGroupAcrossALabelOrBeyondAPage()
    {
        var b = new IrBuilder(0x1000);
        b.InsnStart(0x1000, 0);
        var r0 = b.GetReg32(TestMachine.R(0));
        b.Store32(r0, IrBuilder.Imm32(1));
        b.Store32(b.Add32(r0, IrBuilder.Imm32(4093)), IrBuilder.Imm32(2));   // span 4097: a new group
        int skip = b.NewLabel();
        b.BrIf(IrBuilder.Imm1(true), skip);
        b.Label(skip);
        b.Store32(b.Add32(r0, IrBuilder.Imm32(8)), IrBuilder.Imm32(3));      // after a label: a new group
        b.ExitJump(0x1004);
        var plan = Compiler.AccessGuards.Plan(b.Block, _ => true);
        Assert.AreEqual(0, plan.GuardAt.Count);
        Assert.AreEqual(0, plan.Covered.Count);
    }

    [TestMethod]
    public void GroupCheckPassesWhenBothPagesAreMapped()
    {
        using var m = new TestMachine();
        m.State->R[0] = 0x10008;
        *(uint*)(m.Memory.Base + 0x10008) = 5;
        *(uint*)(m.Memory.Base + 0x10008 + 4092) = 7;
        var reason = BlockRunner.Compile(TwoLoads(), TestMachine.Layout, (byte*)m.State, m.Memory, TwoLoadsFrom);
        Assert.AreEqual(ExitReason.Jump, reason);
        Assert.AreEqual(12u, m.State->R[3]);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void FailedGroupCheckStillFaultsAtTheExactInstruction(bool groups)
    {
        using var m = new TestMachine();
        // [r0] is the last word of the mapped range, [r0 + 4092] lies in the unmapped page after it
        m.State->R[0] = 0x1FFFC;
        *(uint*)(m.Memory.Base + 0x1FFFC) = 9;
        var reason = BlockRunner.Compile(TwoLoads(), TestMachine.Layout, (byte*)m.State, m.Memory, groups ? TwoLoadsFrom : null);
        Assert.AreEqual(ExitReason.MemoryFault, reason);
        Assert.AreEqual(0x1004u, m.State->Header.Pc, "the second load faults");
        Assert.AreEqual(0x1FFFCu + 4092, m.State->Header.FaultAddress);
        Assert.AreEqual(9u, m.State->R[1], "the first load completed");
    }

    /// <summary>r1 = [(r0 + 3) &amp; ~3]; r2 = [(r0 + 10) &amp; ~3]: the aligned-down addresses of MIPS LWL/LWR.</summary>
    static IrBlock AlignedDownLoads()
    {
        var b = new IrBuilder(0x1000);
        b.InsnStart(0x1000, 0);
        var r0 = b.GetReg32(TestMachine.R(0));
        b.SetReg32(b.Load32(b.And32(b.Add32(r0, IrBuilder.Imm32(3)), IrBuilder.Imm32(~3u))), TestMachine.R(1));
        b.InsnStart(0x1004, 0);
        b.SetReg32(b.Load32(b.And32(b.Add32(r0, IrBuilder.Imm32(10)), IrBuilder.Imm32(~3u))), TestMachine.R(2));
        b.ExitJump(0x1008);
        b.Block.GuestInsnCount = 2;
        b.Block.GuestEnd = 0x1008;
        return b.Block;
    }

    [TestMethod]
    public void PlanCoversAlignedDownAddressesAndWidensTheCheckAnchoredOnOne()
    {
        var block = AlignedDownLoads();
        var plan = Compiler.AccessGuards.Plan(block, _ => true);
        var loads = block.Insts.Where(i => i.Op == Opcode.Load32).ToArray();
        // bytes r0 + [0, 14) may be touched; the first address is r0 + 3 - s, s in [0, 3]
        Assert.AreEqual(new Compiler.AccessGuard(-3, 14, false), plan.GuardAt[loads[0]]);
        Assert.IsTrue(plan.Covered.Contains(loads[0]) && plan.Covered.Contains(loads[1]));
    }

    [TestMethod]
    [DataRow(0x10001u)]   // the widened check passes
    [DataRow(0x1FFF1u)]   // the widened check reaches the unmapped page: the interpreter runs the block
    public void AlignedDownGroupsLoadWhatTheInterpreterLoads(uint r0)
    {
        using var m = new TestMachine();
        for (uint a = 0x10000; a < 0x20000; a += 4) *(uint*)(m.Memory.Base + a) = a * 2654435761u;
        m.State->R[0] = r0;
        var compiled = BlockRunner.Compile(AlignedDownLoads(), TestMachine.Layout, (byte*)m.State, m.Memory, _ => AlignedDownLoads());
        var loaded = (m.State->R[1], m.State->R[2]);
        m.State->R[1] = m.State->R[2] = 0;
        var interpreted = BlockRunner.Interpret(AlignedDownLoads(), TestMachine.Layout, (byte*)m.State, m.Memory);
        Assert.AreEqual((ExitReason.Jump, ExitReason.Jump), (compiled, interpreted));
        Assert.AreEqual((m.State->R[1], m.State->R[2]), loaded);
        Assert.AreEqual(((r0 + 3) & ~3u) * 2654435761u, loaded.Item1);
    }
}
