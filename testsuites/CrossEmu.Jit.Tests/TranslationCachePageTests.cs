using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit.Runtime;

namespace CrossEmu.Jit.Tests;

/// <summary>A block whose instructions cross a page is dropped when code is written on either page.</summary>
[TestClass]
public sealed unsafe class TranslationCachePageTests
{
    const uint Start = 0x10FFC, SecondPage = 0x11000;

    static IrBlock Crossing(uint start, uint end)
    {
        var b = new IrBuilder(start);
        b.InsnStart(start, 0);
        b.SetReg32(IrBuilder.Imm32(5), 0);
        b.ExitTrap(IrBuilder.Imm32(0), (long)ExitReason.Syscall, end);
        b.Block.GuestInsnCount = 2;
        b.Block.GuestEnd = end;
        return b.Block;
    }

    [TestMethod]
    [DataRow(Start, DisplayName = "a write to the first page")]
    [DataRow(SecondPage + 2, DisplayName = "a write to the second page")]
    public void CodeWrittenOnEitherPageDropsTheBlock(uint written)
    {
        using var m = new TestMachine();
        var frontend = new TableFrontend(new() { [Start] = () => Crossing(Start, SecondPage + 4) });
        using var engine = new ExecutionEngine(frontend, m.Memory, new EngineOptions { BackgroundCompile = false });
        for (int run = 0; run < 2; run++)
        {
            m.State->Header.Pc = Start;
            Assert.AreEqual(ExitReason.Syscall, engine.Run(m.State));
        }
        Assert.AreEqual(1, frontend.Lifts);
        Assert.IsTrue(m.Memory.TryWrite(written, [0]));
        m.State->Header.Pc = Start;
        Assert.AreEqual(ExitReason.Syscall, engine.Run(m.State));
        Assert.AreEqual(2, frontend.Lifts, "lifted again after the write");
    }

    [TestMethod]
    public void ABlockEndingAtTheTopOfTheSpaceWatchesItsLastPage()
    {
        using var memory = new GuestMemory();
        var cache = new TranslationCache(memory);
        cache.Add(new BlockEntry { Block = Crossing(0xFFFF_EFFC, 0), Labels = [], HotAt = 40 });
        Assert.IsTrue(memory.PermissionsAt(0xFFFF_F000).HasFlag(PagePermissions.CodeWatch));
        Assert.IsFalse(memory.PermissionsAt(0).HasFlag(PagePermissions.CodeWatch));
        Assert.HasCount(1, cache.InvalidatePage(0xFFFFF, written: true));
    }
}
