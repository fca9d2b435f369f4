using System.Buffers.Binary;
using CrossEmu.Frontends.X86.Boot;
using CrossEmu.Kvm.Native;
using CrossEmu.Kvm.Probe;
using Iced.Intel;

namespace CrossEmu.Kvm.Tests;

/// <summary>
/// The accelerator's side of the boot state without /dev/kvm: <see cref="KvmEntryState"/> maps an entry state onto
/// kvm_sregs / kvm_regs (the states themselves are tested in CrossEmu.Frontends.X86.Tests), and the probe's guest.
/// </summary>
[TestClass]
public sealed class EntryStateTests
{
    [TestMethod]
    public void LongModeFillsEverySregsFieldItNamesAndKeepsTheRest()
    {
        KvmSregs sregs = default;
        sregs.ApicBase = 0xFEE0_0900;
        sregs.Cr8 = 5;
        var regs = KvmEntryState.Map(X86EntryState.Long64(0x10_0000, 0x7000, cr3: 0x9000, gdtBase: 0x500, idtBase: 0x520) with { Rsp = 0x8000 }, ref sregs);
        Assert.AreEqual((0x10_0000UL, 0x7000UL, 0x8000UL, 0UL, 2UL), (regs.Rip, regs.Rsi, regs.Rsp, regs.Rax, regs.Rflags));
        Assert.AreEqual((0x8000_0011UL, 0x9000UL, 0x20UL, 0x500UL), (sregs.Cr0, sregs.Cr3, sregs.Cr4, sregs.Efer));
        Assert.AreEqual((0x500UL, BootGdt.Limit, 0x520UL, (ushort)0), (sregs.Gdt.Base, sregs.Gdt.Limit, sregs.Idt.Base, sregs.Idt.Limit));
        Assert.AreEqual((0xFEE0_0900UL, 5UL), (sregs.ApicBase, sregs.Cr8), "what an entry state does not hold stays as the vCPU had it");
        Assert.AreEqual((BootGdt.Code64Selector, 1, 0, 1, 0xFFFF_FFFFu),
            (sregs.Cs.Selector, (int)sregs.Cs.L, (int)sregs.Cs.Db, (int)sregs.Cs.Present, sregs.Cs.Limit),
            "CS: L=1 needs D=0; the limit is in bytes");
        foreach (var s in new[] { sregs.Ds, sregs.Es, sregs.Fs, sregs.Gs, sregs.Ss })
            Assert.AreEqual((BootGdt.DataSelector, 3, 1, 1, 0, 0xFFFF_FFFFu), (s.Selector, (int)s.Type, (int)s.S, (int)s.Present, (int)s.Unusable, s.Limit));
    }

    [TestMethod]
    public void EverySegmentFieldIsCopied()
    {
        var s = new X86Segment(0x2B, 0x1234_5678, 0xABCDE, 0x2, Present: false, Dpl: 3, Db: true, S: true, L: true, G: true, Avl: true, Unusable: true);
        var k = KvmEntryState.Segment(s);
        Assert.AreEqual((0x1234_5678UL, 0xABCDEu, (ushort)0x2B, (byte)2), (k.Base, k.Limit, k.Selector, k.Type));
        Assert.AreEqual((0, 3, 1, 1, 1, 1, 1, 1), ((int)k.Present, (int)k.Dpl, (int)k.Db, (int)k.S, (int)k.L, (int)k.G, (int)k.Avl, (int)k.Unusable));
    }

    [TestMethod]
    public void TrIsABusyTssAndLdtAnLdtAsVmEntryRequires()
    {
        KvmSregs sregs = default;
        KvmEntryState.Map(X86EntryState.Protected32Flat(0x100000, 0x2BADB002, 0x8000, gdtBase: 0x500, idtBase: 0x520), ref sregs);
        Assert.AreEqual((11, 0, 1, 0, 0xFFFFu), (sregs.Tr.Type, sregs.Tr.S, sregs.Tr.Present, sregs.Tr.Unusable, sregs.Tr.Limit));
        Assert.AreEqual((2, 0, 1, 0, (ushort)0), (sregs.Ldt.Type, sregs.Ldt.S, sregs.Ldt.Present, sregs.Ldt.Unusable, sregs.Ldt.Selector));
    }

