using System.Runtime.CompilerServices;
using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Memory;

/// <summary>
/// How an entry of the page table admits an access: the tag at Offset (Size 1 or 4 bytes), masked
/// with Mask, must equal Expect, or, when ComparesPage, the page address of the access with Expect
/// or'ed in. User mode tests permission bits (perm &amp; Read == Read); a TLB compares the page it
/// maps (QEMU's addr_read == page), and marks an MMIO, invalid or watched page with low tag bits
/// so that the compare fails and the slow path runs.
/// </summary>
public readonly record struct EntryTest(int Offset, int Size, uint Mask, uint Expect, bool ComparesPage);

/// <summary>
/// The fast path of a guest access, as data that both tiers follow (the IL compiler emits it
/// inline, the interpreter runs <see cref="Translate"/>):
/// entry = table + (((address &gt;&gt; PageShift) &amp; IndexMask) &lt;&lt; EntryShift);
/// the entry's test for the access kind must pass; then host = address + HostBase, or + the
/// addend stored at AddendOffset of the entry when HostBase is null. The table is at a fixed host
/// address, or (TablePerCpu) at the address in <see cref="CpuHeader.PageTable"/> of the running CPU,
/// as a per-vCPU TLB is.
/// </summary>
public readonly unsafe struct PageTableLayout
{
    public byte* Table { get; init; }
    public bool TablePerCpu { get; init; }
    public int PageShift { get; init; }
    public uint IndexMask { get; init; }
    public int EntryShift { get; init; }
    public EntryTest Read { get; init; }
    public EntryTest Write { get; init; }
    public byte* HostBase { get; init; }
    public int AddendOffset { get; init; }
    /// <summary>
    /// Consecutive guest pages are consecutive host memory (one flat reservation): a load that
    /// crosses into the next page needs no second look, and accesses through one base may share
    /// one check. Otherwise any access that crosses a page takes the slow path.
    /// </summary>
    public bool Contiguous { get; init; }
    /// <summary>
    /// A load the fast path refuses is always a fault: no devices, nothing to fill, so the slow path
    /// only records the fault. Compiled code then leaves from its slow-path call instead of coming
    /// back, and keeps the guest's registers in host registers across it (a slow path that returns
    /// makes RyuJIT spill what is live around the call, on the fast path too: user mode ran ~5%
    /// slower on memory-heavy code so).
    /// </summary>
    public bool RefusedLoadsFault { get; init; }

    public uint PageSize => 1u << PageShift;

    /// <summary>The entry that maps address, for a CPU whose header is cpu.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* EntryOf(CpuHeader* cpu, uint address)
    {
        byte* table = TablePerCpu ? (byte*)cpu->PageTable : Table;
        return table + ((nuint)((address >> PageShift) & IndexMask) << EntryShift);
    }

    /// <summary>Whether the entry admits an access at address under test t.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Admits(byte* entry, in EntryTest t, uint address, uint pageMask)
    {
        uint tag = t.Size == 1 ? entry[t.Offset] : *(uint*)(entry + t.Offset);
        uint expect = t.ComparesPage ? (address & ~pageMask) | t.Expect : t.Expect;
        return (tag & t.Mask) == expect;
    }

    /// <summary>The host address of the access when the fast path admits it, else null (take the slow path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Translate(CpuHeader* cpu, uint address, int size, bool write)
    {
        uint pageMask = PageSize - 1;
        if ((write || !Contiguous) && (address & pageMask) > pageMask + 1 - (uint)size) return null;
        byte* entry = EntryOf(cpu, address);
        if (!Admits(entry, write ? Write : Read, address, pageMask)) return null;
        return (HostBase != null ? HostBase : *(byte**)(entry + AddendOffset)) + address;
    }
}
