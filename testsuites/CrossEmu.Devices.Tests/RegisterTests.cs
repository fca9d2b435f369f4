using CrossEmu.Devices.Registers;

namespace CrossEmu.Devices.Tests;

[TestClass]
public sealed class RegisterTests
{
    static (RegisterCollection Regs, RecordingLog Log) New(int width = 32)
    {
        var log = new RecordingLog();
        return (new RegisterCollection("dev", log.Log, width), log);
    }

    [TestMethod]
    public void FieldsStoreAndReadBackInPlace()
    {
        var (regs, _) = New();
        regs.DefineRegister(0x10, "CTRL", 0x5)
            .WithFlag(0, out var en, "EN")
            .WithValueField(4, 4, out var mode, "MODE")
            .WithFlag(2, "BUSY", FieldMode.Read, valueProvider: () => true);
        Assert.AreEqual(0x5UL, regs.Read(0x10));
        Assert.IsTrue(en.Value);
        regs.Write(0x10, 0xA0);
        Assert.IsFalse(en.Value);
        Assert.AreEqual(0xAUL, mode.Value);
        Assert.AreEqual(0xA4UL, regs.Read(0x10), "BUSY comes from its provider, writes to it are ignored");
    }

    [TestMethod]
    public void ModesWriteOneToClearReadToClearWriteOnlyAndReadOnly()
    {
        var (regs, _) = New();
        regs.DefineRegister(0, "ISR", 0xF).WithValueField(0, 4, "IRQ", FieldMode.Read | FieldMode.WriteOneToClear);
        regs.Write(0, 0x5);
        Assert.AreEqual(0xAUL, regs.Read(0));
        regs.DefineRegister(4, "LATCH", 0x3).WithValueField(0, 2, "EV", FieldMode.Read | FieldMode.ReadToClear);
        Assert.AreEqual(0x3UL, regs.Read(4));
        Assert.AreEqual(0UL, regs.Read(4));
        regs.DefineRegister(8, "KEY").WithValueField(0, 8, out var key, "KEY", FieldMode.Write);
        regs.Write(8, 0x42);
        Assert.AreEqual(0x42UL, key.Value);
        Assert.AreEqual(0UL, regs.Read(8), "write-only reads as zero");
        regs.DefineRegister(12, "ID", 0x1234).WithValueField(0, 16, "ID", FieldMode.Read);
        regs.Write(12, 0xffff);
        Assert.AreEqual(0x1234UL, regs.Read(12));
        regs.DefineRegister(16, "SET").WithValueField(0, 8, "S", FieldMode.Read | FieldMode.WriteOneToSet);
        regs.Write(16, 1);
        regs.Write(16, 4);
        Assert.AreEqual(5UL, regs.Read(16));
    }

    [TestMethod]
    public void CallbacksSeeNewValuesAndChanges()
    {
        var (regs, _) = New();
        var events = new List<string>();
        regs.DefineRegister(0, "R")
            .WithFlag(0, "A", writeCallback: v => events.Add($"A={v}"), changeCallback: (o, n) => events.Add($"A:{o}->{n}"))
            .WithValueField(8, 8, "B", writeCallback: v => events.Add($"B={v}"))
            .WithWriteCallback((o, n) => events.Add($"R:{o:x}->{n:x}"))
            .WithReadCallback((o, n) => events.Add($"read {o:x}"));
        regs.Write(0, 0x201);
        regs.Write(0, 0x201);
        regs.Read(0);
        Assert.AreEqual("A=True A:False->True B=2 R:0->201 A=True B=2 R:201->201 read 201", string.Join(" ", events));
    }

    [TestMethod]
    public void ReservedAndTaggedBitsAreLogged()
    {
        var (regs, log) = New();
        regs.DefineRegister(0, "R", 0x10)
            .WithFlag(0, "EN")
            .WithReservedBits(1, 3)
            .WithTag("DMAEN", 4, 1);
        regs.Write(0, 0x1 | 0x10);
        Assert.IsFalse(log.Any("reserved"), "writing zero to reserved bits and the reset value to a tag is quiet");
        Assert.IsFalse(log.Any("DMAEN"));
        regs.Write(0, 0x2);
        Assert.IsTrue(log.Any("reserved bits"));
        Assert.IsTrue(log.Any("to unimplemented field R.DMAEN[4:4]"));
        Assert.AreEqual(0UL, regs.Read(0) & 0xE, "reserved bits read as zero");
        Assert.IsTrue(log.Any("read of unimplemented field"));
        Assert.IsTrue(log.Lines.All(l => l.StartsWith("[unimp]", StringComparison.Ordinal)));
        regs.Write(0, 0x100);
        Assert.IsTrue(log.Any("undeclared bits 0x100"));
    }

    [TestMethod]
    public void UnknownOffsetsReadZeroAndAreLoggedRateLimited()
    {
        var (regs, log) = New();
        for (int i = 0; i < 20; i++) Assert.AreEqual(0UL, regs.Read(0x40));
        regs.Write(0x44, 1);
        Assert.AreEqual(log.Log.RepeatLimit + 1, log.Count("dev@0x40"), "the limit, then one 'suppressed' line");
        Assert.IsTrue(log.Any("further messages suppressed"));
        Assert.AreEqual(1, log.Count("dev@0x44"));
    }

    [TestMethod]
    public void ResetRestoresResetValuesAndWidthsMaskWrites()
    {
        var (regs, _) = New(8);
        regs.DefineRegister(0, "B", 0x7);
        regs.DefineWordRegister(2, "W", 0x1234);
        regs.Write(0, 0x1ff);
        regs.Write(2, 0xabcdef);
        Assert.AreEqual(0xffUL, regs.Read(0));
        Assert.AreEqual(0xcdefUL, regs.Read(2));
        regs.Reset();
        Assert.AreEqual(0x7UL, regs.Read(0));
        Assert.AreEqual(0x1234UL, regs.Read(2));
    }

    [TestMethod]
    public void DeclarationMistakesAreCaught()
    {
        var (regs, _) = New(8);
        regs.DefineRegister(0, "A");
        Assert.ThrowsExactly<InvalidOperationException>(() => regs.DefineRegister(0, "B"));
        Assert.ThrowsExactly<InvalidOperationException>(() => regs.DefineRegister(1, "C").WithFlag(0, "X").WithValueField(0, 2, "Y"));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => regs.DefineRegister(2, "D").WithValueField(4, 8, "TOO_WIDE"));
        // A read-only field and a write-only field may share bits (IIR/FCR).
        regs.DefineRegister(3, "IIR/FCR").WithValueField(0, 4, "IID", FieldMode.Read).WithFlag(0, "FIFOE", FieldMode.Write);
    }
}
