using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Tests;

[TestClass]
public sealed class VerifierAndPrinterTests
{
    [TestMethod]
    public void BuilderRejectsWrongArgumentTypes()
    {
        var b = new IrBuilder(0);
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => b.Add32(IrBuilder.Imm64(1), IrBuilder.Imm32(1)));
        StringAssert.Contains(ex.Message, "Add32");
    }

    [TestMethod]
    public void VerifierRejectsAValueThatABranchSkips()
    {
        var b = new IrBuilder(0);
        var l = b.NewLabel();
        b.BrIf(b.GetReg1(0), l);
        var v = b.Add32(b.GetReg32(1), IrBuilder.Imm32(2));   // not computed when the branch is taken
        b.Label(l);
        b.ExitIndirect(v, 0);
        var errors = IrVerifier.Check(b.Block);
        Assert.IsTrue(errors.Any(e => e.Contains($"uses %{v.Def!.Id}, not defined on every path to it")), string.Join("\n", errors));
    }

    [TestMethod]
    public void VerifierAcceptsAValueDefinedBeforeEveryBranchToALabel()
    {
        var b = new IrBuilder(0);
        var v = b.Add32(b.GetReg32(1), IrBuilder.Imm32(2));
        var l = b.NewLabel();
        b.BrIf(b.GetReg1(0), l);
        b.SetReg32(IrBuilder.Imm32(0), 2);
        b.Label(l);
        b.ExitIndirect(v, 0);
        Assert.IsEmpty(IrVerifier.Check(b.Block));
    }

    [TestMethod]
    public void VerifierRejectsALaterValueAndAnotherBlocksValue()
    {
        var other = new IrBuilder(0);
        var foreign = other.Add32(IrBuilder.Imm32(1), IrBuilder.Imm32(2));   // Id 0 there, as the first below
        var b = new IrBuilder(0);
        var first = b.Add32(IrBuilder.Imm32(3), IrBuilder.Imm32(4));
        var second = b.Add32(first, IrBuilder.Imm32(5));
        b.ExitIndirect(b.Add32(second, foreign), 0);
        b.Block.Insts.Reverse(0, 2);                                        // second now comes before first
        b.Block.Renumber();
        var errors = IrVerifier.Check(b.Block);
        Assert.HasCount(2, errors.Where(e => e.Contains("not defined on every path to it")).ToList(), string.Join("\n", errors));
    }

    [TestMethod]
    public void VerifierRejectsInstructionsNumberedOutOfPlace()
    {
        var b = new IrBuilder(0);
        b.ExitIndirect(b.Add32(IrBuilder.Imm32(1), IrBuilder.Imm32(2)), 0);
        b.Block.Insts[0].Id = 7;
        CollectionAssert.Contains(IrVerifier.Check(b.Block), "%7 Add32: numbered 7 at position 0");
    }

    [TestMethod]
    public void VerifierRejectsALabelOutsideTheBlocksCount()
    {
        var b = new IrBuilder(0);
        b.Br(3);
        Assert.IsTrue(IrVerifier.Check(b.Block).Any(e => e.Contains("label 3 out of range")));
    }

    [TestMethod]
    public void VerifierRejectsABlockWithoutAnExit()
    {
        var b = new IrBuilder(0);
        b.Add32(IrBuilder.Imm32(1), IrBuilder.Imm32(2));
        CollectionAssert.Contains(IrVerifier.Check(b.Block), "the block does not end in an exit");
    }

    [TestMethod]
    public void VerifierChecksRegisterSlotTypes()
    {
        var layout = new GuestStateLayout(16);
        layout.Add("r0", IrType.I32, 0);
        var b = new IrBuilder(0);
        b.SetReg64(IrBuilder.Imm64(1), 0);
        b.ExitJump(4);
        Assert.IsTrue(IrVerifier.Check(b.Block, layout).Any(e => e.Contains("slot r0 is i32")));
    }

    [TestMethod]
    public void PrinterShowsOpsOperandsAndAux()
    {
        var b = new IrBuilder(0x8000);
        b.InsnStart(0x8000, 0xe0810002);
        var s = b.Add32(b.GetReg32(1), IrBuilder.Imm32(0x10));
        b.SetReg32(s, 0);
        b.ExitJump(0x8004);
        var text = IrPrinter.Format(b.Block);
        StringAssert.Contains(text, "InsnStart pc=0x00008000, word=0xe0810002");
        StringAssert.Contains(text, "%2:i32 = Add32 %1, 0x10");
        StringAssert.Contains(text, "ExitJump pc=0x00008004");
    }

    [TestMethod]
    public void PrinterNamesTheExitReasonOfATrap()
    {
        var b = new IrBuilder(0x400000);
        var addr = b.GetReg32(29);
        b.ExitTrapIf(addr, b.Ne32(b.And32(addr, IrBuilder.Imm32(3)), IrBuilder.Imm32(0)), (long)ExitReason.AlignmentFault, 0x400000);
        b.ExitJump(0x400004);
        StringAssert.Contains(IrPrinter.Format(b.Block), "reason=AlignmentFault, pc=0x00400000");
    }

    [TestMethod]
    public void OpcodeTableIsConsistent()
    {
        Assert.AreEqual(OpInfo.Count, Enum.GetValues<Opcode>().Length);
        foreach (var d in OpInfo.All)
        {
            Assert.AreEqual(d.Name, d.Op.ToString());
            if (d.Is(OpFlags.Pure)) Assert.AreNotEqual(IrType.Void, d.Result, $"{d.Name}: a pure op yields a value");
            if (d.Is(OpFlags.Terminator)) Assert.AreEqual(IrType.Void, d.Result, d.Name);
        }
    }
}
