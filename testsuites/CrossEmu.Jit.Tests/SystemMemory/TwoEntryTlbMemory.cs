using System.Runtime.InteropServices;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests.SystemMemory;

/// <summary>
/// A small system-mode memory behind the engine's contract, shaped like QEMU's softmmu: a
/// direct-mapped TLB of two entries per CPU (found through CpuHeader.PageTable), whose entries
/// hold the page address as read and write tags and a host addend. Misses, MMIO and faults go
/// through the slow path, which "walks" a page map (page -> RAM, device or nothing), fills the
/// entry (evicting what was there) and performs the access. Code reads go straight to the map.
/// </summary>
public sealed unsafe class TwoEntryTlbMemory : IGuestMemory, IDisposable
{
    public const int PageShift = 12;
    const uint PageSize = 1u << PageShift, PageMask = PageSize - 1;
    /// <summary>A tag that never equals a page address (pages are 4 KiB aligned).</summary>
    const uint Invalid = 1;
    /// <summary>Marks an entry that maps a device: the compare fails and the slow path runs (QEMU's TLB_MMIO).</summary>
    const uint Mmio = 2;
    const int Entries = 2, EntryShift = 4;   // { uint readTag; uint writeTag; nint addend }

    sealed class Page(PagePermissions perms, byte* ram, IMmioDevice? device)
    {
        public PagePermissions Perms { get; } = perms;
        public byte* Ram { get; } = ram;
        public IMmioDevice? Device { get; } = device;
    }

    readonly Dictionary<uint, Page> pages = new();
    readonly List<nint> allocations = new();

    public TwoEntryTlbMemory()
    {
        Tlb = (byte*)NativeMemory.AllocZeroed(Entries << EntryShift);
        Flush();
    }

    /// <summary>The CPU's TLB: put its address in CpuHeader.PageTable.</summary>
    public byte* Tlb { get; }

    /// <summary>How often each slow path ran, and entries filled.</summary>
    public readonly record struct Counters(int SlowLoads, int SlowStores, int Fills);

    public Counters Count => new(slowLoads, slowStores, fills);
    int slowLoads, slowStores, fills;

    public void Flush()
    {
        for (int i = 0; i < Entries; i++) { Tag(i, 0) = Invalid; Tag(i, 4) = Invalid; }
    }

    ref uint Tag(int entry, int offset) => ref *(uint*)(Tlb + (entry << EntryShift) + offset);

    public byte* MapRam(uint address, PagePermissions perms)
    {
        var ram = (byte*)NativeMemory.AllocZeroed(PageSize);
        allocations.Add((nint)ram);
        pages[address >> PageShift] = new Page(perms, ram, null);
        return ram;
    }

    public void MapDevice(uint address, IMmioDevice device) =>
        pages[address >> PageShift] = new Page(PagePermissions.ReadWrite, null, device);

    public PageTableLayout FastPath => new()
    {
        TablePerCpu = true, PageShift = PageShift, IndexMask = Entries - 1, EntryShift = EntryShift,
        Read = new EntryTest(0, 4, uint.MaxValue, 0, ComparesPage: true),
        Write = new EntryTest(4, 4, uint.MaxValue, 0, ComparesPage: true),
        HostBase = null, AddendOffset = 8, Contiguous = false,
    };

    /// <summary>The page walk: fills the entry of address and returns its page, or null (not mapped).</summary>
    Page? Walk(uint address)
    {
        if (!pages.TryGetValue(address >> PageShift, out var page)) return null;
        int entry = (int)((address >> PageShift) & (Entries - 1));
        uint tag = address & ~PageMask;
        bool ram = page.Device == null;
        Tag(entry, 0) = (page.Perms & PagePermissions.Read) != 0 ? tag | (ram ? 0 : Mmio) : Invalid;
        Tag(entry, 4) = (page.Perms & PagePermissions.Write) != 0 ? tag | (ram ? 0 : Mmio) : Invalid;
        *(nint*)(Tlb + (entry << EntryShift) + 8) = ram ? (nint)page.Ram - (nint)tag : 0;
        fills++;
        return page;
    }

