using System.Runtime.InteropServices;

namespace CrossEmu.Kvm.Native;

// Mirrors of the x86-64 KVM ABI structs (linux/kvm.h, asm/kvm.h). Field names follow C in PascalCase; the tests
// compile a C program against the host header and compare every size and offset declared here.

/// <summary>struct kvm_regs (KVM_GET_REGS / KVM_SET_REGS).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KvmRegs
{
    public ulong Rax, Rbx, Rcx, Rdx;
    public ulong Rsi, Rdi, Rsp, Rbp;
    public ulong R8, R9, R10, R11;
    public ulong R12, R13, R14, R15;
    public ulong Rip, Rflags;

    public override readonly string ToString() =>
        $"rax={Rax:x16} rbx={Rbx:x16} rcx={Rcx:x16} rdx={Rdx:x16}\n" +
        $"rsi={Rsi:x16} rdi={Rdi:x16} rsp={Rsp:x16} rbp={Rbp:x16}\n" +
        $"r8 ={R8:x16} r9 ={R9:x16} r10={R10:x16} r11={R11:x16}\n" +
        $"r12={R12:x16} r13={R13:x16} r14={R14:x16} r15={R15:x16}\n" +
        $"rip={Rip:x16} rflags={Rflags:x8}";
}

/// <summary>struct kvm_segment: a segment register with its hidden (descriptor cache) part.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KvmSegment
{
    public ulong Base;
    public uint Limit;
    public ushort Selector;
    public byte Type;
    public byte Present, Dpl, Db, S, L, G, Avl;
    public byte Unusable;
    public byte Padding;

    public override readonly string ToString() =>
        $"sel={Selector:x4} base={Base:x} limit={Limit:x} type={Type} p={Present} dpl={Dpl} db={Db} s={S} l={L} g={G} unusable={Unusable}";
}

/// <summary>struct kvm_dtable: GDTR / IDTR.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct KvmDtable
{
    public ulong Base;
    public ushort Limit;
    public fixed ushort Padding[3];
}

/// <summary>struct kvm_sregs (KVM_GET_SREGS / KVM_SET_SREGS).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct KvmSregs
{
    public const int InterruptBitmapWords = (256 + 63) / 64;

    public KvmSegment Cs, Ds, Es, Fs, Gs, Ss;
    public KvmSegment Tr, Ldt;
    public KvmDtable Gdt, Idt;
    public ulong Cr0, Cr2, Cr3, Cr4, Cr8;
    public ulong Efer;
    public ulong ApicBase;
    public fixed ulong InterruptBitmap[InterruptBitmapWords];

    public override readonly string ToString() =>
        $"cs: {Cs}\nds: {Ds}\nes: {Es}\nfs: {Fs}\ngs: {Gs}\nss: {Ss}\ntr: {Tr}\nldt: {Ldt}\n" +
        $"gdt={Gdt.Base:x}/{Gdt.Limit:x} idt={Idt.Base:x}/{Idt.Limit:x}\n" +
        $"cr0={Cr0:x} cr2={Cr2:x} cr3={Cr3:x} cr4={Cr4:x} cr8={Cr8:x} efer={Efer:x} apic_base={ApicBase:x}";
}

/// <summary>struct kvm_fpu (KVM_GET_FPU / KVM_SET_FPU), fxsave layout.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct KvmFpu
{
    public fixed byte Fpr[8 * 16];
    public ushort Fcw;
    public ushort Fsw;
    public byte Ftwx;
    public byte Pad1;
    public ushort LastOpcode;
    public ulong LastIp;
    public ulong LastDp;
    public fixed byte Xmm[16 * 16];
    public uint Mxcsr;
    public uint Pad2;
}

/// <summary>struct kvm_userspace_memory_region (KVM_SET_USER_MEMORY_REGION).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KvmUserspaceMemoryRegion
{
    public uint Slot;
    public uint Flags;
    public ulong GuestPhysAddr;
    public ulong MemorySize;
    public ulong UserspaceAddr;
}

/// <summary>struct kvm_irq_level (KVM_IRQ_LINE): irq is a GSI number.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KvmIrqLevel
{
    public uint Irq;   // union { __u32 irq; __s32 status; }
    public uint Level;
}

/// <summary>struct kvm_pit_config (KVM_CREATE_PIT2).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct KvmPitConfig
{
    public uint Flags;
    public fixed uint Pad[15];
}

/// <summary>struct kvm_mp_state (KVM_GET_MP_STATE / KVM_SET_MP_STATE).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KvmMpState
{
    public uint MpState;
}

/// <summary>struct kvm_msr_entry.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KvmMsrEntry
{
    public uint Index;
    public uint Reserved;
    public ulong Data;

    public KvmMsrEntry(uint index, ulong data)
    {
        Index = index;
        Data = data;
    }
}

/// <summary>The fixed header of struct kvm_msrs; entries follow it in the same buffer.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KvmMsrs
{
    public uint Nmsrs;
    public uint Pad;
}

/// <summary>The fixed header of struct kvm_msr_list; __u32 indices follow.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KvmMsrList
{
    public uint Nmsrs;
}

/// <summary>struct kvm_cpuid_entry2.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct KvmCpuidEntry2
{
    public const uint FlagSignificantIndex = 1;

    public uint Function;
    public uint Index;
    public uint Flags;
    public uint Eax;
    public uint Ebx;
    public uint Ecx;
    public uint Edx;
    public fixed uint Padding[3];

    public KvmCpuidEntry2(uint function, uint index, uint flags, uint eax, uint ebx, uint ecx, uint edx)
    {
        Function = function;
        Index = index;
        Flags = flags;
        Eax = eax;
        Ebx = ebx;
        Ecx = ecx;
        Edx = edx;
    }

    public override readonly string ToString() =>
        $"leaf {Function:x}.{Index:x} flags={Flags:x} eax={Eax:x8} ebx={Ebx:x8} ecx={Ecx:x8} edx={Edx:x8}";
}

/// <summary>The fixed header of struct kvm_cpuid2; entries follow.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KvmCpuid2
{
    public uint Nent;
    public uint Padding;
}

/// <summary>struct kvm_lapic_state (KVM_GET_LAPIC / KVM_SET_LAPIC): the local APIC's 1 KiB register page.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct KvmLapicState
{
    public const int Size = 0x400;
    public fixed byte Regs[Size];
}
