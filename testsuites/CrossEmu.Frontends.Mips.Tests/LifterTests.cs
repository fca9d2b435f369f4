using CrossEmu.Testing;
using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// Block structure (the instruction limit, delay slots kept in the block, instructions that end
/// a block) and the folding the lifter does for operands it knows.
/// </summary>
[TestClass]
public sealed class LifterTests
{
    const uint Nop = 0x00000000, BeqSelf = 0x10000003 /* b .+16 */, Synci = 0x049f0000 /* synci 0($a0) */;

    /// <summary>Lifts exactly the given words.</summary>
    static IrBlock Lift(bool bigEndian, params uint[] words) => MipsTestCpu.Lift(words, bigEndian);

    /// <summary>Lifts with the frontend's own block limit.</summary>
    static IrBlock LiftBlock(bool bigEndian, uint[] words) => MipsTestCpu.Lift(words, bigEndian, MipsFrontend.MaxBlockInsns);

    static IEnumerable<Opcode> Ops(IrBlock block) => block.Insts.Select(i => i.Op);

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void BlocksStopAtTheInstructionLimit(bool bigEndian)
    {
        var block = LiftBlock(bigEndian, Enumerable.Repeat(Nop, 60).ToArray());
        Assert.AreEqual(MipsFrontend.MaxBlockInsns, block.GuestInsnCount);
        var exit = block.Insts[^1];
        Assert.AreEqual(Opcode.ExitJump, exit.Op);
        Assert.AreEqual(MipsTestCpu.CodeBase + 4u * MipsFrontend.MaxBlockInsns, (uint)exit.Aux);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void ABranchAtTheLimitKeepsItsDelaySlot(bool bigEndian)
    {
        var words = Enumerable.Repeat(Nop, 60).ToArray();
        words[MipsFrontend.MaxBlockInsns - 1] = BeqSelf;
        var block = LiftBlock(bigEndian, words);
        Assert.AreEqual(MipsFrontend.MaxBlockInsns + 1, block.GuestInsnCount);
        Assert.AreEqual(MipsTestCpu.CodeBase + 4u * (MipsFrontend.MaxBlockInsns + 1), block.GuestEnd);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void SynciEndsTheBlock(bool bigEndian)
    {
        var block = Lift(bigEndian, Synci, Nop, Nop);
        Assert.AreEqual(1, block.GuestInsnCount);
        Assert.AreEqual(Opcode.ExitJump, block.Insts[^1].Op);
        Assert.AreEqual(MipsTestCpu.CodeBase + 4, (uint)block.Insts[^1].Aux);
    }

    [TestMethod]
    public void AnnulledLikelySlotIsNotPartOfTheBlock()
    {
        // bnel $a0, $a0, .+16 never branches: it skips the next word without decoding it
        var block = Lift(false, 0x54840003, 0xFFFFFFFF, Nop);
        Assert.AreEqual(1, block.GuestInsnCount);
        Assert.DoesNotContain(Opcode.ExitTrap, Ops(block));
    }

    [TestMethod]
    [DataRow(0x00801025u, "or $v0, $a0, $zero (move)")]
    [DataRow(0x00801021u, "addu $v0, $a0, $zero (move)")]
    [DataRow(0x24020005u, "addiu $v0, $zero, 5 (li)")]
    [DataRow(0x34020005u, "ori $v0, $zero, 5 (li)")]
    [DataRow(0x00041000u, "sll $v0, $a0, 0 (move)")]
    public void MovesAndConstantsNeedNoArithmetic(uint word, string asm)
    {
        var block = Lift(false, word);
        var arithmetic = Ops(block).Where(op => op is Opcode.Or32 or Opcode.Add32 or Opcode.Shl32).ToList();
        Assert.IsEmpty(arithmetic, asm);
    }

    [TestMethod]
    public void NopEmitsNothingButTheInstructionMarker()
    {
        var block = Lift(false, Nop);
        CollectionAssert.AreEqual(new[] { Opcode.InsnStart, Opcode.ExitJump }, Ops(block).ToArray());
    }

    [TestMethod]
    public void UnconditionalBranchHasNoCondition()
    {
        // beq $a0, $a0, .+16 ; nop
        var block = Lift(false, 0x10840003, Nop);
        Assert.DoesNotContain(Opcode.BrIf, Ops(block));
        Assert.DoesNotContain(Opcode.SetReg1, Ops(block));
        Assert.AreEqual(MipsTestCpu.CodeBase + 16, (uint)block.Insts[^1].Aux);
    }

    [TestMethod]
    public void AlignmentCheckFoldsForAbsoluteAddresses()
    {
        // lw $v0, 0x20010($zero) is known aligned: no check
        var block = Lift(false, 0x8c020010);
        Assert.DoesNotContain(Opcode.BrIf, Ops(block));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void UnfetchableDelaySlotFaultsAtTheBranch(bool bigEndian)
    {
        using var mem = new GuestMemory();
        mem.Map(0x10000, GuestMemory.PageSize, PagePermissions.All);
        uint at = 0x10000 + GuestMemory.PageSize - 4;
        TestMemory.Place(mem, at, [BeqSelf], bigEndian);
        var block = MipsTestCpu.Frontend(bigEndian).Lift(at, new ExecutableCodeReader(mem), 8);
        var exit = block.Insts[^1];
        Assert.AreEqual(Opcode.ExitTrap, exit.Op);
        Assert.AreEqual((long)ExitReason.MemoryFault, exit.Aux);
        Assert.AreEqual(at, (uint)exit.Aux2, "the branch reports the fault");
    }
}
