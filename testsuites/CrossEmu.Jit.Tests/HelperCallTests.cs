using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Ir.Passes;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

/// <summary>
/// Helpers for the tests below: one computes from its arguments, one reads and writes guest
/// state (register r7) behind the IR's back.
/// </summary>
public static unsafe class TestHelpers
{
    public static readonly IrHelper MulAdd = IrHelpers.Register(typeof(TestHelpers), nameof(MulAddImpl));
    public static readonly IrHelper BumpR7 = IrHelpers.Register(typeof(TestHelpers), nameof(BumpR7Impl));

    public static ulong MulAddImpl(byte* state, ulong a, ulong b, ulong c) => a * b + c;

    /// <summary>r7 += a; returns the old r7.</summary>
    public static ulong BumpR7Impl(byte* state, ulong a, ulong b, ulong c)
    {
        var s = (TestState*)state;
        uint old = s->R[7];
        s->R[7] = old + (uint)a;
        return old;
    }
}

[TestClass]
public sealed unsafe class HelperCallTests
{
    static ExitReason Run(IrBlock block, TestMachine m, bool compiled) => compiled
        ? BlockRunner.Compile(block, TestMachine.Layout, (byte*)m.State, m.Memory)
        : BlockRunner.Interpret(block, TestMachine.Layout, (byte*)m.State, m.Memory);

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void HelperResultFlowsIntoIr(bool compiled)
    {
        using var m = new TestMachine();
        m.State->X[0] = 7;
        var b = new IrBuilder(0x1000);
        b.InsnStart(0x1000, 0);
        var r = b.Call(TestHelpers.MulAdd, b.GetReg64(TestMachine.X(0)), IrBuilder.Imm64(6UL), IrBuilder.Imm64(0x1_0000_0000UL));
        b.SetReg64(r, TestMachine.X(1));
        b.ExitJump(0x2000);
        Assert.AreEqual(ExitReason.Jump, Run(b.Block, m, compiled));
        Assert.AreEqual(0x1_0000_002AUL, m.State->X[1]);
    }

    /// <summary>
    /// The IR writes r7, the helper reads and changes it, the IR reads it again: registers held in
    /// locals by the compiler, and values known to the register pass, must not go stale.
    /// </summary>
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void HelperSeesAndChangesGuestState(bool compiled)
    {
        using var m = new TestMachine();
        var b = new IrBuilder(0x1000);
        b.InsnStart(0x1000, 0);
        b.SetReg32(IrBuilder.Imm32(100), TestMachine.R(7));
        var old = b.Call(TestHelpers.BumpR7, IrBuilder.Imm64(5UL));
        b.SetReg32(b.Lo64To32(old), TestMachine.R(0));
        b.SetReg32(b.Add32(b.GetReg32(TestMachine.R(7)), IrBuilder.Imm32(1)), TestMachine.R(1));
        b.ExitJump(0x2000);
        var block = b.Block;
        PassPipeline.Optimize(block, TestMachine.Layout);
        Assert.AreEqual(ExitReason.Jump, Run(block, m, compiled));
        Assert.AreEqual(100u, m.State->R[0], "the helper saw the IR's write");
        Assert.AreEqual(105u, m.State->R[7]);
        Assert.AreEqual(106u, m.State->R[1], "the IR saw the helper's write");
    }

    [TestMethod]
    public void PrinterNamesTheHelper()
    {
        var b = new IrBuilder(0x1000);
        b.Call(TestHelpers.MulAdd, IrBuilder.Imm64(1UL));
        StringAssert.Contains(IrPrinter.Format(b.Block.Insts[0]), "helper=TestHelpers.MulAddImpl");
    }
}
