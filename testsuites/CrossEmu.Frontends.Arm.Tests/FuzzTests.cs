using CrossEmu.Frontends.Arm.A32;
using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>
/// Random encodings: every word lifts to valid IR (never an exception), and random encodings of
/// every pattern run alike in the interpreter and the IL compiler.
/// </summary>
[TestClass]
public sealed class FuzzTests
{
    /// <summary>Registers pointing into the data area, so most loads and stores succeed.</summary>
    const string State =
        "r0=0x20800 r1=0x20810 r2=0x20820 r3=4 r4=0x20840 r5=0x20850 r6=0x80000001 r7=0x7fffffff " +
        "r8=0x20880 r9=0x20890 r10=0x208a0 r11=0x208b0 r12=0x208c0 sp=0x20f00 lr=0x10100 nzcv=1010 ge=0b0110 " +
        "[0x20800]=0x10204 [0x20804]=0x55aa55aa [0x20810]=0x12345678 [0x20840]=0xfedcba98";

    static IEnumerable<uint> EncodingsOfEveryPattern(int perPattern, int seed)
    {
        var rng = new Random(seed);
        foreach (var p in A32Decoder.Patterns)
            for (int i = 0; i < perPattern; i++)
            {
                uint w = ((uint)rng.NextInt64() & ~p.FixedMask) | p.FixedBits;
                if (w >> 28 == 0xF) w = (w & 0x0FFFFFFF) | 0xE0000000;
                yield return w;
            }
        foreach (var p in A32UncondDecoder.Patterns)
            for (int i = 0; i < perPattern; i++)
                yield return ((uint)rng.NextInt64() & ~p.FixedMask) | p.FixedBits;
    }

    [TestMethod]
    public void RandomWordsLiftToValidIr()
    {
        var rng = new Random(1234);
        var problems = new List<string>();
        for (int i = 0; i < 20000 && problems.Count < 20; i++)
        {
            uint w = (uint)rng.NextInt64();
            try
            {
                var errors = IrVerifier.Check(ArmTestCpu.Lift([w]), ArmRegs.Layout);
                if (errors.Count > 0) problems.Add($"{w:x8}: {string.Join("; ", errors)}");
            }
            catch (Exception e) { problems.Add($"{w:x8}: {e.GetType().Name}: {e.Message}"); }
        }
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void RandomEncodingsOfEveryPatternRunAlikeInBothTiers()
    {
        int ran = 0;
        foreach (uint w in EncodingsOfEveryPattern(12, 99))
        {
            var block = ArmTestCpu.Lift([w]);
            // A block that jumps to its own start is a loop the IL tier would run forever.
            if (block.Insts.Any(i => i.Op == Opcode.ExitJump && (uint)i.Aux == block.GuestPc)) continue;
            ArmTestCpu.Run(block, State);
            ran++;
        }
        Assert.IsGreaterThan(2000, ran);
    }
}
