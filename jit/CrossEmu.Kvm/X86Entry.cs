using System.Buffers.Binary;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm;

/// <summary>
/// Register presets for entering a guest in real mode, 32-bit protected mode or 64-bit long mode (the Linux boot
/// protocol's entry states), and the boot GDT and identity page tables they refer to.
/// </summary>
public static class X86Entry
{
    public const ulong Cr0Pe = 1, Cr0Mp = 1 << 1, Cr0Et = 1 << 4, Cr0Ne = 1 << 5, Cr0Wp = 1 << 16, Cr0Pg = 1UL << 31;
    public const ulong Cr4Pae = 1 << 5, Cr4Osfxsr = 1 << 9, Cr4Osxmmexcpt = 1 << 10;
    public const ulong EferSce = 1, EferLme = 1 << 8, EferLma = 1 << 10, EferNx = 1 << 11;
    public const ulong RflagsReserved = 2, RflagsIf = 1 << 9;

    /// <summary>Selectors of the boot GDT written by <see cref="WriteBootGdt"/> (the Linux boot protocol's __BOOT_CS/__BOOT_DS).</summary>
    public const ushort BootCs = 0x10, BootDs = 0x18, BootTss = 0x20;

    /// <summary>Size of the boot GDT in bytes.</summary>
    public const int BootGdtSize = 6 * 8;

    public const ulong Code64Descriptor = 0x00AF_9B00_0000_FFFF; // present, DPL0, code exec/read accessed, L=1, G=1
    public const ulong Code32Descriptor = 0x00CF_9B00_0000_FFFF; // present, DPL0, code exec/read accessed, D=1, G=1
    public const ulong DataDescriptor = 0x00CF_9300_0000_FFFF;   // present, DPL0, data read/write accessed, B=1, G=1
    public const ulong TssDescriptor = 0x0000_8B00_0000_0067;    // present, busy 32/64-bit TSS, base 0, limit 0x67

