using System.Buffers.Binary;
using CrossEmu.Kvm.Native;
using CrossEmu.Kvm.Probe;
using Iced.Intel;

namespace CrossEmu.Kvm.Tests;

[TestClass]
public sealed class EntryStateTests
{
    [TestMethod]
    public void DescriptorsDecodeToTheHiddenSegmentState()
    {
        var cs64 = X86Entry.SegmentFromDescriptor(X86Entry.Code64Descriptor, X86Entry.BootCs);
        Assert.AreEqual((0UL, 0xFFFF_FFFFu, (ushort)0x10, (byte)0xB), (cs64.Base, cs64.Limit, cs64.Selector, cs64.Type));
        Assert.AreEqual((1, 0, 1, 1, 0, 1, 0), ((int)cs64.Present, (int)cs64.Dpl, (int)cs64.S, (int)cs64.L, (int)cs64.Db, (int)cs64.G, (int)cs64.Unusable));

        var cs32 = X86Entry.SegmentFromDescriptor(X86Entry.Code32Descriptor, X86Entry.BootCs);
        Assert.AreEqual((0, 1), ((int)cs32.L, (int)cs32.Db));

        var ds = X86Entry.SegmentFromDescriptor(X86Entry.DataDescriptor, X86Entry.BootDs);
        Assert.AreEqual(((byte)3, 0xFFFF_FFFFu, (byte)1), (ds.Type, ds.Limit, ds.Db));

        var tss = X86Entry.SegmentFromDescriptor(X86Entry.TssDescriptor, X86Entry.BootTss);
        Assert.AreEqual(((byte)0xB, 0x67u, (byte)0, (byte)1), (tss.Type, tss.Limit, tss.S, tss.Present));

        // base 0x12345678, limit 0x0ABCD (byte granular), DPL 3 data
        var odd = X86Entry.SegmentFromDescriptor(0x1240_F234_5678_ABCD, 0x2B);
        Assert.AreEqual((0x1234_5678UL, 0xABCDu, (byte)3), (odd.Base, odd.Limit, odd.Dpl));
        Assert.AreEqual((byte)1, X86Entry.SegmentFromDescriptor(0, 0).Unusable, "a null descriptor is unusable");
    }

    [TestMethod]
    public void LongModeEntryEnablesPagingPaeAndLongModeWithA64BitCodeSegment()
    {
        KvmSregs sregs = default;
        KvmRegs regs = default;
        regs.Rax = 5;
        X86Entry.LongMode64(ref sregs, ref regs, 0x10_0000, 0x9000, 0x500);
        Assert.AreEqual(0x10_0000UL, regs.Rip);
        Assert.AreEqual(0UL, regs.Rax);
        Assert.AreEqual(2UL, regs.Rflags);
        Assert.AreEqual(0x9000UL, sregs.Cr3);
        Assert.AreNotEqual(0UL, sregs.Cr0 & X86Entry.Cr0Pg);
        Assert.AreNotEqual(0UL, sregs.Cr0 & X86Entry.Cr0Pe);
        Assert.AreNotEqual(0UL, sregs.Cr4 & X86Entry.Cr4Pae);
        Assert.AreEqual(X86Entry.EferLme | X86Entry.EferLma, sregs.Efer);
        Assert.AreEqual((byte)1, sregs.Cs.L);
        Assert.AreEqual(X86Entry.BootDs, sregs.Ss.Selector);
        Assert.AreEqual(X86Entry.BootDs, sregs.Gs.Selector);
        Assert.AreEqual(X86Entry.BootCs, sregs.Cs.Selector);
        Assert.AreEqual((0x500UL, (ushort)(X86Entry.BootGdtSize - 1)), (sregs.Gdt.Base, sregs.Gdt.Limit));
    }

    [TestMethod]
    public void ProtectedModeEntryIsFlatWithoutPaging()
    {
        KvmSregs sregs = default;
        sregs.Cr0 = 0x6000_0010; // the reset value: CD, NW, ET
        KvmRegs regs = default;
        X86Entry.ProtectedMode32(ref sregs, ref regs, 0x10_0000, 0x500);
        Assert.AreEqual(0x11UL, sregs.Cr0, "PE and ET, caches enabled, no paging");
        Assert.AreEqual((0, 1), ((int)sregs.Cs.L, (int)sregs.Cs.Db));
        Assert.AreEqual(0xFFFF_FFFFu, sregs.Es.Limit);
        Assert.AreEqual(0UL, sregs.Efer);
    }

