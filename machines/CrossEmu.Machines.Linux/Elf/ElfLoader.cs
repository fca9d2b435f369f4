using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Memory;
using static CrossEmu.Machines.Linux.Elf.ElfConstants;

namespace CrossEmu.Machines.Linux.Elf;

/// <summary>Maps an ELF file's PT_LOAD segments into the guest address space with their permissions.</summary>
public static class ElfLoader
{
    /// <summary>Lowest and highest (exclusive) page-aligned addresses the segments occupy, before bias.</summary>
    public static (uint Low, ulong High) Span(ElfFile elf)
    {
        uint low = uint.MaxValue;
        ulong high = 0;
        foreach (var p in elf.LoadSegments)
        {
            low = Math.Min(low, p.VirtualAddress & ~GuestMemory.PageMask);
            high = Math.Max(high, AddressSpace.PageAlignUp((ulong)p.VirtualAddress + p.MemorySize));
        }
        return (low, high);
    }

    /// <summary>Chooses the bias: none for ET_EXEC; for ET_DYN the preferred base when given, else a free range.</summary>
    public static uint ChooseBias(ElfFile elf, AddressSpace space, uint? preferredBase)
    {
        if (!elf.IsPositionIndependent) return 0;
        var (low, high) = Span(elf);
        ulong size = high - low;
        uint target = preferredBase is { } b && space.IsFree(b, size) ? b : space.FindFree(size);
        if (target == 0) throw new GuestLoadException($"no room for {size >> 10} KiB in the guest address space");
        return target - low;
    }

    public static LoadedElf Map(ElfFile elf, AddressSpace space, uint bias)
    {
        var memory = space.Memory;
        foreach (var p in elf.LoadSegments)
        {
            if (p.MemorySize == 0) continue;
            ulong start = (ulong)p.VirtualAddress + bias;
            ulong end = start + p.MemorySize;
            if (end > 1UL << 32) throw new GuestLoadException($"segment at 0x{start:x} lies beyond 4 GiB");
            uint first = (uint)(start & ~(ulong)GuestMemory.PageMask);
            ulong last = AddressSpace.PageAlignUp(end);
            var perms = ToPermissions(p.Flags);
            for (ulong page = first; page < last; page += GuestMemory.PageSize)
            {
                // Segments may share a page (text end, data start): the page gets both permissions.
                uint pageAddress = (uint)page;
                if (space.IsUsed(pageAddress >> GuestMemory.PageShift))
                    memory.Map(pageAddress, GuestMemory.PageSize, memory.PermissionsAt(pageAddress) | perms);
                else
                    space.MapFresh(pageAddress, GuestMemory.PageSize, ToProtection(perms));
            }
            // Like mmap of the file, the page-aligned start comes from the file too (that is how the
            // ELF and program headers become visible in the first segment's page).
            uint lead = Math.Min((uint)(start & GuestMemory.PageMask), p.Offset);
            // Only what the file holds: a segment may run past its end (bytes there read as zero up to the
            // end of that page; whole pages past it are mapped but raise SIGBUS, as a file mapping's do).
            long inFile = Math.Clamp((long)elf.Bytes.Length - (p.Offset - lead), 0, p.FileSize + lead);
            memory.WriteUnchecked((uint)start - lead, elf.Bytes.AsSpan((int)Math.Min(p.Offset - lead, elf.Bytes.Length), (int)inFile));
            ulong fileEnd = start - lead + (ulong)inFile;
            if (fileEnd < start + p.FileSize)
            {
                ulong busFrom = AddressSpace.PageAlignUp(fileEnd), busTo = AddressSpace.PageAlignUp(start + p.FileSize);
                if (busTo > busFrom) space.MarkPastEndOfFile((uint)busFrom, busTo - busFrom);
                continue;
            }
            // Like the kernel's padzero: the rest of the last file page is bss, whatever the file held there.
            ulong bssStart = start + p.FileSize;
            ulong bssPageEnd = Math.Min(AddressSpace.PageAlignUp(bssStart), end);
            if (bssPageEnd > bssStart) memory.WriteUnchecked((uint)bssStart, new byte[bssPageEnd - bssStart]);
        }
        var (low, _) = Span(elf);
        uint highest = elf.LoadSegments.Max(p => p.VirtualAddress + p.MemorySize) + bias;
        return new LoadedElf(elf, bias, elf.Entry + bias, ProgramHeaderAddress(elf) + bias, low + bias, highest);
    }

    // PT_PHDR when present; otherwise where the kernel assumes them: first segment's load address + e_phoff.
    static uint ProgramHeaderAddress(ElfFile elf)
    {
        foreach (var p in elf.ProgramHeaders)
            if (p.Type == PtPhdr) return p.VirtualAddress;
        var first = elf.LoadSegments.First();
        return first.VirtualAddress - first.Offset + elf.ProgramHeaderOffset;
    }

    static PagePermissions ToPermissions(uint flags) =>
        ((flags & PfR) != 0 ? PagePermissions.Read : 0) | ((flags & PfW) != 0 ? PagePermissions.Write : 0) |
        ((flags & PfX) != 0 ? PagePermissions.Execute : 0);

    static Protection ToProtection(PagePermissions p) => (Protection)(int)(p & PagePermissions.All);
}
