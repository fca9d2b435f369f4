using System.Buffers.Binary;
using CrossEmu.Devices.Memory;
using CrossEmu.Frontends.X86.Boot;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace CrossEmu.Kvm.Probe;

/// <summary>
/// The probe's guest: entered directly in 64-bit long mode at CPL0 (<see cref="X86EntryState.Long64"/> on the boot GDT
/// and identity page tables, with its own TSS and ring 3 segments added), it runs a loop of dependent instructions
/// between OUTs to <see cref="PortCpl0Start"/> and <see cref="PortCpl0End"/>, IRETQs to a CPL3 code segment, runs the
/// same loop between <see cref="PortCpl3Start"/> and <see cref="PortCpl3End"/>, then spins. Ring 3 runs with IOPL 0 and
/// may use those two ports through the I/O bitmap of its TSS: PVM runs guest ring 3 with IOPL 0 whatever the guest sets
/// and checks only that bitmap.
/// </summary>
internal static class SpeedGuest
{
    public const ushort PortCpl0Start = 0xE0, PortCpl0End = 0xE1, PortCpl3Start = 0xE2, PortCpl3End = 0xE3;
    public const ulong RamSize = 2 << 20;
    public const ulong PageTables = 0x1000, Gdt = 0x5000, Tss = 0x6000, Code = 0x10000, KernelStack = 0x80000, UserStack = 0x90000;
    public const ushort UserDs = 0x30 | 3, UserCs = 0x38 | 3, TssSelector = 0x40;
    const ulong UserDataDescriptor = 0x00CF_F300_0000_FFFF; // DPL3 data
    const ulong UserCode64Descriptor = 0x00AF_FB00_0000_FFFF; // DPL3 64-bit code
    const int GdtSize = 0x50;
    /// <summary>The TSS's I/O bitmap follows the 0x68-byte 64-bit TSS and covers ports 0-0xFF, then the closing 0xFF byte.</summary>
    public const int IoBitmapOffset = 0x68, IoBitmapBytes = 0x100 / 8, TssLimit = IoBitmapOffset + IoBitmapBytes;

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
        a.push(0x0002); // RFLAGS: IOPL 0 (ports by the TSS's I/O bitmap), interrupts off
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

    /// <summary>Lays out page tables (user-accessible identity map of the RAM), GDT, TSS and code in <paramref name="ram"/> (at 0).</summary>
    public static void Load(GuestRam ram, byte[] code)
    {
        IdentityPageTables.Write(ram.Span(PageTables, IdentityPageTables.Size(RamSize)), PageTables, RamSize, user: true);
        var gdt = ram.Span(Gdt, GdtSize);
        gdt.Clear();
        BootGdt.Write(gdt);
        BinaryPrimitives.WriteUInt64LittleEndian(gdt[0x30..], UserDataDescriptor);
        BinaryPrimitives.WriteUInt64LittleEndian(gdt[0x38..], UserCode64Descriptor);
        BinaryPrimitives.WriteUInt64LittleEndian(gdt[TssSelector..], TssDescriptor);
        BinaryPrimitives.WriteUInt64LittleEndian(gdt[(TssSelector + 8)..], 0);
        WriteTss(ram.Span(Tss, TssLimit + 1));
        code.CopyTo(ram.Span(Code, code.Length));
    }

    /// <summary>Busy 64-bit TSS at <see cref="Tss"/> with limit <see cref="TssLimit"/> (TR as LTR would leave it).</summary>
    static ulong TssDescriptor => 0x0000_8B00_0000_0000 | (Tss & 0xFF_FFFF) << 16 | TssLimit;

    /// <summary>A zero TSS whose I/O bitmap denies every port but the two ring 3 writes.</summary>
    static void WriteTss(Span<byte> tss)
    {
        tss.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(tss[0x66..], IoBitmapOffset);
        tss[IoBitmapOffset..].Fill(0xFF);
        foreach (var port in new[] { PortCpl3Start, PortCpl3End })
            tss[IoBitmapOffset + port / 8] &= (byte)~(1 << (port % 8));
    }

    /// <summary>Long mode at <see cref="Code"/> on the kernel stack, with this GDT's whole limit and its TSS in TR.</summary>
    public static X86EntryState EntryState => X86EntryState.Long64(Code, rsi: 0, cr3: PageTables, gdtBase: Gdt, idtBase: 0) with
    {
        GdtLimit = GdtSize - 1,
        Tr = X86Segment.FromDescriptor(TssDescriptor, TssSelector),
        Rsp = KernelStack,
    };
}
