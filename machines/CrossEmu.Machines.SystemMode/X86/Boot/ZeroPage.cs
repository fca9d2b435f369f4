using System.Buffers.Binary;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>
/// The zero page (struct boot_params, 4 KiB) a 64-bit Linux entry receives in RSI: the kernel's
/// own setup header with the loader's fields filled in, and the e820 memory map. Offsets are
/// those of arch/x86/include/uapi/asm/bootparam.h.
/// </summary>
public static class ZeroPage
{
    public const int Size = 4096;
    public const int OffExtRamdiskImage = 0x0C0, OffExtRamdiskSize = 0x0C4, OffExtCmdLinePtr = 0x0C8,
        OffAltMemK = 0x1E0, OffE820Entries = 0x1E8, OffSentinel = 0x1EF, OffE820Table = 0x2D0;
    /// <summary>End of the room boot_params has for the setup header (hdr and _pad7).</summary>
    public const int SetupHeaderEnd = 0x290;
    /// <summary>"Undefined" loader id: a boot loader without an assigned id.</summary>
    public const byte TypeOfLoaderUndefined = 0xFF;
    public const ushort VidModeNormal = 0xFFFF;
    /// <summary>heap_end_ptr: the end of the setup heap, relative to the start of the real-mode code (0xFE00 - 0x200).</summary>
    public const ushort HeapEndPtr = 0xFE00 - 0x200;

    /// <summary>Fills <paramref name="page"/> (4 KiB, guest memory at the zero-page address) for <paramref name="kernel"/>.</summary>
    public static void Write(Span<byte> page, BzImage kernel, ulong cmdLinePtr, ulong ramdiskImage, ulong ramdiskSize,
        IReadOnlyList<E820Entry> e820, ulong altMemK)
    {
        if (page.Length != Size) throw new ArgumentException("the zero page is 4 KiB");
        page.Clear();
        kernel.SetupHeader.CopyTo(page[BzImage.SetupHeaderOffset..]);
        page[BzImage.OffTypeOfLoader] = TypeOfLoaderUndefined;
        page[BzImage.OffLoadFlags] |= BzImage.LoadedHigh | BzImage.CanUseHeap;
        BinaryPrimitives.WriteUInt16LittleEndian(page[BzImage.OffHeapEndPtr..], HeapEndPtr);
        BinaryPrimitives.WriteUInt16LittleEndian(page[BzImage.OffVidMode..], VidModeNormal);
        BinaryPrimitives.WriteUInt32LittleEndian(page[BzImage.OffCmdLinePtr..], (uint)cmdLinePtr);
        BinaryPrimitives.WriteUInt32LittleEndian(page[OffExtCmdLinePtr..], (uint)(cmdLinePtr >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(page[BzImage.OffRamdiskImage..], (uint)ramdiskImage);
        BinaryPrimitives.WriteUInt32LittleEndian(page[OffExtRamdiskImage..], (uint)(ramdiskImage >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(page[BzImage.OffRamdiskSize..], (uint)ramdiskSize);
        BinaryPrimitives.WriteUInt32LittleEndian(page[OffExtRamdiskSize..], (uint)(ramdiskSize >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(page[OffAltMemK..], (uint)Math.Min(altMemK, uint.MaxValue));
        page[OffE820Entries] = (byte)e820.Count;
        E820Map.Encode(e820, page[OffE820Table..]);
    }
}
