using System.Buffers.Binary;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>One piece of a multiboot kernel to place in guest RAM: file bytes, then zeroes up to <see cref="MemorySize"/>.</summary>
public readonly record struct MultibootSegment(ulong Address, int FileOffset, int FileSize, ulong MemorySize);

/// <summary>
/// A multiboot (v1) kernel: the header (magic 0x1BADB002, flags, checksum) in the first 8 KiB at
/// a 4-byte boundary, and the pieces to load, either from the header's a.out kludge fields
/// (flag 16) or from the PT_LOAD segments of an ELF32 executable, at their physical addresses.
/// </summary>
public sealed class MultibootImage
{
    public const uint Magic = 0x1BADB002, BootloaderMagic = 0x2BADB002;
    public const int SearchLimit = 8192;
    public const uint FlagPageAlignModules = 1 << 0, FlagMemoryInfo = 1 << 1, FlagVideoMode = 1 << 2, FlagAoutKludge = 1 << 16;
    /// <summary>Bits 0..15 are requirements a loader must meet or refuse the kernel; these are the ones met here
    /// (modules are never loaded, so their alignment holds).</summary>
    const uint SupportedRequirements = FlagPageAlignModules | FlagMemoryInfo;

    static ReadOnlySpan<byte> ElfMagic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    readonly byte[] data;

    public string FileName { get; }
    public int HeaderOffset { get; }
    public uint Flags { get; }
    public bool IsElf { get; }
    public uint Entry { get; }
    public IReadOnlyList<MultibootSegment> Segments { get; }

    public ReadOnlySpan<byte> Bytes(MultibootSegment s) => data.AsSpan(s.FileOffset, s.FileSize);

    MultibootImage(byte[] data, string fileName)
    {
        this.data = data;
        FileName = fileName;
        HeaderOffset = FindHeader(data, out string? why);
        if (HeaderOffset < 0) throw Error(why!);
        Flags = U32(HeaderOffset + 4);

        uint unsupported = Flags & 0xFFFF & ~SupportedRequirements;
        if ((unsupported & FlagVideoMode) != 0)
            throw Error("needs a video mode (multiboot header flag 2), which is not supported");
        if (unsupported != 0)
            throw Error($"requires multiboot features this loader does not know (header flags 0x{unsupported:x})");

        if ((Flags & FlagAoutKludge) != 0) (Segments, Entry) = AoutKludge();
        else if (data.Length >= 52 && data.AsSpan(0, 4).SequenceEqual(ElfMagic)) { IsElf = true; (Segments, Entry) = Elf32(); }
        else throw Error("the multiboot header has no load addresses (flag 16) and the file is not an ELF executable");
    }

    public static MultibootImage Parse(byte[] data, string fileName) => new(data, fileName);

    /// <summary>Offset of the first valid header in the first 8 KiB, or -1 with the reason.</summary>
    public static int FindHeader(ReadOnlySpan<byte> data, out string? why)
    {
        why = "no multiboot header (magic 0x1BADB002) in the first 8 KiB";
        int limit = Math.Min(data.Length, SearchLimit) - 12;
        for (int at = 0; at <= limit; at += 4)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) != Magic) continue;
            uint flags = BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 4)..]);
            uint checksum = BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 8)..]);
            if (unchecked(Magic + flags + checksum) == 0)
            {
                why = null;
                return at;
            }
            why = $"bad multiboot header checksum at offset 0x{at:x} (0x{checksum:x8}, magic + flags + checksum must be 0)";
        }
        return -1;
    }

    (IReadOnlyList<MultibootSegment>, uint) AoutKludge()
    {
        int h = HeaderOffset;
        if (data.Length < h + 32) throw Error("truncated: the multiboot header's address fields are past the end of the file");
        uint headerAddr = U32(h + 12), loadAddr = U32(h + 16), loadEndAddr = U32(h + 20), bssEndAddr = U32(h + 24), entry = U32(h + 28);
        if (loadAddr > headerAddr || headerAddr - loadAddr > (uint)h)
            throw Error($"multiboot load_addr 0x{loadAddr:x} does not fit header_addr 0x{headerAddr:x} at file offset 0x{h:x}");
        int fileOffset = h - (int)(headerAddr - loadAddr);
        long fileSize = loadEndAddr == 0 ? data.Length - fileOffset : (long)loadEndAddr - loadAddr;
        if (fileSize < 0 || fileOffset + fileSize > data.Length)
            throw Error(fileSize < 0 ? $"multiboot load_end_addr 0x{loadEndAddr:x} is below load_addr 0x{loadAddr:x}"
                : $"truncated: load_end_addr 0x{loadEndAddr:x} needs {fileOffset + fileSize} bytes of file, it has {data.Length}");
        ulong memSize = (ulong)fileSize;
        if (bssEndAddr != 0)
        {
            if (bssEndAddr < loadAddr + fileSize) throw Error($"multiboot bss_end_addr 0x{bssEndAddr:x} is below load_end_addr");
            memSize = bssEndAddr - loadAddr;
        }
        if (entry < loadAddr || entry >= loadAddr + memSize)
            throw Error($"multiboot entry_addr 0x{entry:x} is outside the loaded image 0x{loadAddr:x}-0x{loadAddr + memSize:x}");
        return ([new MultibootSegment(loadAddr, fileOffset, (int)fileSize, memSize)], entry);
    }

    (IReadOnlyList<MultibootSegment>, uint) Elf32()
    {
        if (data[4] != 1 || data[5] != 1) throw Error("not a 32-bit little-endian ELF file (multiboot ELF kernels are ELF32)");
        if (U16(18) != 3) throw Error($"ELF machine {U16(18)} is not x86 (EM_386)");
        if (U16(16) != 2) throw Error("not an ELF executable (ET_EXEC)");
        uint entry = U32(24), phoff = U32(28);
        int phentsize = U16(42), phnum = U16(44);
        if (phentsize < 32 || phoff + (long)phentsize * phnum > data.Length) throw Error("truncated: the ELF program headers are past the end of the file");
        var segments = new List<MultibootSegment>();
        uint? physicalEntry = null;
        for (int i = 0; i < phnum; i++)
        {
            int p = (int)phoff + i * phentsize;
            if (U32(p) != 1) continue; // PT_LOAD
            uint offset = U32(p + 4), vaddr = U32(p + 8), paddr = U32(p + 12), filesz = U32(p + 16), memsz = U32(p + 20);
            if ((long)offset + filesz > data.Length)
                throw Error($"truncated: ELF segment {i} needs {(long)offset + filesz} bytes of file, it has {data.Length}");
            if (memsz < filesz) throw Error($"ELF segment {i} has p_memsz below p_filesz");
            if ((ulong)paddr + memsz > 1UL << 32) throw Error($"ELF segment {i} at 0x{paddr:x} runs past 4 GiB");
            segments.Add(new MultibootSegment(paddr, (int)offset, (int)filesz, memsz));
            if (entry >= vaddr && entry - vaddr < memsz) physicalEntry = entry - vaddr + paddr;
        }
        if (segments.Count == 0) throw Error("the ELF file has no PT_LOAD segments");
        if (physicalEntry is null) throw Error($"the ELF entry point 0x{entry:x} is in no PT_LOAD segment");
        return (segments, physicalEntry.Value);
    }

    BootImageException Error(string what) => new($"{FileName}: {what}");
    ushort U16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset));
    uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
}
