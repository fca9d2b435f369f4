using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>The shape of lifted blocks: length, ends, fetch faults, per-instruction markers.</summary>
[TestClass]
public sealed class LifterTests
{
    const uint Nop = 0xE320F000, MovR0R0 = 0xE1A00000;

    static IrInst LastInst(IrBlock b) => b.Insts[^1];

    [TestMethod]
    public void FrontendLiftsAgainstTheArmStateLayout()
    {
        var f = new ArmFrontend();
        Assert.AreSame(ArmRegs.Layout, f.Layout);
    }

    [TestMethod]
    public void BlockStopsAtTheInstructionLimit()
    {
        var words = Enumerable.Repeat(MovR0R0, 100).ToArray();
        var block = ArmTestCpu.LiftAt(ArmTestCpu.CodeBase, words, ArmFrontend.MaxBlockInsns);
        Assert.AreEqual(48, block.GuestInsnCount);
        Assert.AreEqual(ArmTestCpu.CodeBase + 48 * 4, block.GuestEnd);
        Assert.AreEqual(Opcode.ExitJump, LastInst(block).Op);
        Assert.AreEqual(ArmTestCpu.CodeBase + 48 * 4, (uint)LastInst(block).Aux);
        Assert.AreEqual(48, block.Insts.Count(i => i.Op == Opcode.InsnStart));
    }

    [TestMethod]
    public void EachInstructionIsMarkedWithItsPcAndWord()
    {
        uint[] words = [0xE2800001, 0xE2811002, 0xE2822003];   // add r0, r0, #1; add r1, r1, #2; add r2, r2, #3
        var block = ArmTestCpu.Lift(words);
        var starts = block.Insts.Where(i => i.Op == Opcode.InsnStart).ToList();
        Assert.HasCount(3, starts);
        for (int k = 0; k < 3; k++)
        {
            Assert.AreEqual(ArmTestCpu.CodeBase + 4u * (uint)k, (uint)starts[k].Aux);
            Assert.AreEqual(words[k], (uint)starts[k].Aux2);
        }
    }

    [TestMethod]
    public void FetchFaultAtTheFirstInstructionIsAMemoryFaultAtPc()
    {
        var block = ArmTestCpu.LiftAt(0x30000, [], 48);
        Assert.AreEqual(0, block.GuestInsnCount);
        Assert.AreEqual(Opcode.ExitTrap, LastInst(block).Op);
        Assert.AreEqual((long)ExitReason.MemoryFault, LastInst(block).Aux);
        var o = ArmTestCpu.Run(block);
        Assert.AreEqual(ExitReason.MemoryFault, o.Exit);
        Assert.AreEqual(0x30000u, o.Pc);
        Assert.AreEqual(0x30000u, o.FaultAddress);
    }

    [TestMethod]
    public void FetchFaultLaterEndsTheBlockBeforeIt()
    {
        // Two instructions at the end of the code page; the next page is not mapped.
        uint pc = ArmTestCpu.CodeBase + 0xFF8;
        var block = ArmTestCpu.LiftAt(pc, [0xE2800001, 0xE2800001], 48, address: pc);
        Assert.AreEqual(2, block.GuestInsnCount);
        Assert.AreEqual(pc + 8, block.GuestEnd);
        Assert.AreEqual(Opcode.ExitJump, LastInst(block).Op);
        Assert.AreEqual(pc + 8, (uint)LastInst(block).Aux);
        var o = ArmTestCpu.Run(block);
        Assert.AreEqual(ArmTestCpu.DefaultReg(0) + 2, o.R[0]);
        Assert.AreEqual(pc + 8, o.Pc);
    }

