using System.Buffers.Binary;

namespace CrossEmu.Frontends.X86.Boot;

/// <summary>
/// The GDT every boot entry here loads: a null descriptor, flat 32-bit code (0x08), flat 64-bit
/// code (0x10, Linux's __BOOT_CS), flat read/write data (0x18, __BOOT_DS). The entry states take
/// their segment registers from these same descriptors, so what the CPU caches and what a reload
/// would read agree. Where it goes in guest memory is the caller's layout.
/// </summary>
public static class BootGdt
{
    public const ushort Code32Selector = 0x08, Code64Selector = 0x10, DataSelector = 0x18;

    /// <summary>The descriptors by index; all have base 0, limit 0xFFFFF in 4 KiB units, DPL 0, present, accessed
    /// (so loading a segment never writes to the GDT, which may lie in ROM).</summary>
    public static ReadOnlySpan<ulong> Descriptors =>
    [
        0,
        0x00CF_9B00_0000_FFFF, // code: G, D/B (32-bit), P, S, type 0xB
        0x00AF_9B00_0000_FFFF, // code: G, L (64-bit), P, S, type 0xB
        0x00CF_9300_0000_FFFF, // data: G, D/B, P, S, type 0x3
    ];

    /// <summary>Size in bytes; GDTR's limit is one less.</summary>
    public const int Size = 4 * 8;
    public const ushort Limit = Size - 1;

    /// <summary>The segment register a selector of this GDT loads.</summary>
    public static X86Segment Segment(ushort selector) => X86Segment.FromDescriptor(Descriptors[selector >> 3], selector);

    /// <summary>Writes the descriptors to the first <see cref="Size"/> bytes of <paramref name="gdt"/>.</summary>
    public static void Write(Span<byte> gdt)
    {
        if (gdt.Length < Size) throw new ArgumentException($"the boot GDT needs {Size} bytes", nameof(gdt));
        for (int i = 0; i < Descriptors.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(gdt[(8 * i)..], Descriptors[i]);
    }
}
