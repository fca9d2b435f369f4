using System.Buffers.Binary;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>
/// The GDT every boot path here loads, at 0x500: a null descriptor, flat 32-bit code (0x08),
/// flat 64-bit code (0x10, Linux's __BOOT_CS), flat read/write data (0x18, __BOOT_DS); and the
/// empty IDT (limit 0) at 0x520. The entry states take their segment registers from these same
/// descriptors, so what the CPU caches and what a reload would read agree.
/// </summary>
public static class BootGdt
{
    public const ulong Address = 0x500;
    public const ulong IdtAddress = 0x520;
    public const ushort Code32Selector = 0x08, Code64Selector = 0x10, DataSelector = 0x18;

    /// <summary>The descriptors by index; all have base 0, limit 0xFFFFF in 4 KiB units, DPL 0, present, accessed.</summary>
    public static ReadOnlySpan<ulong> Descriptors =>
    [
        0,
        0x00CF_9B00_0000_FFFF, // code: G, D/B (32-bit), P, S, type 0xB
        0x00AF_9B00_0000_FFFF, // code: G, L (64-bit), P, S, type 0xB
        0x00CF_9300_0000_FFFF, // data: G, D/B, P, S, type 0x3
    ];

    public const ushort Limit = 4 * 8 - 1;

    /// <summary>The segment register a selector of this GDT loads.</summary>
    public static X86Segment Segment(ushort selector) => X86Segment.FromDescriptor(Descriptors[selector >> 3], selector);

    /// <summary>Writes the GDT at <see cref="Address"/> and zeroes the 8 bytes of the IDT at <see cref="IdtAddress"/>.</summary>
    public static void Write(GuestPhysicalMemory memory)
    {
        var gdt = memory.Span(Address, Limit + 1);
        for (int i = 0; i < Descriptors.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(gdt[(8 * i)..], Descriptors[i]);
        memory.Span(IdtAddress, 8).Clear();
    }
}