    [TestMethod]
    public void RealModeEntrySetsSegmentBasesFromSelectors()
    {
        KvmSregs sregs = default;
        sregs.Cr0 = 0x6000_0010;
        KvmRegs regs = default;
        X86Entry.RealMode(ref sregs, ref regs, 0x1000, 0x0100, 0x2000);
        Assert.AreEqual((0x10000UL, (ushort)0x1000), (sregs.Cs.Base, sregs.Cs.Selector));
        Assert.AreEqual(0x20000UL, sregs.Ds.Base);
        Assert.AreEqual(0x20000UL, sregs.Ss.Base);
        Assert.AreEqual(0x100UL, regs.Rip);
        Assert.AreEqual(0UL, sregs.Cr0 & X86Entry.Cr0Pe);
        Assert.AreEqual(0UL, sregs.Cs.L);
    }

    [TestMethod]
    public void BootGdtHoldsCodeDataAndTssAtTheBootSelectors()
    {
        var gdt = new byte[X86Entry.BootGdtSize];
        X86Entry.WriteBootGdt(gdt, longMode: true);
        Assert.AreEqual(0UL, BinaryPrimitives.ReadUInt64LittleEndian(gdt));
        Assert.AreEqual(X86Entry.Code64Descriptor, BinaryPrimitives.ReadUInt64LittleEndian(gdt.AsSpan(0x10)));
        Assert.AreEqual(X86Entry.DataDescriptor, BinaryPrimitives.ReadUInt64LittleEndian(gdt.AsSpan(0x18)));
        Assert.AreEqual(X86Entry.TssDescriptor, BinaryPrimitives.ReadUInt64LittleEndian(gdt.AsSpan(0x20)));
        X86Entry.WriteBootGdt(gdt, longMode: false);
        Assert.AreEqual(X86Entry.Code32Descriptor, BinaryPrimitives.ReadUInt64LittleEndian(gdt.AsSpan(0x10)));
    }

    [TestMethod]
    public void IdentityPageTablesMapEveryTwoMegabytePage()
    {
        ulong bytes = 3UL << 30; // 3 GiB: PML4, PDPT, 3 PDs
        int size = X86Entry.IdentityPageTablesSize(bytes);
        Assert.AreEqual(5 * 4096, size);
        var tables = new byte[size];
        X86Entry.WriteIdentityPageTables(tables, 0x10_0000, bytes, user: true);
        ulong Entry(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(tables.AsSpan(offset));
        Assert.AreEqual(0x10_1000UL | 7, Entry(0));
        Assert.AreEqual(0x10_2000UL | 7, Entry(0x1000));
        Assert.AreEqual(0x10_4000UL | 7, Entry(0x1000 + 16));
        Assert.AreEqual(0UL, Entry(0x1000 + 24));
        Assert.AreEqual(0x87UL, Entry(0x2000));
        Assert.AreEqual((1UL << 21) | 0x87, Entry(0x2008));
        Assert.AreEqual(((2UL << 30) + (511UL << 21)) | 0x87, Entry(0x4000 + 511 * 8));
        var kernelOnly = new byte[size];
        X86Entry.WriteIdentityPageTables(kernelOnly, 0x10_0000, bytes);
        Assert.AreEqual(0x83UL, BinaryPrimitives.ReadUInt64LittleEndian(kernelOnly.AsSpan(0x2000)));
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
        var tr = X86Entry.SegmentFromDescriptor(descriptor, SpeedGuest.TssSelector);
        Assert.AreEqual((SpeedGuest.Tss, (uint)SpeedGuest.TssLimit, (byte)0xB), (tr.Base, tr.Limit, tr.Type));
        var tss = ram.Span(SpeedGuest.Tss, SpeedGuest.TssLimit + 1).ToArray();
        Assert.AreEqual(SpeedGuest.IoBitmapOffset, BinaryPrimitives.ReadUInt16LittleEndian(tss.AsSpan(0x66)));
        bool Granted(int port) => (tss[SpeedGuest.IoBitmapOffset + port / 8] & (1 << (port % 8))) == 0;
        var granted = Enumerable.Range(0, 0x100).Where(Granted).ToArray();
        CollectionAssert.AreEqual(new[] { (int)SpeedGuest.PortCpl3Start, SpeedGuest.PortCpl3End }, granted);
        Assert.AreEqual(0xFF, tss[SpeedGuest.TssLimit], "the byte after the bitmap (the CPU may read one past the port)");
    }
}