    [TestMethod]
    public void TheSpeedGuestReportsAtEachPhaseAndDropsToRing3ThroughIretq()
    {
        var code = SpeedGuest.Assemble(1000, 2000);
        var decoder = Iced.Intel.Decoder.Create(64, new ByteArrayCodeReader(code));
        decoder.IP = SpeedGuest.Code;
        var instructions = new List<Instruction>();
        while (decoder.IP < SpeedGuest.Code + (ulong)code.Length) instructions.Add(decoder.Decode());
        var outs = instructions.Where(i => i.Mnemonic == Mnemonic.Out).Select(i => i.Immediate8).ToArray();
        CollectionAssert.AreEqual(new byte[] { 0xE0, 0xE1, 0xE2, 0xE3 }, outs);
        Assert.AreEqual(1, instructions.Count(i => i.Code == Code.Iretq));
        Assert.IsTrue(instructions.Any(i => i.Code == Code.Mov_r64_imm64 && i.Immediate64 == 1000));
        Assert.IsTrue(instructions.Any(i => i.Code == Code.Mov_r64_imm64 && i.Immediate64 == 2000));
        // The IRETQ frame: SS, RSP, RFLAGS (IOPL 0: ring 3's ports come from the TSS's I/O bitmap), CS (ring 3).
        var pushes = instructions.Where(i => i.Mnemonic == Mnemonic.Push && i.Op0Kind != OpKind.Register).Select(i => i.Immediate64).ToArray();
        CollectionAssert.AreEqual(new ulong[] { SpeedGuest.UserDs, SpeedGuest.UserStack, 0x0002, SpeedGuest.UserCs }, pushes);
        Assert.AreEqual(FlowControl.UnconditionalBranch, instructions[^1].FlowControl, "the guest spins at the end");
    }

    [TestMethod]
    public void TheSpeedGuestsTssGrantsRing3OnlyTheCpl3PhasePorts()
    {
        using var ram = new CrossEmu.Devices.Memory.GuestRam(0, SpeedGuest.RamSize);
        SpeedGuest.Load(ram, SpeedGuest.Assemble(1, 1));
        var descriptor = BinaryPrimitives.ReadUInt64LittleEndian(ram.Span(SpeedGuest.Gdt + SpeedGuest.TssSelector, 8));
        var tr = X86Segment.FromDescriptor(descriptor, SpeedGuest.TssSelector);
        Assert.AreEqual((SpeedGuest.Tss, (uint)SpeedGuest.TssLimit, (byte)0xB), (tr.Base, tr.Limit, tr.Type));
        Assert.AreEqual(tr, SpeedGuest.EntryState.Tr, "the guest enters with TR loaded from its GDT");
        var tss = ram.Span(SpeedGuest.Tss, SpeedGuest.TssLimit + 1).ToArray();
        Assert.AreEqual(SpeedGuest.IoBitmapOffset, BinaryPrimitives.ReadUInt16LittleEndian(tss.AsSpan(0x66)));
        bool Granted(int port) => (tss[SpeedGuest.IoBitmapOffset + port / 8] & (1 << (port % 8))) == 0;
        var granted = Enumerable.Range(0, 0x100).Where(Granted).ToArray();
        CollectionAssert.AreEqual(new[] { (int)SpeedGuest.PortCpl3Start, SpeedGuest.PortCpl3End }, granted);
        Assert.AreEqual(0xFF, tss[SpeedGuest.TssLimit], "the byte after the bitmap (the CPU may read one past the port)");
    }
}
