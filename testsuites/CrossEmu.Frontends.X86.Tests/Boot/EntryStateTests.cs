using CrossEmu.Frontends.X86.Boot;

namespace CrossEmu.Frontends.X86.Tests.Boot;

/// <summary>The entry states field by field: the x86 reset state, real mode, multiboot's and Linux's.</summary>
[TestClass]
public sealed class EntryStateTests
{
    [TestMethod]
    public void ResetVectorIsTheX86PowerOnState()
    {
        var e = X86EntryState.ResetVector();
        Assert.AreEqual(X86CpuMode.Real16, e.Mode);
        Assert.AreEqual(0xFFF0ul, e.Rip);
        Assert.AreEqual(new X86Segment(0xF000, 0xFFFF0000, 0xFFFF, 0xB, Present: true, Dpl: 0, Db: false, S: true, L: false, G: false, Avl: false), e.Cs);
        Assert.AreEqual(new X86Segment(0, 0, 0xFFFF, 0x3, Present: true, Dpl: 0, Db: false, S: true, L: false, G: false, Avl: false), e.Ds);
        Assert.AreEqual(e.Ds, e.Ss);
        Assert.AreEqual(0x60000010ul, e.Cr0, "CD | NW | ET");
        Assert.AreEqual((0ul, 0ul, 0ul), (e.Cr3, e.Cr4, e.Efer));
        Assert.AreEqual(2ul, e.Rflags);
        Assert.AreEqual(((ushort)0xFFFF, (ushort)0xFFFF), (e.GdtLimit, e.IdtLimit));
    }

    [TestMethod]
    public void RealModeSegmentBasesComeFromTheSelectors()
    {
        var e = X86EntryState.RealMode(0x1000, 0x0100, 0x2000);
        Assert.AreEqual((0x10000ul, (ushort)0x1000), (e.Cs.Base, e.Cs.Selector));
        Assert.AreEqual(0x20000ul, e.Ds.Base);
        Assert.AreEqual(0x20000ul, e.Ss.Base);
        Assert.AreEqual(0x100ul, e.Rip);
        Assert.AreEqual(0ul, e.Cr0 & X86EntryState.Cr0Pe);
        Assert.IsFalse(e.Cs.L);
        Assert.AreEqual(X86EntryState.ResetVector() with { Cs = e.Cs, Rip = e.Rip }, X86EntryState.RealMode(0x1000, 0x0100), "otherwise the reset state");
    }

    [TestMethod]
    public void Protected32FlatIsMultibootsState()
    {
        var e = X86EntryState.Protected32Flat(0x100080, 0x2BADB002, 0x8000, gdtBase: 0x500, idtBase: 0x520);
        Assert.AreEqual(X86CpuMode.Protected32, e.Mode);
        Assert.AreEqual((0x100080ul, 0x2BADB002ul, 0x8000ul), (e.Rip, e.Rax, e.Rbx));
        Assert.AreEqual(0x11ul, e.Cr0, "PE | ET: caches on, no paging");
        Assert.AreEqual((0ul, 0ul), (e.Cr4, e.Efer));
        Assert.AreEqual(2ul, e.Rflags, "IF and VM clear");
        Assert.AreEqual(BootGdt.Segment(BootGdt.Code32Selector), e.Cs);
        Assert.IsTrue(e.Cs.Db && !e.Cs.L);
        foreach (var s in new[] { e.Ds, e.Es, e.Fs, e.Gs, e.Ss }) Assert.AreEqual(BootGdt.Segment(BootGdt.DataSelector), s);
        Assert.AreEqual((0x500ul, BootGdt.Limit), (e.GdtBase, e.GdtLimit));
        Assert.AreEqual((0x520ul, (ushort)0), (e.IdtBase, e.IdtLimit), "an empty IDT: any exception is a triple fault");
    }

    [TestMethod]
    public void Long64IsLinuxsState()
    {
        var e = X86EntryState.Long64(0x100200, 0x7000, cr3: 0x9000, gdtBase: 0x500, idtBase: 0x520);
        Assert.AreEqual(X86CpuMode.Long64, e.Mode);
        Assert.AreEqual((0x100200ul, 0x7000ul, 0ul), (e.Rip, e.Rsi, e.Rax));
        Assert.AreEqual(2ul, e.Rflags, "interrupts off");
        Assert.AreEqual(0x9000ul, e.Cr3);
        Assert.AreEqual(0x80000011ul, e.Cr0, "PG | ET | PE");
        Assert.AreEqual(0x20ul, e.Cr4, "PAE");
        Assert.AreEqual(0x500ul, e.Efer, "LME | LMA");
        Assert.AreEqual((0x500ul, BootGdt.Limit), (e.GdtBase, e.GdtLimit));
        Assert.AreEqual((0x520ul, (ushort)0), (e.IdtBase, e.IdtLimit));
        Assert.AreEqual(BootGdt.Segment(BootGdt.Code64Selector), e.Cs);
        Assert.IsTrue(e.Cs.L && !e.Cs.Db);
        foreach (var s in new[] { e.Ds, e.Es, e.Fs, e.Gs, e.Ss }) Assert.AreEqual(BootGdt.Segment(BootGdt.DataSelector), s);
    }

    [TestMethod]
    public void EveryEntryHasATaskRegisterAndLdtThatVmEntryAccepts()
    {
        foreach (var e in new[] { X86EntryState.ResetVector(), X86EntryState.Protected32Flat(0, 0, 0, 0, 0), X86EntryState.Long64(0, 0, 0, 0, 0) })
        {
            Assert.AreEqual((X86Segment.TypeBusyTss, false, true, false, 0xFFFFu),
                (e.Tr.Type, e.Tr.S, e.Tr.Present, e.Tr.Unusable, e.Tr.Limit), $"{e.Mode}: TR");
            Assert.AreEqual((X86Segment.TypeLdt, false, true, false, (ushort)0),
                (e.Ldt.Type, e.Ldt.S, e.Ldt.Present, e.Ldt.Unusable, e.Ldt.Selector), $"{e.Mode}: LDTR");
        }
    }
}