    [TestMethod]
    [DataRow(0xEA000000u, "b .+8")]
    [DataRow(0xEB000000u, "bl .+8")]
    [DataRow(0xE12FFF1Eu, "bx lr")]
    [DataRow(0xE1A0F00Eu, "mov pc, lr")]
    [DataRow(0xE49DF004u, "pop {pc}")]
    [DataRow(0xE8BD8010u, "pop {r4, pc}")]
    [DataRow(0xEF000000u, "svc #0")]
    [DataRow(0xE1200070u, "bkpt #0")]
    [DataRow(0xE7F000F0u, "udf #0")]
    [DataRow(0xE1020091u, "swp r0, r1, [r2]")]
    [DataRow(0x0A000000u, "beq .+8")]
    [DataRow(0x01A0F00Eu, "moveq pc, lr")]
    [DataRow(0xF0000000u, "(undefined)")]
    public void BlockEndsAfterAnInstructionThatMayChangePc(uint word, string asm)
    {
        var block = ArmTestCpu.LiftAt(ArmTestCpu.CodeBase, [word, MovR0R0, MovR0R0], 48);
        Assert.AreEqual(1, block.GuestInsnCount, asm);
        Assert.AreEqual(ArmTestCpu.CodeBase + 4, block.GuestEnd, asm);
        Assert.IsEmpty(IrVerifier.Check(block, ArmRegs.Layout), asm);
    }

    [TestMethod]
    public void ConditionalInstructionSkipsItsBodyWithALabel()
    {
        var block = ArmTestCpu.Lift([0x12800001]);   // addne r0, r0, #1
        var ops = block.Insts.Select(i => i.Op).ToList();
        int brIf = ops.IndexOf(Opcode.BrIf), label = ops.IndexOf(Opcode.Label);
        Assert.IsGreaterThan(0, brIf);
        Assert.IsGreaterThan(brIf, label);
        Assert.AreEqual(block.Insts[brIf].Aux, block.Insts[label].Aux);
        Assert.IsTrue(ops.Skip(brIf).Take(label - brIf).Contains(Opcode.SetReg32), "the add is between the branch and its label");
    }

    [TestMethod]
    public void AlwaysAndUnconditionalInstructionsHaveNoSkip()
    {
        var block = ArmTestCpu.Lift([0xE2800001, 0xF57FF05B]);   // add r0, r0, #1; dmb ish
        Assert.IsFalse(block.Insts.Any(i => i.Op is Opcode.BrIf or Opcode.Label));
    }

    [TestMethod]
    public void ConditionalBranchHasTwoExits()
    {
        var block = ArmTestCpu.Lift([0x1A000002]);   // bne .+16
        var jumps = block.Insts.Where(i => i.Op == Opcode.ExitJump).Select(i => (uint)i.Aux).ToList();
        CollectionAssert.AreEquivalent(new[] { ArmTestCpu.CodeBase + 16, ArmTestCpu.CodeBase + 4 }, jumps);
    }

    [TestMethod]
    public void ReturnsAreMarkedAsReturns()
    {
        foreach (uint word in new uint[] { 0xE12FFF1E, 0xE1A0F00E, 0xE49DF004, 0xE8BD8010 })   // bx lr; mov pc, lr; pop {pc}; pop {r4, pc}
        {
            var exit = ArmTestCpu.Lift([word]).Insts.Single(i => i.Op == Opcode.ExitIndirect);
            Assert.AreEqual(2, exit.Aux, $"{word:x8}");
        }
        var call = ArmTestCpu.Lift([0xE12FFF33]).Insts.Single(i => i.Op == Opcode.ExitIndirect);   // blx r3
        Assert.AreEqual(1, call.Aux);
        var plain = ArmTestCpu.Lift([0xE12FFF13]).Insts.Single(i => i.Op == Opcode.ExitIndirect);  // bx r3
        Assert.AreEqual(0, plain.Aux);
    }

    [TestMethod]
    public void EveryTestRowLiftsToValidIr()
    {
        // Also lifts each word with a condition, to check the skip structure everywhere.
        var problems = new List<string>();
        foreach (var (test, word) in CoverageTests.TestWords())
            foreach (uint w in new[] { word, (word & 0x0FFFFFFF) | (word >> 28 == 0xF ? 0xF0000000 : 0x10000000) })
            {
                var errors = IrVerifier.Check(ArmTestCpu.Lift([w]), ArmRegs.Layout);
                if (errors.Count > 0) problems.Add($"{test} ({w:x8}): {string.Join("; ", errors)}");
            }
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }
}