    /// <summary>
    /// Writes the boot GDT: null, null, 0x10 code (64-bit when <paramref name="longMode"/>, else 32-bit flat),
    /// 0x18 flat data, 0x20 TSS (16 bytes, the upper half zero).
    /// </summary>
    public static void WriteBootGdt(Span<byte> destination, bool longMode)
    {
        if (destination.Length < BootGdtSize) throw new ArgumentException($"the boot GDT needs {BootGdtSize} bytes", nameof(destination));
        destination[..BootGdtSize].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(destination[BootCs..], longMode ? Code64Descriptor : Code32Descriptor);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[BootDs..], DataDescriptor);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[BootTss..], TssDescriptor);
    }

    /// <summary>The hidden segment state a descriptor loads (limit scaled by the granularity bit).</summary>
    public static KvmSegment SegmentFromDescriptor(ulong descriptor, ushort selector)
    {
        uint limit = (uint)(descriptor & 0xFFFF) | (uint)((descriptor >> 32) & 0xF_0000);
        bool g = ((descriptor >> 55) & 1) != 0;
        byte present = (byte)((descriptor >> 47) & 1);
        return new KvmSegment
        {
            Base = ((descriptor >> 16) & 0xFF_FFFF) | (((descriptor >> 56) & 0xFF) << 24),
            Limit = g ? (limit << 12) | 0xFFF : limit,
            Selector = selector,
            Type = (byte)((descriptor >> 40) & 0xF),
            S = (byte)((descriptor >> 44) & 1),
            Dpl = (byte)((descriptor >> 45) & 3),
            Present = present,
            Avl = (byte)((descriptor >> 52) & 1),
            L = (byte)((descriptor >> 53) & 1),
            Db = (byte)((descriptor >> 54) & 1),
            G = (byte)(g ? 1 : 0),
            Unusable = (byte)(present == 0 ? 1 : 0),
        };
    }

    /// <summary>
    /// Real mode at <paramref name="cs"/>:<paramref name="ip"/> (segment base cs*16), other segments at
    /// <paramref name="dataSegment"/>, interrupts off. The reset state (F000:FFF0, base 0xFFFF0000) is what a vCPU
    /// has before any call: a BIOS boot needs none.
    /// </summary>
    public static void RealMode(ref KvmSregs sregs, ref KvmRegs regs, ushort cs, ushort ip, ushort dataSegment = 0)
    {
        sregs.Cs.Selector = cs;
        sregs.Cs.Base = (ulong)cs << 4;
        foreach (ref var s in DataSegments(ref sregs))
        {
            s.Selector = dataSegment;
            s.Base = (ulong)dataSegment << 4;
        }
        sregs.Cr0 &= ~(Cr0Pe | Cr0Pg);
        regs = default;
        regs.Rip = ip;
        regs.Rflags = RflagsReserved;
    }

    /// <summary>
    /// 32-bit protected mode, flat 4 GiB segments with the boot selectors (CS 0x10, data 0x18), paging off,
    /// interrupts off, at <paramref name="entry"/>. <paramref name="gdtAddress"/> is where the caller wrote
    /// <see cref="WriteBootGdt"/>(longMode: false) (the guest reloads selectors from it).
    /// </summary>
    public static void ProtectedMode32(ref KvmSregs sregs, ref KvmRegs regs, uint entry, ulong gdtAddress)
    {
        sregs.Cs = SegmentFromDescriptor(Code32Descriptor, BootCs);
        SetDataSegments(ref sregs);
        sregs.Tr = SegmentFromDescriptor(TssDescriptor, BootTss);
        sregs.Gdt = new KvmDtable { Base = gdtAddress, Limit = BootGdtSize - 1 };
        sregs.Cr0 = (sregs.Cr0 | Cr0Pe | Cr0Et) & ~(Cr0Pg | (1UL << 29) | (1UL << 30)); // caches on (clear CD, NW)
        sregs.Cr4 &= ~Cr4Pae;
        sregs.Efer &= ~(EferLme | EferLma);
        regs = default;
        regs.Rip = entry;
        regs.Rflags = RflagsReserved;
    }

    /// <summary>
    /// 64-bit long mode at <paramref name="entry"/>: paging through the PML4 at <paramref name="pml4Address"/>
    /// (see <see cref="WriteIdentityPageTables"/>), PAE, EFER.LME|LMA, 64-bit CS 0x10, flat data 0x18, interrupts
    /// off. The vCPU's CPUID must offer long mode (it does: the host's supported list), set before this.
    /// </summary>
    public static void LongMode64(ref KvmSregs sregs, ref KvmRegs regs, ulong entry, ulong pml4Address, ulong gdtAddress)
    {
        sregs.Cs = SegmentFromDescriptor(Code64Descriptor, BootCs);
        SetDataSegments(ref sregs);
        sregs.Tr = SegmentFromDescriptor(TssDescriptor, BootTss);
        sregs.Gdt = new KvmDtable { Base = gdtAddress, Limit = BootGdtSize - 1 };
        sregs.Cr3 = pml4Address;
        sregs.Cr4 = Cr4Pae | Cr4Osfxsr | Cr4Osxmmexcpt;
        sregs.Cr0 = Cr0Pe | Cr0Mp | Cr0Et | Cr0Ne | Cr0Wp | Cr0Pg;
        sregs.Efer = EferLme | EferLma;
        regs = default;
        regs.Rip = entry;
        regs.Rflags = RflagsReserved;
    }

    static void SetDataSegments(ref KvmSregs sregs)
    {
        var data = SegmentFromDescriptor(DataDescriptor, BootDs);
        foreach (ref var s in DataSegments(ref sregs)) s = data;
    }

    static Span<KvmSegment> DataSegments(ref KvmSregs sregs) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref sregs.Ds, 5); // ds, es, fs, gs, ss are adjacent

    /// <summary>Page-table bytes <see cref="WriteIdentityPageTables"/> needs for <paramref name="bytesToMap"/>.</summary>
    public static int IdentityPageTablesSize(ulong bytesToMap) => (2 + (int)((bytesToMap + (1UL << 30) - 1) >> 30)) * 4096;

    /// <summary>
    /// Identity-maps [0, <paramref name="bytesToMap"/>) (up to 512 GiB) with 2 MiB pages: PML4 at the start of
    /// <paramref name="tables"/> (guest-physical <paramref name="tablesAddress"/>), then one PDPT, then the page
    /// directories. <paramref name="user"/> sets the U/S bit so CPL3 code may use the mapping.
    /// </summary>
    public static void WriteIdentityPageTables(Span<byte> tables, ulong tablesAddress, ulong bytesToMap, bool user = false)
    {
        int size = IdentityPageTablesSize(bytesToMap);
        if (tables.Length < size) throw new ArgumentException($"the page tables need {size} bytes", nameof(tables));
        if ((tablesAddress & 0xFFF) != 0) throw new ArgumentException("page tables must be page-aligned", nameof(tablesAddress));
        if (bytesToMap > 512UL << 30) throw new ArgumentOutOfRangeException(nameof(bytesToMap), "one PDPT maps at most 512 GiB");
        tables[..size].Clear();
        ulong flags = 0x3 | (user ? 0x4UL : 0); // present, writable, user
        ulong pdpt = tablesAddress + 0x1000;
        BinaryPrimitives.WriteUInt64LittleEndian(tables, pdpt | flags);
        int gigabytes = (size / 4096) - 2;
        for (int g = 0; g < gigabytes; g++)
        {
            ulong pd = tablesAddress + 0x2000 + (ulong)g * 0x1000;
            BinaryPrimitives.WriteUInt64LittleEndian(tables[(0x1000 + g * 8)..], pd | flags);
            for (int e = 0; e < 512; e++)
            {
                ulong address = ((ulong)g << 30) + ((ulong)e << 21);
                if (address >= bytesToMap) break;
                BinaryPrimitives.WriteUInt64LittleEndian(tables[(0x2000 + g * 0x1000 + e * 8)..], address | flags | 0x80); // PS: 2 MiB page
            }
        }
    }
}
