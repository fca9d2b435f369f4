using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

/// <summary>
/// The interpreter runs each random block as generated; the compiler runs it after the passes.
/// Registers, flags, exit and the memory window must come out the same.
/// </summary>
[TestClass]
public sealed unsafe class DifferentialTests
{
    /// <summary>Both ways the compiler can hold guest registers: in locals, and in the state.</summary>
    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void RandomBlocksAgreeAcrossTiers(bool registersInLocals)
    {
        var failures = new List<string>();
        for (int seed = 1; seed <= 300 && failures.Count < 5; seed++)
        {
            var block = new RandomBlockGenerator(seed).Generate(20 + seed % 60);
            var (interpState, interpMem, interpReason) = Run(block, compiled: false, seed, registersInLocals);
            var (compState, compMem, compReason) = Run(block, compiled: true, seed, registersInLocals);
            if (interpReason != compReason) failures.Add($"seed {seed}: exit {interpReason} vs {compReason}");
            else if (!interpState.AsSpan().SequenceEqual(compState))
                failures.Add($"seed {seed}: state differs at byte {FirstDifference(interpState, compState)}");
            else if (!interpMem.AsSpan().SequenceEqual(compMem))
                failures.Add($"seed {seed}: memory differs at 0x{0x10000 + FirstDifference(interpMem, compMem):x}");
            if (failures.Count > 0 && failures[^1].StartsWith($"seed {seed}:")) failures[^1] += "\n" + IrPrinter.Format(block);
        }
        if (failures.Count > 0) Assert.Fail(string.Join("\n\n", failures));
    }

    static int FirstDifference(byte[] a, byte[] b)
    {
        for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return i;
        return -1;
    }

    static (byte[] state, byte[] memory, ExitReason reason) Run(IrBlock block, bool compiled, int seed, bool registersInLocals)
    {
        using var m = new TestMachine();
        var rng = new Random(seed * 7919);
        var init = new byte[sizeof(TestState)];
        rng.NextBytes(init);
        new Span<byte>(init, 0, sizeof(CpuHeader)).Clear();
        foreach (var slot in TestMachine.Layout.Slots.Where(s => s.Type == IrType.I1)) init[slot.Offset] &= 1;   // flags are 0 or 1
        m.Restore(init);
        rng.NextBytes(m.Memory.Span(0x10000, 0x10000));
        var reason = compiled
            ? BlockRunner.Compile(block, TestMachine.Layout, (byte*)m.State, m.Memory, registersInLocals: registersInLocals)
            : BlockRunner.Interpret(block, TestMachine.Layout, (byte*)m.State, m.Memory);
        return (m.Snapshot(), m.Memory.Span(0x10000, 0x10000).ToArray(), reason);
    }
}
