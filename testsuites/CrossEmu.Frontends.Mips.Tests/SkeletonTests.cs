using CrossEmu.Testing;
using CrossEmu.Isa;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit;

namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>A first end-to-end check of the lifter: a branch with its delay slot, in both byte orders.</summary>
[TestClass]
public sealed unsafe class SkeletonTests
{
    [TestMethod]
    [DataRow(false, false)]
    [DataRow(false, true)]
    [DataRow(true, false)]
    [DataRow(true, true)]
    public void BranchRunsItsDelaySlot(bool bigEndian, bool compiled)
    {
        // bne $a0, $zero, +2 ; addiu $v0, $zero, 5 (delay slot) ; addiu $v0, $v0, 1 ; (target) addiu $v0, $v0, 0x10
        uint[] words = [0x14800002, 0x24020005, 0x24420001, 0x24420010];
        using var mem = new GuestMemory();
        mem.Map(0x10000, GuestMemory.PageSize, PagePermissions.All);
        TestMemory.Place(mem, 0x10000, words, bigEndian);
        var block = new MipsFrontend(bigEndian).Lift(0x10000, new ExecutableCodeReader(mem), 8);
        Assert.AreEqual(2, block.GuestInsnCount, "a branch and its delay slot end the block");
        var state = new MipsCpuState();
        state.R[4] = 1;
        var reason = compiled
            ? BlockRunner.Compile(block, MipsRegs.Layout, (byte*)&state, mem)
            : BlockRunner.Interpret(block, MipsRegs.Layout, (byte*)&state, mem);
        Assert.AreEqual(ExitReason.Jump, reason);
        Assert.AreEqual(5u, state.R[2], "the delay slot ran");
        Assert.AreEqual(0x1000Cu, state.Header.Pc, "taken: pc + 4 + (2 << 2)");
    }
}
