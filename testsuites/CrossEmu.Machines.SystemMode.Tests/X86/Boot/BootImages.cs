using System.Buffers.Binary;
using CrossEmu.Devices.Memory;
using CrossEmu.Machines.SystemMode.X86.Boot;

namespace CrossEmu.Machines.SystemMode.Tests.X86.Boot;

/// <summary>Synthetic boot images and guest RAM for the x86 boot tests.</summary>
static class BootImages
{
    public const ulong MiB = 1UL << 20, GiB = 1UL << 30;

    /// <summary>A bzImage with a protocol-2.15 setup header and <paramref name="pmSize"/> bytes of protected-mode kernel (byte i = i * 7).</summary>
    public static byte[] MakeBzImage(ushort version = 0x020F, ushort xloadflags = 0x7F, byte setupSects = 4, int pmSize = 0x4000,
        uint initSize = 0x800000, ulong prefAddress = 0x1000000, uint kernelAlignment = 0x200000, bool relocatable = true,
        uint cmdlineSize = 2047, uint initrdAddrMax = 0x7FFFFFFF)
    {
        int setup = ((setupSects == 0 ? 4 : setupSects) + 1) * 512;
        var d = new byte[setup + pmSize];
        d[0x1F1] = setupSects;
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(0x1F4), (uint)(pmSize + 15) / 16);
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(0x1FA), 0xFFFF);
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(0x1FE), 0xAA55);
        d[0x200] = 0xEB;
        d[0x201] = 0x6A; // the setup header ends at 0x26C
        "HdrS"u8.CopyTo(d.AsSpan(0x202));
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(0x206), version);
        d[0x211] = 0x01;
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(0x214), 0x100000);
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(0x22C), initrdAddrMax);
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(0x230), kernelAlignment);
        d[0x234] = relocatable ? (byte)1 : (byte)0;
        d[0x235] = 21;
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(0x236), xloadflags);
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(0x238), cmdlineSize);
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(0x248), 0x2CC);
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(0x24C), 0x1234);
        BinaryPrimitives.WriteUInt64LittleEndian(d.AsSpan(0x258), prefAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(0x260), initSize);
        d[0x26B] = 0x5A; // last byte of the header (kernel_info_offset), to see that the copy reaches it
        for (int i = 0; i < pmSize; i++) d[setup + i] = (byte)(i * 7);
        return d;
    }

    /// <summary>A multiboot header: magic, flags, checksum and, with flag 16, the five a.out kludge addresses.</summary>
    public static byte[] MultibootHeader(uint flags,
        uint headerAddr = 0, uint loadAddr = 0, uint loadEndAddr = 0, uint bssEndAddr = 0, uint entryAddr = 0, uint? checksum = null)
    {
        var h = new byte[32];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x1BADB002);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(8), checksum ?? unchecked(0u - 0x1BADB002u - flags));
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(12), headerAddr);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), loadAddr);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(20), loadEndAddr);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(24), bssEndAddr);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(28), entryAddr);
        return h;
    }

    /// <summary>
    /// An a.out-kludge kernel of <paramref name="size"/> bytes loaded at <paramref name="loadAddr"/>, header at file offset 0x40,
    /// <paramref name="bss"/> bytes of bss, entry at load + 0x80; byte i (outside the header) = i ^ 0x5A.
    /// </summary>
    public static byte[] AoutKernel(uint loadAddr = 0x100000, int size = 0x2000, uint bss = 0x1000, uint flags = 0x10003)
    {
        var d = new byte[size];
        for (int i = 0; i < size; i++) d[i] = (byte)(i ^ 0x5A);
        MultibootHeader(flags, loadAddr + 0x40, loadAddr, loadAddr + (uint)size, loadAddr + (uint)size + bss, loadAddr + 0x80).CopyTo(d, 0x40);
        return d;
    }

    /// <summary>
    /// An ELF32 i386 executable with one PT_LOAD segment: file offset 0x1000, <paramref name="fileSize"/> bytes
    /// (a multiboot header with <paramref name="flags"/> at its start), memsz fileSize + 0x800, linked at
    /// <paramref name="vaddr"/> and loaded at <paramref name="paddr"/>, entry vaddr + 0x10.
    /// </summary>
    public static byte[] ElfKernel(uint paddr = 0x200000, uint vaddr = 0xC0200000, int fileSize = 0x300, uint flags = 0x3)
    {
        var d = new byte[0x1000 + fileSize];
        d[0] = 0x7F; d[1] = (byte)'E'; d[2] = (byte)'L'; d[3] = (byte)'F';
        d[4] = 1; d[5] = 1; d[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(16), 2); // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(18), 3); // EM_386
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(24), vaddr + 0x10);
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(28), 52);
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(40), 52);
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(42), 32);
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(44), 1);
        var ph = d.AsSpan(52);
        BinaryPrimitives.WriteUInt32LittleEndian(ph, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[4..], 0x1000);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[8..], vaddr);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[12..], paddr);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[16..], (uint)fileSize);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[20..], (uint)fileSize + 0x800);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[24..], 7);
        for (int i = 0x1000; i < d.Length; i++) d[i] = (byte)(i * 3);
        MultibootHeader(flags).AsSpan(0, 12).CopyTo(d.AsSpan(0x1000));
        return d;
    }

    public static uint U32(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(b[offset..]);
    public static ushort U16(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(b[offset..]);
    public static ulong U64(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(b[offset..]);

    /// <summary>Where the integrator's test script fetches a Debian amd64 kernel.</summary>
    public static string DebianKernelPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CrossEmu.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? "/", "testsuites", "out", "system", "linux", "vmlinuz");
    }
}

/// <summary>Guest RAM laid out as x86-pc does: min(size, 3 GiB) at 0, the rest from 4 GiB. Lazily committed, so large sizes are cheap.</summary>
sealed class PcRam : IDisposable
{
    public List<GuestRam> Blocks { get; } = [];
    public GuestPhysicalMemory Memory { get; }

    public PcRam(ulong size)
    {
        ulong low = Math.Min(size, 3 * BootImages.GiB);
        Blocks.Add(new GuestRam(0, low));
        if (size > low) Blocks.Add(new GuestRam(4 * BootImages.GiB, size - low));
        Memory = new GuestPhysicalMemory(Blocks);
    }

    public Span<byte> Span(ulong address, int length) => Memory.Span(address, length);

    public void Dispose()
    {
        foreach (var b in Blocks) b.Dispose();
    }
}
