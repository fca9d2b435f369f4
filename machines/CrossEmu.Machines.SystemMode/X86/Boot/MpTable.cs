using System.Buffers.Binary;
using CrossEmu.Devices.Memory;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>
/// The Intel MultiProcessor Specification 1.4 tables Linux's mpparse.c reads to find the CPUs,
/// the I/O APIC and the interrupt routing when there is no ACPI: the floating pointer structure
/// "_MP_" at 0x9FC00 (the last KiB of base memory, which Linux scans), and right after it the
/// configuration table "PCMP" with one processor entry per CPU (APIC id = index, CPU 0 the
/// bootstrap processor), an ISA bus, the I/O APIC (id = CPU count) at 0xFEC00000, ISA IRQ i to
/// I/O APIC pin i for pins 0..23, ExtINT on LINT0 and NMI on LINT1; local APICs at 0xFEE00000.
/// </summary>
public static class MpTable
{
    public const ulong Address = 0x9FC00, End = 0xA0000;
    public const int FloatingPointerSize = 16, HeaderSize = 44, ProcessorEntrySize = 20, EntrySize = 8;
    public const uint LocalApicAddress = 0xFEE00000, IoApicAddress = 0xFEC00000;
    public const int IoApicPins = 24;
    public const byte SpecRevision = 4, LocalApicVersion = 0x14, IoApicVersion = 0x11;
    public const byte EntryProcessor = 0, EntryBus = 1, EntryIoApic = 2, EntryIoInterrupt = 3, EntryLocalInterrupt = 4;
    public const byte InterruptInt = 0, InterruptNmi = 1, InterruptExtInt = 3;
    public const byte CpuEnabled = 1, CpuBootProcessor = 2;
    /// <summary>Family 6 in the CPU signature; FPU and APIC in the feature flags (CPUID.1 EDX bits 0 and 9).</summary>
    public const uint CpuSignature = 0x600, CpuFeatures = 0x201;
    public const byte IsaBusId = 0;

    /// <summary>Bytes the tables take for <paramref name="cpus"/> processors.</summary>
    public static int SizeFor(int cpus) => FloatingPointerSize + ConfigurationTableSize(cpus);

    static int ConfigurationTableSize(int cpus) =>
        HeaderSize + cpus * ProcessorEntrySize + EntrySize /* bus */ + EntrySize /* I/O APIC */ + IoApicPins * EntrySize + 2 * EntrySize;

    /// <summary>Most CPUs whose entries fit below 0xA0000.</summary>
    public static int MaxCpus => (int)((End - Address) - (ulong)SizeFor(0)) / ProcessorEntrySize;

    public static void Write(GuestPhysicalMemory memory, int cpus)
    {
        if (cpus < 1 || cpus > MaxCpus)
            throw new ArgumentOutOfRangeException(nameof(cpus), $"{cpus} CPUs: the MP table holds 1 to {MaxCpus}");
        var area = memory.Span(Address, SizeFor(cpus));
        area.Clear();

        var fp = area[..FloatingPointerSize];
        "_MP_"u8.CopyTo(fp);
        BinaryPrimitives.WriteUInt32LittleEndian(fp[4..], (uint)Address + FloatingPointerSize);
        fp[8] = 1; // length in 16-byte units
        fp[9] = SpecRevision;
        // feature bytes 1..5 stay 0: the configuration table is present, virtual-wire mode (no IMCR)
        fp[10] = Checksum(fp);

        var table = area.Slice(FloatingPointerSize, ConfigurationTableSize(cpus));
        "PCMP"u8.CopyTo(table);
        BinaryPrimitives.WriteUInt16LittleEndian(table[4..], (ushort)table.Length);
        table[6] = SpecRevision;
        "CROSSEMU"u8.CopyTo(table[8..]);
        "X86-PC      "u8.CopyTo(table[16..]);
        int count = cpus + 1 + 1 + IoApicPins + 2;
        BinaryPrimitives.WriteUInt16LittleEndian(table[34..], (ushort)count);
        BinaryPrimitives.WriteUInt32LittleEndian(table[36..], LocalApicAddress);

        int at = HeaderSize;
        for (int i = 0; i < cpus; i++, at += ProcessorEntrySize)
        {
            var e = table[at..];
            e[0] = EntryProcessor;
            e[1] = (byte)i;
            e[2] = LocalApicVersion;
            e[3] = (byte)(CpuEnabled | (i == 0 ? CpuBootProcessor : 0));
            BinaryPrimitives.WriteUInt32LittleEndian(e[4..], CpuSignature);
            BinaryPrimitives.WriteUInt32LittleEndian(e[8..], CpuFeatures);
        }

        var bus = table[at..];
        bus[0] = EntryBus;
        bus[1] = IsaBusId;
        "ISA   "u8.CopyTo(bus[2..]);
        at += EntrySize;

        byte ioApicId = (byte)cpus;
        var ioapic = table[at..];
        ioapic[0] = EntryIoApic;
        ioapic[1] = ioApicId;
        ioapic[2] = IoApicVersion;
        ioapic[3] = 1; // usable
        BinaryPrimitives.WriteUInt32LittleEndian(ioapic[4..], IoApicAddress);
        at += EntrySize;

        for (int pin = 0; pin < IoApicPins; pin++, at += EntrySize)
        {
            var e = table[at..];
            e[0] = EntryIoInterrupt;
            e[1] = InterruptInt;
            // e[2..4] flags 0: polarity and trigger conform to the bus
            e[4] = IsaBusId;
            e[5] = (byte)pin;
            e[6] = ioApicId;
            e[7] = (byte)pin;
        }

        LocalInterrupt(table[at..], InterruptExtInt, destinationApic: 0, lint: 0);
        at += EntrySize;
        LocalInterrupt(table[at..], InterruptNmi, destinationApic: 0xFF, lint: 1);

        table[7] = Checksum(table);
    }

    static void LocalInterrupt(Span<byte> e, byte type, byte destinationApic, byte lint)
    {
        e[0] = EntryLocalInterrupt;
        e[1] = type;
        e[4] = IsaBusId;
        e[5] = 0;
        e[6] = destinationApic;
        e[7] = lint;
    }

    /// <summary>The byte that makes <paramref name="bytes"/> (with that byte still 0) sum to 0 mod 256.</summary>
    static byte Checksum(ReadOnlySpan<byte> bytes)
    {
        byte sum = 0;
        foreach (var b in bytes) sum += b;
        return (byte)-sum;
    }
}
