using System.Buffers.Binary;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>
/// 4-level page tables that identity-map the first 4 GiB with 2 MiB pages: PML4 at 0x9000 whose
/// entry 0 points at the PDPT at 0xA000, whose entries 0..3 point at the four page directories
/// at 0xB000..0xEFFF; PDE j of directory i maps (i * 512 + j) * 2 MiB. Present and writable,
/// supervisor, cacheable; every other entry is zero.
/// </summary>
public static class IdentityPageTables
{
    public const ulong Pml4Address = 0x9000, PdptAddress = 0xA000, PageDirectoriesAddress = 0xB000;
    public const int PageDirectories = 4;
    public const ulong Present = 1, Writable = 2, PageSize = 0x80;
    public const ulong LargePage = 2UL << 20;

    /// <summary>CR3 for these tables.</summary>
    public const ulong Cr3 = Pml4Address;

    public static void Write(GuestPhysicalMemory memory)
    {
        var pml4 = memory.Span(Pml4Address, 4096);
        pml4.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(pml4, PdptAddress | Writable | Present);

        var pdpt = memory.Span(PdptAddress, 4096);
        pdpt.Clear();
        for (int i = 0; i < PageDirectories; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(pdpt[(8 * i)..], PageDirectoriesAddress + (ulong)i * 4096 | Writable | Present);

        var pds = memory.Span(PageDirectoriesAddress, PageDirectories * 4096);
        for (int n = 0; n < PageDirectories * 512; n++)
            BinaryPrimitives.WriteUInt64LittleEndian(pds[(8 * n)..], (ulong)n * LargePage | PageSize | Writable | Present);
    }
}
