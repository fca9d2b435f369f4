using System.Buffers.Binary;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>
/// A Linux bzImage: the real-mode setup (boot sector and setup code, whose setup header at 0x1F1
/// describes the kernel) followed by the protected-mode kernel at (setup_sects + 1) * 512.
/// Only kernels the 64-bit boot protocol can start are accepted (protocol 2.12+, XLF_KERNEL_64).
/// Field offsets are those of Documentation/arch/x86/boot.rst, counted from the start of the file.
/// </summary>
public sealed class BzImage
{
    public const int SetupHeaderOffset = 0x1F1;
    public const int OffSetupSects = 0x1F1, OffSysSize = 0x1F4, OffVidMode = 0x1FA, OffBootFlag = 0x1FE, OffJump = 0x200,
        OffHeader = 0x202, OffVersion = 0x206, OffTypeOfLoader = 0x210, OffLoadFlags = 0x211,
        OffRamdiskImage = 0x218, OffRamdiskSize = 0x21C, OffHeapEndPtr = 0x224, OffCmdLinePtr = 0x228,
        OffInitrdAddrMax = 0x22C, OffKernelAlignment = 0x230, OffRelocatable = 0x234, OffMinAlignment = 0x235,
        OffXLoadFlags = 0x236, OffCmdlineSize = 0x238, OffPayloadOffset = 0x248, OffPayloadLength = 0x24C,
        OffPrefAddress = 0x258, OffInitSize = 0x260;
    /// <summary>"HdrS" read as a little-endian word.</summary>
    public const uint HeaderMagic = 0x53726448;
    public const ushort BootFlag = 0xAA55;
    public const ushort MinimumVersion = 0x020C;
    public const byte LoadedHigh = 0x01, CanUseHeap = 0x80;
    public const ushort XlfKernel64 = 0x01, XlfCanBeLoadedAbove4G = 0x02;
    /// <summary>The 64-bit entry point is this far into the protected-mode kernel.</summary>
    public const ulong Entry64Offset = 0x200;

    readonly byte[] data;

    public string FileName { get; }
    /// <summary>Sectors of real-mode setup code after the boot sector (a 0 in the file means 4).</summary>
    public int SetupSectors { get; }
    /// <summary>Boot protocol version, major in the high byte (0x020F is 2.15).</summary>
    public ushort Version { get; }
    public byte LoadFlags => data[OffLoadFlags];
    public uint KernelAlignment => U32(OffKernelAlignment);
    public bool Relocatable => data[OffRelocatable] != 0;
    public ushort XLoadFlags => U16(OffXLoadFlags);
    /// <summary>Longest command line the kernel takes, without the terminating NUL.</summary>
    public uint CmdlineSize => U32(OffCmdlineSize);
    /// <summary>Highest address the initrd may occupy (its last byte).</summary>
    public uint InitrdAddrMax => U32(OffInitrdAddrMax);
    /// <summary>Bytes of memory the kernel needs from where it runs until it has set up its own memory map.</summary>
    public uint InitSize => U32(OffInitSize);
    /// <summary>Where the kernel prefers to run (LOAD_PHYSICAL_ADDR); a relocatable kernel loaded lower moves itself there.</summary>
    public ulong PrefAddress => BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(OffPrefAddress));
    public uint PayloadOffset => U32(OffPayloadOffset);
    public uint PayloadLength => U32(OffPayloadLength);

    /// <summary>File offset of the protected-mode kernel.</summary>
    public int KernelOffset => (SetupSectors + 1) * 512;
    /// <summary>The protected-mode kernel, copied to the load address as is.</summary>
    public ReadOnlySpan<byte> ProtectedModeKernel => data.AsSpan(KernelOffset);
    /// <summary>The setup header as the file has it (0x1F1 up to 0x202 + the byte at 0x201), for the zero page.</summary>
    public ReadOnlySpan<byte> SetupHeader => data.AsSpan(SetupHeaderOffset, SetupHeaderEnd - SetupHeaderOffset);
    int SetupHeaderEnd => Math.Min(OffHeader + data[OffJump + 1], ZeroPage.SetupHeaderEnd);

    BzImage(byte[] data, string fileName)
    {
        this.data = data;
        FileName = fileName;
        if (data.Length < OffVersion + 2)
            throw Error($"not a bzImage ({data.Length} bytes, too short for a setup header)");
        if (U32(OffHeader) != HeaderMagic || U16(OffBootFlag) != BootFlag)
            throw Error(U32(OffHeader) != HeaderMagic ? "not a bzImage (no \"HdrS\" setup header at 0x202)" : "not a bzImage (no boot flag 0xAA55 at 0x1FE)");
        Version = U16(OffVersion);
        SetupSectors = data[OffSetupSects] == 0 ? 4 : data[OffSetupSects];
        if (data.Length < OffInitSize + 4)
            throw Error($"truncated: {data.Length} bytes end inside the setup header");
        if (Version < MinimumVersion || (XLoadFlags & XlfKernel64) == 0)
        {
            string without64 = (XLoadFlags & XlfKernel64) == 0 && Version >= MinimumVersion ? " without XLF_KERNEL_64" : "";
            throw Error($"boot protocol {Version >> 8}.{Version & 0xFF}{without64}: needs a 64-bit kernel with boot protocol 2.12+");
        }
        long pmSize = (long)U32(OffSysSize) * 16;
        if (data.Length < (long)KernelOffset + Math.Max(pmSize, 1))
            throw Error($"truncated: {data.Length} bytes, but the setup code ends at {KernelOffset} and the kernel needs {pmSize} more");
    }

    public static BzImage Parse(byte[] data, string fileName) => new(data, fileName);

    public static BzImage Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BootImageException($"{path}: {KernelImage.Describe(e)}");
        }
        return Parse(bytes, path);
    }

    /// <summary>Checks that a command line fits; returns it as the NUL-terminated bytes to copy.</summary>
    public byte[] EncodeCommandLine(string commandLine)
    {
        var bytes = global::System.Text.Encoding.UTF8.GetBytes(commandLine);
        if ((uint)bytes.Length > CmdlineSize)
            throw Error($"the command line is {bytes.Length} bytes, longer than the kernel's cmdline_size of {CmdlineSize}");
        return [.. bytes, 0];
    }

    BootImageException Error(string what) => new($"{FileName}: {what}");
    ushort U16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset));
    uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
}
