using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;
using static CrossEmu.Isa.Tests.Translation.HalfwordTestLifter;

namespace CrossEmu.Isa.Tests.Translation;

/// <summary>
/// The shared translator loop, through two made-up frontends: instruction lengths, the budget,
/// delay slots, block ends and the fetch-fault rules.
/// </summary>
[TestClass]
public sealed class BlockLifterTests
{
    const uint Start = 0x1000;
    /// <summary>Code placed to end here is followed by an unreadable page.</summary>
    const uint PageEnd = 0x3000;

    static uint[] Pcs(IrBlock block) =>
        block.Insts.Where(i => i.Op == Opcode.InsnStart).Select(i => (uint)i.Aux).ToArray();

    static void AssertWellFormed(IrBlock block) =>
        CollectionAssert.AreEqual(Array.Empty<string>(), IrVerifier.Check(block).ToArray(), block.ToString());

    static void AssertJumpsTo(IrBlock block, uint pc)
    {
        AssertWellFormed(block);
        Assert.AreEqual(Opcode.ExitJump, block.Insts[^1].Op, block.ToString());
        Assert.AreEqual(pc, (uint)block.Insts[^1].Aux);
    }

    static void AssertFetchFault(IrBlock block, uint faultAddress, uint pc)
    {
        AssertWellFormed(block);
        var exit = block.Insts[^1];
        Assert.AreEqual(Opcode.ExitTrap, exit.Op, block.ToString());
        Assert.AreEqual((long)ExitReason.MemoryFault, exit.Aux);
        Assert.AreEqual(faultAddress, (uint)exit.Args[0].Constant, "fault address");
        Assert.AreEqual(pc, (uint)exit.Aux2, "pc of the fault");
    }

    [TestMethod]
    public void SixteenAndThirtyTwoBitInstructionsMix()
    {
        var code = new TestCode().AtHalves(Start, Nop, Wide, 0x1234, Nop, Stop, Nop);
        var block = HalfwordTestLifter.Lift(Start, code);
        CollectionAssert.AreEqual(new[] { Start, Start + 2, Start + 6, Start + 8 }, Pcs(block));
        Assert.AreEqual(4, block.GuestInsnCount);
        Assert.AreEqual(Start + 10, block.GuestEnd, "the sum of the lengths, not 4 per instruction");
        AssertJumpsTo(block, Start + 10);
    }

    [TestMethod]
    public void AByteStreamOfVariableLength()
    {
        // lengths 1, 4, 8, 2, then a 1-byte instruction that ends the block
        var code = new TestCode().At(Start, 0x00, 0x03, 1, 2, 3, 0x07, 1, 2, 3, 4, 5, 6, 7, 0x01, 9, ByteStreamTestLifter.EndsBlock, 0, 0, 0, 0);
        var block = ByteStreamTestLifter.Lift(Start, code);
        CollectionAssert.AreEqual(new[] { Start, Start + 1, Start + 5, Start + 13, Start + 15 }, Pcs(block));
        Assert.AreEqual(5, block.GuestInsnCount);
        Assert.AreEqual(Start + 16, block.GuestEnd);
        AssertJumpsTo(block, Start + 16);
    }

    [TestMethod]
    [DataRow(1, DisplayName = "one step (the debugger)")]
    [DataRow(3, DisplayName = "three")]
    public void TheBudgetBoundsTheInstructions(int budget)
    {
        var code = new TestCode().AtHalves(Start, Nop, Wide, 0, Nop, Nop, Nop, Nop);
        var block = HalfwordTestLifter.Lift(Start, code, budget);
        Assert.AreEqual(budget, block.GuestInsnCount);
        uint end = budget == 1 ? Start + 2 : Start + 8;
        Assert.AreEqual(end, block.GuestEnd);
        AssertJumpsTo(block, end);
    }

    [TestMethod]
    public void ABudgetBelowOneLiftsOneInstruction()
    {
        var block = HalfwordTestLifter.Lift(Start, new TestCode().AtHalves(Start, Nop, Nop), 0);
        Assert.AreEqual(1, block.GuestInsnCount);
    }

    [TestMethod]
    public void ADelaySlotIsLiftedWithItsBranchAndTheBranchEndsTheBlock()
    {
        var code = new TestCode().AtHalves(Start, Nop, BranchBy(0x20), Wide, 0, Nop);
        var block = HalfwordTestLifter.Lift(Start, code);
        CollectionAssert.AreEqual(new[] { Start, Start + 2, Start + 4 }, Pcs(block));
        Assert.AreEqual(3, block.GuestInsnCount, "the slot counts as an instruction");
        Assert.AreEqual(Start + 8, block.GuestEnd);
        AssertJumpsTo(block, Start + 2 + 0x40);
    }

    [TestMethod]
    public void ABlockEndsBeforeABoundaryThatStartsTheNextOne()
    {
        var code = new TestCode().AtHalves(Start, Nop, Wide, 0, Nop, Nop, Stop).BoundaryAt(Start + 6);
        var before = HalfwordTestLifter.Lift(Start, code);
        CollectionAssert.AreEqual(new[] { Start, Start + 2 }, Pcs(before));
        Assert.AreEqual(Start + 6, before.GuestEnd);
        AssertJumpsTo(before, Start + 6);
        var at = HalfwordTestLifter.Lift(Start + 6, code);
        CollectionAssert.AreEqual(new[] { Start + 6, Start + 8, Start + 10 }, Pcs(at), "a boundary at the first instruction does not stop it");
    }

