using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Ir.Passes;

namespace CrossEmu.Isa.Tests;

[TestClass]
public sealed class RedundantTrapEliminationTests
{
    /// <summary>Traps when base + offset is not aligned to mask + 1, as a lifter checks an access.</summary>
    static void AlignmentTrap(IrBuilder b, Value @base, uint offset, uint mask)
    {
        var addr = b.Add32(@base, IrBuilder.Imm32(offset));
        b.ExitTrapIf(addr, b.Ne32(b.And32(addr, IrBuilder.Imm32(mask)), IrBuilder.Imm32(0)), 5, 0x1000);
    }

    static int Traps(IrBlock block) => block.Insts.Count(i => i.Op == Opcode.ExitTrapIf);

    [TestMethod]
    public void SecondCheckThroughTheSameAlignedBaseGoes()
    {
        var b = new IrBuilder(0x1000);
        var sp = b.GetReg32(0);
        AlignmentTrap(b, sp, 4, 3);
        AlignmentTrap(b, sp, 8, 3);
        AlignmentTrap(b, sp, 16, 1);     // a halfword: implied by the word alignment
        b.ExitJump(0x1004);
        RedundantTrapElimination.Run(b.Block);
        Assert.AreEqual(1, Traps(b.Block));
    }

    [TestMethod]
    public void ChecksStayWhenNothingIsProven()
    {
        var b = new IrBuilder(0x1000);
        var sp = b.GetReg32(0);
        AlignmentTrap(b, sp, 2, 3);      // sp + 2 aligned says sp is not
        AlignmentTrap(b, sp, 8, 3);
        AlignmentTrap(b, sp, 12, 7);     // a wider mask than what is known
        int join = b.NewLabel();
        b.BrIf(IrBuilder.Imm1(false), join);
        b.Label(join);
        AlignmentTrap(b, sp, 4, 3);      // after a label: paths join, facts are gone
        b.ExitJump(0x1004);
        RedundantTrapElimination.Run(b.Block);
        Assert.AreEqual(4, Traps(b.Block));
    }
}