    public byte* LoadAddress(CpuHeader* cpu, uint address, int size, uint pc)
    {
        slowLoads++;
        var first = Walk(address);
        if (first == null || (first.Perms & PagePermissions.Read) == 0) { GuestFault.Record(cpu, pc, address); return null; }
        bool withinPage = (address & PageMask) + size <= PageSize;
        if (first.Device == null && withinPage) return first.Ram + (address & PageMask);
        ulong value = 0;
        if (first.Device != null && withinPage) value = first.Device.Read(address & PageMask, size);
        else
        {
            // An access that crosses a page is read a byte at a time, each byte through its own page.
            for (int i = 0; i < size; i++)
            {
                uint a = address + (uint)i;
                var page = Walk(a);
                if (page == null || (page.Perms & PagePermissions.Read) == 0) { GuestFault.Record(cpu, pc, address); return null; }
                byte b = page.Device != null ? (byte)page.Device.Read(a & PageMask, 1) : page.Ram[a & PageMask];
                value |= (ulong)b << (8 * i);
            }
        }
        cpu->LoadBuffer = value;
        return (byte*)&cpu->LoadBuffer;
    }

    public bool Store(CpuHeader* cpu, uint address, int size, ulong value, uint pc)
    {
        slowStores++;
        // Check every byte's page before writing any, as a store that faults writes nothing.
        for (int i = 0; i < size; i++)
            if (Walk(address + (uint)i) is not { } p || (p.Perms & PagePermissions.Write) == 0)
            {
                GuestFault.Record(cpu, pc, address);
                return false;
            }
        var first = Walk(address)!;
        if (first.Device != null && (address & PageMask) + size <= PageSize)
        {
            first.Device.Write(address & PageMask, size, value);
            return true;
        }
        for (int i = 0; i < size; i++)
        {
            uint a = address + (uint)i;
            var page = Walk(a)!;
            if (page.Device != null) page.Device.Write(a & PageMask, 1, (byte)(value >> (8 * i)));
            else page.Ram[a & PageMask] = (byte)(value >> (8 * i));
        }
        return true;
    }

    public byte* AtomicAddress(CpuHeader* cpu, uint address, int size, bool write, uint pc)
    {
        var page = Walk(address);
        var need = write ? PagePermissions.Write : PagePermissions.Read;
        if (page?.Ram != null && (page.Perms & need) != 0 && (address & PageMask) + size <= PageSize) return page.Ram + (address & PageMask);
        GuestFault.Record(cpu, pc, address);
        return null;
    }

    public int ReadCode(uint address, Span<byte> into)
    {
        for (int i = 0; i < into.Length; i++)
        {
            uint a = address + (uint)i;
            if (!pages.TryGetValue(a >> PageShift, out var page) || page.Ram == null || (page.Perms & PagePermissions.Execute) == 0) return i;
            into[i] = page.Ram[a & PageMask];
        }
        return into.Length;
    }

    public void WatchCode(uint page) { }

    public event Action<uint>? CodeWritten { add { } remove { } }

    public void Dispose()
    {
        foreach (var p in allocations) NativeMemory.Free((void*)p);
        NativeMemory.Free(Tlb);
    }
}

/// <summary>A device on the bus of the test memory.</summary>
public interface IMmioDevice
{
    ulong Read(uint offset, int size);
    void Write(uint offset, int size, ulong value);
}

/// <summary>Registers as 16 bytes of little-endian memory, with a log of every access.</summary>
public sealed class RecordingDevice : IMmioDevice
{
    public readonly byte[] Registers = new byte[16];
    public readonly List<string> Log = new();

    public ulong Read(uint offset, int size)
    {
        ulong v = 0;
        for (int i = 0; i < size; i++) v |= (ulong)Registers[offset + i] << (8 * i);
        Log.Add($"read {size}@{offset} = 0x{v:x}");
        return v;
    }

    public void Write(uint offset, int size, ulong value)
    {
        for (int i = 0; i < size; i++) Registers[offset + i] = (byte)(value >> (8 * i));
        Log.Add($"write {size}@{offset} = 0x{value:x}");
    }
}
