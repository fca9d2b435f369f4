using System.Buffers.Binary;

namespace CrossEmu.Frontends.X86.Boot;

/// <summary>
/// 4-level page tables that identity-map [0, bytesToMap) with 2 MiB pages, contiguous from their
/// guest-physical address A: the PML4 at A (entry 0 -> the PDPT), the PDPT at A + 0x1000 (entry i -> page
/// directory i), page directory i at A + 0x2000 + i * 0x1000, whose entry j maps (i * 512 + j) * 2 MiB.
/// Present and writable, cacheable, supervisor unless <c>user</c>; every other entry is zero.
/// </summary>
public static class IdentityPageTables
{
    public const ulong Present = 1, Writable = 2, User = 4, PageSize = 0x80;
    public const ulong LargePage = 2UL << 20;
    const int TableSize = 4096;
    const ulong GiB = 1UL << 30;

    /// <summary>One PDPT maps at most 512 GiB.</summary>
    public const ulong MaxBytesToMap = 512 * GiB;

    /// <summary>Bytes of tables <see cref="Write"/> needs for <paramref name="bytesToMap"/>: PML4, PDPT and one page directory per GiB.</summary>
    public static int Size(ulong bytesToMap)
    {
        if (bytesToMap > MaxBytesToMap) throw new ArgumentOutOfRangeException(nameof(bytesToMap), "one PDPT maps at most 512 GiB");
        return (2 + (int)((bytesToMap + GiB - 1) / GiB)) * TableSize;
    }

    /// <summary>
    /// Writes the tables to the first <see cref="Size"/> bytes of <paramref name="tables"/>, which the guest sees at
    /// <paramref name="tablesAddress"/> (the CR3 value); <paramref name="user"/> lets CPL3 code use the mapping.
    /// </summary>
    public static void Write(Span<byte> tables, ulong tablesAddress, ulong bytesToMap, bool user = false)
    {
        int size = Size(bytesToMap);
        if (tables.Length < size) throw new ArgumentException($"the page tables need {size} bytes", nameof(tables));
        if ((tablesAddress & (TableSize - 1)) != 0) throw new ArgumentException("page tables must be page-aligned", nameof(tablesAddress));
        tables[..size].Clear();
        ulong flags = Present | Writable | (user ? User : 0);
        BinaryPrimitives.WriteUInt64LittleEndian(tables, tablesAddress + TableSize | flags);
        int directories = size / TableSize - 2;
        for (int d = 0; d < directories; d++)
        {
            ulong directory = tablesAddress + (ulong)(2 + d) * TableSize;
            BinaryPrimitives.WriteUInt64LittleEndian(tables[(TableSize + 8 * d)..], directory | flags);
            var entries = tables.Slice((2 + d) * TableSize, TableSize);
            for (int e = 0; e < 512; e++)
            {
                ulong address = (ulong)d * GiB + (ulong)e * LargePage;
                if (address >= bytesToMap) break;
                BinaryPrimitives.WriteUInt64LittleEndian(entries[(8 * e)..], address | flags | PageSize);
            }
        }
    }
}
