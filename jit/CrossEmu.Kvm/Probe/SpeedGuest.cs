using System.Buffers.Binary;
using CrossEmu.Devices.Memory;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace CrossEmu.Kvm.Probe;

/// <summary>
/// The probe's guest: entered directly in 64-bit long mode at CPL0 (page tables, GDT and segments set through the
/// registers), it runs a loop of dependent instructions between OUTs to <see cref="PortCpl0Start"/> and
/// <see cref="PortCpl0End"/>, IRETQs to a CPL3 code segment (IOPL 3, so OUT stays legal), runs the same loop between
/// <see cref="PortCpl3Start"/> and <see cref="PortCpl3End"/>, then spins.
/// </summary>
internal static class SpeedGuest
{
    public const ushort PortCpl0Start = 0xE0, PortCpl0End = 0xE1, PortCpl3Start = 0xE2, PortCpl3End = 0xE3;
    public const ulong RamSize = 2 << 20;
    public const ulong PageTables = 0x1000, Gdt = 0x5000, Code = 0x10000, KernelStack = 0x80000, UserStack = 0x90000;
    public const ushort UserDs = 0x30 | 3, UserCs = 0x38 | 3;
    const ulong UserDataDescriptor = 0x00CF_F300_0000_FFFF; // DPL3 data
    const ulong UserCode64Descriptor = 0x00AF_FB00_0000_FFFF; // DPL3 64-bit code

    /// <summary>Instructions each loop iteration executes (dec, jnz).</summary>
    public const int InstructionsPerIteration = 2;

    public static byte[] Assemble(long cpl0Iterations, long cpl3Iterations)
    {
        var a = new Assembler(64);
        var loop0 = a.CreateLabel();
        var user = a.CreateLabel();
        var loop3 = a.CreateLabel();
        var spin = a.CreateLabel();
        a.@out((byte)PortCpl0Start, al);
        a.mov(rcx, cpl0Iterations);
        a.Label(ref loop0);
        a.dec(rcx);
        a.jnz(loop0);
        a.@out((byte)PortCpl0End, al);
        a.push(UserDs);
        a.push((int)UserStack);
        a.push(0x3002); // RFLAGS: IOPL 3, interrupts off
        a.push(UserCs);
        a.lea(rax, __[user]);
        a.push(rax);
        a.iretq();
        a.Label(ref user);
        a.@out((byte)PortCpl3Start, al);
        a.mov(rcx, cpl3Iterations);
        a.Label(ref loop3);
        a.dec(rcx);
        a.jnz(loop3);
        a.@out((byte)PortCpl3End, al);
        a.Label(ref spin);
        a.jmp(spin);
        using var stream = new MemoryStream();
        a.Assemble(new StreamCodeWriter(stream), Code);
        return stream.ToArray();
    }

    /// <summary>Lays out page tables (user-accessible identity map of the RAM), GDT and code in <paramref name="ram"/> (at 0).</summary>
    public static void Load(GuestRam ram, byte[] code)
    {
        X86Entry.WriteIdentityPageTables(ram.Span(PageTables, X86Entry.IdentityPageTablesSize(RamSize)), PageTables, RamSize, user: true);
        var gdt = ram.Span(Gdt, 0x40);
        X86Entry.WriteBootGdt(gdt, longMode: true);
        BinaryPrimitives.WriteUInt64LittleEndian(gdt[0x30..], UserDataDescriptor);
        BinaryPrimitives.WriteUInt64LittleEndian(gdt[0x38..], UserCode64Descriptor);
        code.CopyTo(ram.Span(Code, code.Length));
    }

    public static void SetEntryState(KvmVcpu vcpu)
    {
        var sregs = vcpu.GetSregs();
        var regs = vcpu.GetRegs();
        X86Entry.LongMode64(ref sregs, ref regs, Code, PageTables, Gdt);
        sregs.Gdt.Limit = 0x3F;
        regs.Rsp = KernelStack;
        vcpu.SetSregs(sregs);
        vcpu.SetRegs(regs);
    }
}
