using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Ir.Passes;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

/// <summary>
/// A compare lifted as flags (t = a + ~b + 1; N, Z, C, V) and a condition over them, read back
/// through the flag registers as a lifter does (also past a label both paths reach with the same
/// flags): the passes fold each condition into one comparison of a and b, and the compiled block
/// (optimised) agrees with the interpreter (as lifted) on every value tried.
/// </summary>
[TestClass]
public sealed unsafe class CompareFoldingTests
{
    const uint Start = 0x10000;
    const int N = 10, Z = 11, C = 12, V = 13;   // TestMachine's flag slots f0..f3

    /// <summary>The 14 conditions as ARM writes them over N, Z, C and V (true: the condition holds).</summary>
    static readonly (string Name, Func<IrBuilder, Value> Holds)[] Conditions =
    [
        ("EQ", b => F(b, Z)),
        ("NE", b => b.Not1(F(b, Z))),
        ("CS", b => F(b, C)),
        ("CC", b => b.Not1(F(b, C))),
        ("MI", b => F(b, N)),
        ("PL", b => b.Not1(F(b, N))),
        ("VS", b => F(b, V)),
        ("VC", b => b.Not1(F(b, V))),
        ("HI", b => b.Not1(b.Or1(b.Not1(F(b, C)), F(b, Z)))),
        ("LS", b => b.Not1(b.And1(F(b, C), b.Not1(F(b, Z))))),
        ("GE", b => b.Not1(b.Xor1(F(b, N), F(b, V)))),
        ("LT", b => b.Xor1(F(b, N), F(b, V))),
        ("GT", b => b.Not1(b.Or1(F(b, Z), b.Xor1(F(b, N), F(b, V))))),
        ("LE", b => b.Or1(F(b, Z), b.Xor1(F(b, N), F(b, V)))),
    ];

    static Value F(IrBuilder b, int slot) => b.GetReg1(slot);

    /// <summary>r2 = cond(compare r0 with r1, or with the constant) ? 1 : 0; the flags are then overwritten.</summary>
    static IrBlock Block(Func<IrBuilder, Value> holds, uint? constant, bool pastALabel)
    {
        var b = new IrBuilder(Start);
        b.InsnStart(Start, 0);
        var a = b.GetReg32(0);
        var t = b.AddC32(a, constant is { } k ? IrBuilder.Imm32(~k) : b.Not32(b.GetReg32(1)), IrBuilder.Imm1(true));
        b.SetReg1(b.LtS32(t, IrBuilder.Imm32(0)), N);
        b.SetReg1(b.Eq32(t, IrBuilder.Imm32(0)), Z);
        b.SetReg1(b.CarryOf32(t), C);
        b.SetReg1(b.OverflowOf32(t), V);
        if (pastALabel)
        {
            var skip = b.NewLabel();
            b.BrIf(b.Ne32(b.GetReg32(4), IrBuilder.Imm32(0)), skip);
            b.SetReg32(IrBuilder.Imm32(7), 3);
            b.Label(skip);
        }
        b.InsnStart(Start + 4, 0);
        b.SetReg32(b.Bool1To32(holds(b)), 2);
        foreach (int flag in new[] { N, Z, C, V }) b.SetReg1(IrBuilder.Imm1(false), flag);
        b.ExitTrap(IrBuilder.Imm32(0), (long)ExitReason.Syscall, Start + 8);
        b.Block.GuestInsnCount = 2;
        b.Block.GuestEnd = Start + 8;
        return b.Block;
    }

    static readonly uint[] Values = [0, 1, 2, 0x7fff_ffff, 0x8000_0000, 0x8000_0001, 0xffff_fffe, 0xffff_ffff, 0x1234_5678, 0xedcb_a988];

    [TestMethod]
    [DataRow(false, false)]
    [DataRow(true, false)]
    [DataRow(false, true)]
    public void EveryConditionFoldsToOneComparisonWithTheSameResult(bool againstAConstant, bool pastALabel)
    {
        var failures = new List<string>();
        foreach (var (name, holds) in Conditions)
        {
            var optimised = PassPipeline.OptimizedCopy(Block(holds, againstAConstant ? 0x8000_0000u : null, pastALabel), TestMachine.Layout);
            // N and V alone are the sign and overflow of a - b, not a comparison of a with b: those stay.
            bool signOrOverflow = name is "MI" or "PL" or "VS" or "VC";
            var leftOver = optimised.Insts.Where(i => i.Op == Opcode.GetReg1 || (!signOrOverflow && i.Op is Opcode.AddC32
                or Opcode.CarryOf32 or Opcode.OverflowOf32 or Opcode.Xor1 or Opcode.Or1 or Opcode.And1 or Opcode.Not1)).ToList();
            if (leftOver.Count > 0) failures.Add($"{name}: not folded: {string.Join(", ", leftOver)}");

            foreach (uint a in Values)
                foreach (uint bValue in againstAConstant ? [0x8000_0000u] : Values)
                {
                    uint interpreted = Run(Block(holds, againstAConstant ? bValue : null, pastALabel), a, bValue, compiled: false);
                    uint compiled = Run(Block(holds, againstAConstant ? bValue : null, pastALabel), a, bValue, compiled: true);
                    if (interpreted != compiled) failures.Add($"{name} 0x{a:x8}, 0x{bValue:x8}: interpreter {interpreted}, compiled {compiled}");
                }
        }
        if (failures.Count > 0) Assert.Fail(string.Join("\n", failures.Take(20)));
    }

    static uint Run(IrBlock block, uint a, uint b, bool compiled)
    {
        using var m = new TestMachine();
        m.State->R[0] = a;
        m.State->R[1] = b;
        m.State->R[4] = a & 1;   // past a label: the skip branch is taken for odd a
        var reason = compiled
            ? BlockRunner.Compile(block, TestMachine.Layout, (byte*)m.State, m.Memory)
            : BlockRunner.Interpret(block, TestMachine.Layout, (byte*)m.State, m.Memory);
        Assert.AreEqual(ExitReason.Syscall, reason);
        return m.State->R[2];
    }
}