    [TestMethod]
    public void ABoundaryAtADelaySlotLeavesItWithItsBranch()
    {
        var code = new TestCode().AtHalves(Start, Nop, BranchBy(0x20), Wide, 0, Nop).BoundaryAt(Start + 4);
        var block = HalfwordTestLifter.Lift(Start, code);
        CollectionAssert.AreEqual(new[] { Start, Start + 2, Start + 4 }, Pcs(block));
        AssertJumpsTo(block, Start + 2 + 0x40);
    }

    [TestMethod]
    public void ABranchAndItsDelaySlotAreOneStep()
    {
        var code = new TestCode().AtHalves(Start, BranchBy(8), Nop, Nop);
        var block = HalfwordTestLifter.Lift(Start, code, 1);
        Assert.AreEqual(2, block.GuestInsnCount);
        AssertJumpsTo(block, Start + 16);
    }

    [TestMethod]
    [DataRow(PageEnd, DisplayName = "no byte readable")]
    [DataRow(PageEnd - 2, DisplayName = "straddling into an unreadable page")]
    public void AnUnreadableFirstInstructionIsAFaultAtItsPc(uint pc)
    {
        var block = HalfwordTestLifter.Lift(pc, new TestCode().AtHalves(PageEnd - 4, Nop, Wide));
        AssertFetchFault(block, PageEnd, pc);
        Assert.AreEqual(0, block.GuestInsnCount);
        Assert.AreEqual(pc, block.GuestEnd);
        Assert.AreEqual(1, block.Insts.Count, "nothing but the fault");
    }

    [TestMethod]
    [DataRow(Nop, 2, PageEnd, DisplayName = "no byte readable")]
    [DataRow(Wide, 1, PageEnd - 2, DisplayName = "straddling into an unreadable page")]
    public void AnUnreadableLaterInstructionEndsTheBlockBeforeIt(ushort second, int lifted, uint end)
    {
        var block = HalfwordTestLifter.Lift(PageEnd - 4, new TestCode().AtHalves(PageEnd - 4, Nop, second));
        Assert.AreEqual(lifted, block.GuestInsnCount);
        Assert.AreEqual(end, block.GuestEnd);
        AssertJumpsTo(block, end);
    }

    [TestMethod]
    public void AByteStreamInstructionStraddlingIntoAnUnreadablePageFaultsWhereTheReadableBytesEnd()
    {
        // an 8-byte instruction with 3 bytes before the end of the code
        var block = ByteStreamTestLifter.Lift(PageEnd - 3, new TestCode().At(PageEnd - 4, 0x00, 0x07, 1, 2));
        AssertFetchFault(block, PageEnd, PageEnd - 3);
    }

    [TestMethod]
    public void AnUnreadableDelaySlotFaultsAtItsBranch()
    {
        var block = HalfwordTestLifter.Lift(PageEnd - 2, new TestCode().AtHalves(PageEnd - 4, Nop, BranchBy(8)));
        AssertFetchFault(block, PageEnd, PageEnd - 2);
        Assert.AreEqual(1, block.GuestInsnCount, "the branch, not its slot");
        Assert.AreEqual(PageEnd, block.GuestEnd);
    }

    [TestMethod]
    public void ADelaySlotStraddlingIntoAnUnreadablePageFaultsAtItsBranch()
    {
        var block = HalfwordTestLifter.Lift(PageEnd - 4, new TestCode().AtHalves(PageEnd - 4, BranchBy(8), Wide));
        AssertFetchFault(block, PageEnd, PageEnd - 4);
        Assert.AreEqual(1, block.GuestInsnCount);
        Assert.AreEqual(PageEnd - 2, block.GuestEnd);
    }

    [TestMethod]
    public void InstructionsRunOnAcrossAReadablePageBoundary()
    {
        // the page-crossing rule: nothing stops at a page boundary while the bytes are executable
        var code = new TestCode().AtHalves(PageEnd - 4, Nop, Wide, 0, Stop);
        var block = HalfwordTestLifter.Lift(PageEnd - 4, code);
        CollectionAssert.AreEqual(new[] { PageEnd - 4, PageEnd - 2, PageEnd + 2 }, Pcs(block));
        Assert.AreEqual(PageEnd + 4, block.GuestEnd);
    }

    [TestMethod]
    public void ABlockEndsAtTheTopOfTheAddressSpace()
    {
        var code = new TestCode().AtHalves(0xFFFF_FFFC, Nop, Nop).AtHalves(0, Nop, Nop);
        var block = HalfwordTestLifter.Lift(0xFFFF_FFFC, code);
        Assert.AreEqual(2, block.GuestInsnCount);
        Assert.AreEqual(0u, block.GuestEnd);
        AssertJumpsTo(block, 0);
    }
}
