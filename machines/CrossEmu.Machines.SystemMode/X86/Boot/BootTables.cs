using CrossEmu.Devices.Memory;
using CrossEmu.Frontends.X86.Boot;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>
/// Where x86-pc's boot paths put the CPU's tables in low RAM: the <see cref="BootGdt"/> at 0x500, an empty
/// IDT (8 zero bytes, loaded with limit 0) at 0x520, and the <see cref="IdentityPageTables"/> of the first
/// 4 GiB at 0x9000-0xEFFF (PML4 0x9000, PDPT 0xA000, page directories 0xB000-0xEFFF).
/// </summary>
public static class BootTables
{
    public const ulong GdtAddress = 0x500, IdtAddress = 0x520, IdtSize = 8, PageTablesAddress = 0x9000;
    public const ulong IdentityMapped = 4UL << 30;

    /// <summary>The boot GDT and the empty IDT after it.</summary>
    public static void WriteGdt(GuestPhysicalMemory memory)
    {
        BootGdt.Write(memory.Span(GdtAddress, BootGdt.Size));
        memory.Span(IdtAddress, (int)IdtSize).Clear();
    }

    /// <summary>The page tables CR3 = <see cref="PageTablesAddress"/> selects.</summary>
    public static void WritePageTables(GuestPhysicalMemory memory) =>
        IdentityPageTables.Write(memory.Span(PageTablesAddress, IdentityPageTables.Size(IdentityMapped)), PageTablesAddress, IdentityMapped);
}
