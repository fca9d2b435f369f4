using CrossEmu.Kvm;
using CrossEmu.Kvm.Native;
using CrossEmu.Machines.SystemMode.X86.Boot;

namespace CrossEmu.Machines.SystemMode.X86;

/// <summary>Puts a boot protocol's <see cref="X86EntryState"/> into a KVM vCPU, field for field.</summary>
public static class KvmEntryState
{
    public static void Apply(KvmVcpu vcpu, X86EntryState entry)
    {
        // The reset state is KVM's own after vCPU creation; writing it back would only risk a
        // difference in a hidden field, so a firmware start leaves the vCPU untouched.
        if (entry.Mode == X86CpuMode.Real16 && entry.Rip == 0xFFF0 && entry.Cs.Base == 0xFFFF0000) return;

        var sregs = vcpu.GetSregs();
        sregs.Cs = Segment(entry.Cs);
        sregs.Ds = Segment(entry.Ds);
        sregs.Es = Segment(entry.Es);
        sregs.Fs = Segment(entry.Fs);
        sregs.Gs = Segment(entry.Gs);
        sregs.Ss = Segment(entry.Ss);
        sregs.Tr = Segment(entry.Tr);
        sregs.Ldt = Segment(entry.Ldt);
        sregs.Gdt.Base = entry.GdtBase;
        sregs.Gdt.Limit = entry.GdtLimit;
        sregs.Idt.Base = entry.IdtBase;
        sregs.Idt.Limit = entry.IdtLimit;
        sregs.Cr0 = entry.Cr0;
        sregs.Cr3 = entry.Cr3;
        sregs.Cr4 = entry.Cr4;
        sregs.Efer = entry.Efer;
        vcpu.SetSregs(sregs);

        var regs = new KvmRegs
        {
            Rip = entry.Rip, Rsi = entry.Rsi, Rsp = entry.Rsp, Rax = entry.Rax, Rbx = entry.Rbx, Rflags = entry.Rflags,
        };
        vcpu.SetRegs(regs);
    }

    public static KvmSegment Segment(X86Segment s) => new()
    {
        Base = s.Base, Limit = s.Limit, Selector = s.Selector, Type = s.Type,
        Present = Bit(s.Present), Dpl = s.Dpl, Db = Bit(s.Db), S = Bit(s.S), L = Bit(s.L), G = Bit(s.G), Avl = Bit(s.Avl),
        Unusable = Bit(s.Unusable),
    };

    static byte Bit(bool b) => b ? (byte)1 : (byte)0;
}
