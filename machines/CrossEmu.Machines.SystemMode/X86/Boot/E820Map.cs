using System.Buffers.Binary;
using CrossEmu.Devices.Memory;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

public enum E820Type : uint { Ram = 1, Reserved = 2 }

public readonly record struct E820Entry(ulong Address, ulong Size, E820Type Type)
{
    public ulong End => Address + Size;
}

/// <summary>
/// The BIOS memory map the kernel reads from the zero page: [0, 0x9FC00) RAM, [0x9FC00, 1 MiB)
/// reserved (EBDA with the MP table, VGA hole, BIOS area), RAM from 1 MiB to the end of the low
/// block, and every other RAM block (the part above 4 GiB) as RAM.
/// </summary>
public static class E820Map
{
    public const ulong LowRamEnd = 0x9FC00, HighMemoryStart = 0x100000;
    public const int EntrySize = 20, MaxEntries = 128;

    public static IReadOnlyList<E820Entry> For(GuestPhysicalMemory memory)
    {
        var list = new List<E820Entry>();
        foreach (var b in memory.Blocks)
        {
            if (b.Base == 0)
            {
                if (b.Size < HighMemoryStart)
                    throw new ArgumentException($"the RAM at 0 is 0x{b.Size:x} bytes; the PC layout needs at least 1 MiB");
                list.Add(new(0, LowRamEnd, E820Type.Ram));
                list.Add(new(LowRamEnd, HighMemoryStart - LowRamEnd, E820Type.Reserved));
                if (b.Size > HighMemoryStart) list.Add(new(HighMemoryStart, b.Size - HighMemoryStart, E820Type.Ram));
            }
            else list.Add(new(b.Base, b.Size, E820Type.Ram));
        }
        return list;
    }

    /// <summary>Writes the entries as struct boot_e820_entry (u64 addr, u64 size, u32 type; packed).</summary>
    public static void Encode(IReadOnlyList<E820Entry> entries, Span<byte> table)
    {
        if (entries.Count > MaxEntries) throw new ArgumentException($"{entries.Count} e820 entries, at most {MaxEntries} fit");
        for (int i = 0; i < entries.Count; i++)
        {
            var e = table.Slice(i * EntrySize, EntrySize);
            BinaryPrimitives.WriteUInt64LittleEndian(e, entries[i].Address);
            BinaryPrimitives.WriteUInt64LittleEndian(e[8..], entries[i].Size);
            BinaryPrimitives.WriteUInt32LittleEndian(e[16..], (uint)entries[i].Type);
        }
    }
}
