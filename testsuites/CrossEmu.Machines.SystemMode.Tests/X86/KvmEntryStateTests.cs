using CrossEmu.Kvm;
using CrossEmu.Machines.SystemMode.X86;
using CrossEmu.Machines.SystemMode.X86.Boot;

namespace CrossEmu.Machines.SystemMode.Tests.X86;

/// <summary>
/// The machine's entry states as KVM segments, without /dev/kvm: the boot GDT's selectors decode to the same
/// kvm_segment as the accelerator's own decoder (the one its real-KVM tests enter long and protected mode with),
/// and TR/LDT are what VM entry accepts.
/// </summary>
[TestClass]
public sealed class KvmEntryStateTests
{
    [TestMethod]
    [DataRow(BootGdt.Code32Selector)]
    [DataRow(BootGdt.Code64Selector)]
    [DataRow(BootGdt.DataSelector)]
    public void BootSelectorsGiveTheSameKvmSegmentAsTheAcceleratorsDecoder(ushort selector)
    {
        var expected = X86Entry.SegmentFromDescriptor(BootGdt.Descriptors[selector >> 3], selector);
        Assert.AreEqual(expected, KvmEntryState.Segment(BootGdt.Segment(selector)));
    }

    [TestMethod]
    public void LinuxEntryHasA64BitCodeSegmentAndUsableFlatData()
    {
        var e = X86EntryState.Long64(0x100200, 0x7000, IdentityPageTables.Cr3, BootGdt.Address, BootGdt.Limit);
        var cs = KvmEntryState.Segment(e.Cs);
        Assert.AreEqual((1, 0, 1, 0xFFFF_FFFFu), (cs.L, cs.Db, cs.Present, cs.Limit), "CS: L=1 needs D=0; the limit is in bytes");
        foreach (var s in new[] { e.Ds, e.Es, e.Fs, e.Gs, e.Ss }.Select(KvmEntryState.Segment))
            Assert.AreEqual((3, 1, 1, 0, 0xFFFF_FFFFu), (s.Type, s.S, s.Present, s.Unusable, s.Limit));
    }

    [TestMethod]
    public void TrIsABusyTssAndLdtAnLdtAsVmEntryRequires()
    {
        var e = X86EntryState.Protected32Flat(0x100000, 0x2BADB002, 0x8000);
        var tr = KvmEntryState.Segment(e.Tr);
        var ldt = KvmEntryState.Segment(e.Ldt);
        Assert.AreEqual((11, 0, 1, 0, 0xFFFFu), (tr.Type, tr.S, tr.Present, tr.Unusable, tr.Limit));
        Assert.AreEqual((2, 0, 1, 0, (ushort)0), (ldt.Type, ldt.S, ldt.Present, ldt.Unusable, ldt.Selector));
    }
}
