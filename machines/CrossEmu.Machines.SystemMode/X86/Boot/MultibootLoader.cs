using System.Buffers.Binary;
using CrossEmu.Devices.Memory;
using CrossEmu.Frontends.X86.Boot;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>
/// Loads a multiboot (v1) kernel: its pieces at their physical addresses, the GDT, and the
/// multiboot information structure at 0x8000 (memory sizes, command line at 0x10000, the e820
/// memory map as mmap entries at 0x8100, the loader's name); returns the entry state: flat
/// 32-bit protected mode at the kernel's entry, EAX = 0x2BADB002, EBX = the information address.
/// </summary>
public static class MultibootLoader
{
    public const ulong InfoAddress = 0x8000, MmapAddress = 0x8100, LoaderNameAddress = 0x8300, CommandLineAddress = 0x10000;
    public const uint InfoMemory = 1 << 0, InfoCommandLine = 1 << 2, InfoMmap = 1 << 6, InfoLoaderName = 1 << 9;
    public const int InfoSize = 0x78, MmapEntrySize = 24;
    static ReadOnlySpan<byte> LoaderName => "CrossEmu\0"u8;

    /// <summary>The multiboot information structure; offsets from the multiboot 0.6.96 specification.</summary>
    public const int OffFlags = 0, OffMemLower = 4, OffMemUpper = 8, OffCmdline = 16, OffModsCount = 20,
        OffMmapLength = 44, OffMmapAddr = 48, OffBootLoaderName = 64;

    public static X86EntryState Load(GuestPhysicalMemory memory, MultibootImage image, string commandLine, Initrd? modules = null)
    {
        if (modules != null)
            throw new BootImageException($"{image.FileName}: multiboot modules (-initrd {modules.Name}) are not supported");
        var cmdline = global::System.Text.Encoding.UTF8.GetBytes(commandLine + "\0");
        if (CommandLineAddress + (ulong)cmdline.Length > E820Map.LowRamEnd)
            throw new BootImageException(
                $"the command line is {cmdline.Length - 1} bytes; a multiboot boot takes at most {E820Map.LowRamEnd - CommandLineAddress - 1}");
        ulong low = memory.LowEnd;
        if (low < E820Map.HighMemoryStart)
            throw new BootImageException($"{memory.Size >> 20} MiB of RAM is too small for a multiboot boot (the PC layout needs 1 MiB at address 0)");

        (ulong Start, ulong End, string What)[] ours =
        [
            (BootTables.GdtAddress, BootTables.IdtAddress + BootTables.IdtSize, "the GDT"),
            (InfoAddress, LoaderNameAddress + (ulong)LoaderName.Length, "the multiboot information"),
            (CommandLineAddress, CommandLineAddress + (ulong)cmdline.Length, "the command line"),
        ];
        foreach (var s in image.Segments)
        {
            if (s.MemorySize == 0) continue;
            if (!memory.Contains(s.Address, s.MemorySize) || s.MemorySize > int.MaxValue)
                throw new BootImageException($"{image.FileName}: {memory.Size >> 20} MiB of RAM is too small for this kernel " +
                    $"(it loads 0x{s.MemorySize:x} bytes at 0x{s.Address:x})");
            foreach (var (start, end, what) in ours)
                if (s.Address < end && start < s.Address + s.MemorySize)
                    throw new BootImageException(
                        $"{image.FileName}: the kernel loads at 0x{s.Address:x}-0x{s.Address + s.MemorySize:x}, over {what} at 0x{start:x}");
        }

        foreach (var s in image.Segments)
        {
            if (s.MemorySize == 0) continue;
            var target = memory.Span(s.Address, (int)s.MemorySize);
            image.Bytes(s).CopyTo(target);
            target[s.FileSize..].Clear();
        }

        BootTables.WriteGdt(memory);
        memory.Write(CommandLineAddress, cmdline);
        memory.Write(LoaderNameAddress, LoaderName);

        var e820 = E820Map.For(memory);
        var mmap = memory.Span(MmapAddress, e820.Count * MmapEntrySize);
        for (int i = 0; i < e820.Count; i++)
        {
            var e = mmap.Slice(i * MmapEntrySize, MmapEntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(e, MmapEntrySize - 4);
            BinaryPrimitives.WriteUInt64LittleEndian(e[4..], e820[i].Address);
            BinaryPrimitives.WriteUInt64LittleEndian(e[12..], e820[i].Size);
            BinaryPrimitives.WriteUInt32LittleEndian(e[20..], (uint)e820[i].Type);
        }
        if (MmapAddress + (ulong)mmap.Length > LoaderNameAddress) throw new InvalidOperationException("the memory map outgrew its place");

        var info = memory.Span(InfoAddress, InfoSize);
        info.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(info[OffFlags..], InfoMemory | InfoCommandLine | InfoMmap | InfoLoaderName);
        BinaryPrimitives.WriteUInt32LittleEndian(info[OffMemLower..], (uint)(E820Map.LowRamEnd / 1024));
        BinaryPrimitives.WriteUInt32LittleEndian(info[OffMemUpper..], (uint)((low - E820Map.HighMemoryStart) / 1024));
        BinaryPrimitives.WriteUInt32LittleEndian(info[OffCmdline..], (uint)CommandLineAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(info[OffMmapLength..], (uint)mmap.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(info[OffMmapAddr..], (uint)MmapAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(info[OffBootLoaderName..], (uint)LoaderNameAddress);

        return X86EntryState.Protected32Flat(image.Entry, MultibootImage.BootloaderMagic, (uint)InfoAddress, BootTables.GdtAddress, BootTables.IdtAddress);
    }
}
