using CrossEmu.Frontends.X86.Boot;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm;

/// <summary>Puts an <see cref="X86EntryState"/> (the probe's guest, a boot protocol's entry) into a KVM vCPU, field for field.</summary>
public static class KvmEntryState
{
    public static void Apply(KvmVcpu vcpu, X86EntryState entry)
    {
        // The reset state is KVM's own after vCPU creation; writing it back would only risk a
        // difference in a hidden field, so a firmware start leaves the vCPU untouched.
        if (entry == X86EntryState.ResetVector()) return;

        var sregs = vcpu.GetSregs();
        var regs = Map(entry, ref sregs);
        vcpu.SetSregs(sregs);
        vcpu.SetRegs(regs);
    }

    /// <summary>
    /// The one mapping of x86 state onto kvm_sregs / kvm_regs: every field <paramref name="entry"/> holds is set in
    /// <paramref name="sregs"/> (the rest, such as the APIC base and CR8, stays as the vCPU had it); the returned
    /// registers are zero but for those the entry names.
    /// </summary>
    public static KvmRegs Map(X86EntryState entry, ref KvmSregs sregs)
    {
        sregs.Cs = Segment(entry.Cs);
        sregs.Ds = Segment(entry.Ds);
        sregs.Es = Segment(entry.Es);
        sregs.Fs = Segment(entry.Fs);
        sregs.Gs = Segment(entry.Gs);
        sregs.Ss = Segment(entry.Ss);
        sregs.Tr = Segment(entry.Tr);
        sregs.Ldt = Segment(entry.Ldt);
        sregs.Gdt = new KvmDtable { Base = entry.GdtBase, Limit = entry.GdtLimit };
        sregs.Idt = new KvmDtable { Base = entry.IdtBase, Limit = entry.IdtLimit };
        sregs.Cr0 = entry.Cr0;
        sregs.Cr3 = entry.Cr3;
        sregs.Cr4 = entry.Cr4;
        sregs.Efer = entry.Efer;
        return new KvmRegs
        {
            Rip = entry.Rip, Rsi = entry.Rsi, Rsp = entry.Rsp, Rax = entry.Rax, Rbx = entry.Rbx, Rflags = entry.Rflags,
        };
    }

    public static KvmSegment Segment(X86Segment s) => new()
    {
        Base = s.Base, Limit = s.Limit, Selector = s.Selector, Type = s.Type,
        Present = Bit(s.Present), Dpl = s.Dpl, Db = Bit(s.Db), S = Bit(s.S), L = Bit(s.L), G = Bit(s.G), Avl = Bit(s.Avl),
        Unusable = Bit(s.Unusable),
    };

    static byte Bit(bool b) => b ? (byte)1 : (byte)0;
}
