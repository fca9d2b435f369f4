using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Tests.Fpu;

/// <summary>
/// Every case qemu-mipsel and qemu-mips ran (Data/qemu-expected.cases, made by tools/qemu_probe.py),
/// in each byte order, through both tiers: FPRs, GPRs, data words and FCSR must end as qemu left them, and a signal
/// must come out as the matching exit (SIGILL Undefined, SIGFPE FloatingPoint with the cause
/// field as argument, SIGBUS AlignmentFault).
/// </summary>
[TestClass]
public sealed class QemuReferenceTests
{
    public static IEnumerable<object[]> Cases() =>
        QemuExpected.Mipsel.Select((c, i) => new object[] { false, i, c.Line })
            .Concat(QemuExpected.Mips.Select((c, i) => new object[] { true, i, c.Line }));

    public static string Name(System.Reflection.MethodInfo _, object[] row) => $"{((bool)row[0] ? "mips" : "mipsel")}#{row[1]}: {row[2]}";

    [TestMethod]
    [DynamicData(nameof(Cases), DynamicDataDisplayName = nameof(Name))]
    public void MatchesQemu(bool bigEndian, int index, string line)
    {
        var c = FpuCase.Parse(line);
        var want = c.Expected(FpuMachine.Data);
        foreach (bool compiled in new[] { false, true })
        {
            var got = FpuMachine.Run(c.Words, c.Initial(FpuMachine.Data), bigEndian, compiled);
            string tier = compiled ? "compiled" : "interpreted";
            var expectedReason = want.Signal switch
            {
                0 => ExitReason.Jump,
                4 => ExitReason.Undefined,
                8 => ExitReason.FloatingPoint,
                10 => ExitReason.AlignmentFault,
                _ => throw new InvalidDataException($"signal {want.Signal}"),
            };
            Assert.AreEqual(expectedReason, got.Reason, $"{tier}: exit");
            if (want.Signal == 0)
                Assert.AreEqual(FpuMachine.Code + 4u * (uint)c.Words.Length, got.Pc, $"{tier}: ran to the end");
            if (want.Signal == 8)
                Assert.AreEqual((want.Fcsr >> 12) & 0x3F, got.ExitArg, $"{tier}: SIGFPE argument is the cause field");
            Assert.AreEqual(want.Fcsr.ToString("x8"), got.Fcsr.ToString("x8"), $"{tier}: fcsr");
            for (int n = 0; n < 32; n++)
                Assert.AreEqual(want.F[n].ToString("x8"), got.F[n].ToString("x8"), $"{tier}: f{n}");
            if (want.Signal == 0)
                foreach (int n in FpuCase.Gprs)
                    Assert.AreEqual(want.R[n].ToString("x8"), got.R[n].ToString("x8"), $"{tier}: r{n}");
            for (int n = 0; n < FpuCase.DataWords; n++)
                Assert.AreEqual(want.Mem[n].ToString("x8"), got.Mem[n].ToString("x8"), $"{tier}: data word {n}");
        }
    }
}
