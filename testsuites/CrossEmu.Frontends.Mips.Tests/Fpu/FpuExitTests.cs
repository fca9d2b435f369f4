using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Tests.Fpu;

/// <summary>
/// What the runtime gets at an FPU exit, which the qemu rows cannot show: the pc reported (the
/// instruction, or the branch when it sits in a delay slot) and the exit argument.
/// </summary>
[TestClass]
public sealed class FpuExitTests
{
    static FpuMachine.Outcome Run(uint[] words, bool bigEndian, bool compiled, Action<FpuCase.State> setup)
    {
        var init = new FpuCase("t", words, "", "", "").Initial(FpuMachine.Data);
        setup(init);
        return FpuMachine.Run(words, init, bigEndian, compiled);
    }

    [TestMethod]
    [DataRow(false, false)]
    [DataRow(false, true)]
    [DataRow(true, false)]
    [DataRow(true, true)]
    public void TrapReportsTheInstructionAndLeavesTheDestination(bool bigEndian, bool compiled)
    {
        // nop ; div.s $f0, $f2, $f4 with Z enabled: 1 / 0
        var o = Run([0x00000000, 0x46041003], bigEndian, compiled, s => { s.F[2] = 0x3F800000; s.F[4] = 0; s.Fcsr = 0x400; });
        Assert.AreEqual(ExitReason.FloatingPoint, o.Reason);
        Assert.AreEqual(FpuMachine.Code + 4, o.Pc);
        Assert.AreEqual(0x08u, o.ExitArg, "cause Z");
        Assert.AreEqual(0xC0DE0000u, o.F[0], "destination untouched");
        Assert.AreEqual(0x8400u, o.Fcsr, "cause set, flags not");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void TrapInADelaySlotReportsTheBranch(bool compiled)
    {
        // bc1f +2 ; add.s $f0, $f2, $f4 (sNaN, V enabled)
        var o = Run([0x45000002, 0x46041000, 0, 0], false, compiled, s => { s.F[2] = 0x7FC00000; s.Fcsr = 0x800; });
        Assert.AreEqual(ExitReason.FloatingPoint, o.Reason);
        Assert.AreEqual(FpuMachine.Code, o.Pc);
        Assert.AreEqual(0x10u, o.ExitArg, "cause V");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void CtcTrapsAfterWritingFcsr(bool compiled)
    {
        // ctc1 $2, $31 with cause I and enable I
        var o = Run([0x44C2F800], false, compiled, s => s.R[2] = 0x1080);
        Assert.AreEqual(ExitReason.FloatingPoint, o.Reason);
        Assert.AreEqual(FpuMachine.Code, o.Pc);
        Assert.AreEqual(0x01u, o.ExitArg);
        Assert.AreEqual(0x1080u, o.Fcsr);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void MisalignedAccessReportsTheAddress(bool compiled)
    {
        // ldc1 $f2, 4($4)
        var o = Run([0xD4820004], true, compiled, s => s.R[4] = FpuMachine.Data);
        Assert.AreEqual(ExitReason.AlignmentFault, o.Reason);
        Assert.AreEqual(FpuMachine.Code, o.Pc);
        Assert.AreEqual(FpuMachine.Data + 4, o.ExitArg);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void OddDoubleRegisterIsUndefined(bool compiled)
    {
        // add.d $f0, $f3, $f4
        var o = Run([0x46241800], false, compiled, _ => { });
        Assert.AreEqual(ExitReason.Undefined, o.Reason);
        Assert.AreEqual(0x46241800u, o.ExitArg);
    }
}
