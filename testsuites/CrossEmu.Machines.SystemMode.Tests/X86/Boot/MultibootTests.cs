using CrossEmu.Frontends.X86.Boot;
using CrossEmu.Machines.SystemMode.X86.Boot;
using static CrossEmu.Machines.SystemMode.Tests.X86.Boot.BootImages;

namespace CrossEmu.Machines.SystemMode.Tests.X86.Boot;

[TestClass]
public sealed class MultibootTests
{
    static string ErrorOf(byte[] image)
    {
        var e = Assert.ThrowsExactly<BootImageException>(() => MultibootImage.Parse(image, "kernel.elf"));
        Assert.IsFalse(e.Message.Contains('\n'), "one line");
        return e.Message;
    }

    [TestMethod]
    public void AoutKludgeHeaderGivesOneSegment()
    {
        var image = MultibootImage.Parse(AoutKernel(loadAddr: 0x100000, size: 0x2000, bss: 0x1000), "kernel");
        Assert.AreEqual(0x40, image.HeaderOffset);
        Assert.AreEqual(0x10003u, image.Flags);
        Assert.IsFalse(image.IsElf);
        Assert.AreEqual(0x100080u, image.Entry);
        CollectionAssert.AreEqual(new[] { new MultibootSegment(0x100000, 0, 0x2000, 0x3000) }, image.Segments.ToArray());
    }

    [TestMethod]
    public void AoutKludgeKernelLoadsWithItsInformation()
    {
        using var ram = new PcRam(32 * MiB);
        var file = AoutKernel(loadAddr: 0x100000, size: 0x2000, bss: 0x1000);
        ram.Span(0x102000, 0x1000).Fill(0xCC);
        var entry = MultibootLoader.Load(ram.Memory, MultibootImage.Parse(file, "kernel"), "root=/dev/vda quiet");

        CollectionAssert.AreEqual(file, ram.Span(0x100000, 0x2000).ToArray());
        Assert.IsTrue(ram.Span(0x102000, 0x1000).IndexOfAnyExcept((byte)0) < 0, "bss cleared");

        // Protected32Flat is checked field by field in CrossEmu.Frontends.X86.Tests; here, what the loader gives it.
        Assert.AreEqual(X86EntryState.Protected32Flat(entry: 0x100080, eax: 0x2BADB002, ebx: 0x8000, gdtBase: 0x500, idtBase: 0x520), entry);

        var info = ram.Span(0x8000, 0x78);
        Assert.AreEqual(1u | 4 | 0x40 | 0x200, U32(info, 0), "flags: mem, cmdline, mmap, boot_loader_name");
        Assert.AreEqual(639u, U32(info, 4), "mem_lower");
        Assert.AreEqual(31u * 1024, U32(info, 8), "mem_upper");
        Assert.AreEqual(0u, U32(info, 20), "mods_count");
        uint cmdline = U32(info, 16);
        Assert.AreEqual("root=/dev/vda quiet\0", global::System.Text.Encoding.ASCII.GetString(ram.Span(cmdline, 20)));
        uint name = U32(info, 64);
        Assert.AreEqual("CrossEmu\0", global::System.Text.Encoding.ASCII.GetString(ram.Span(name, 9)));

        Assert.AreEqual(3u * 24, U32(info, 44), "mmap_length");
        var mmap = ram.Span(U32(info, 48), 3 * 24);
        (uint, ulong, ulong, uint)[] expected = [(20, 0, 0x9FC00, 1), (20, 0x9FC00, 0x60400, 2), (20, 0x100000, 31 * MiB, 1)];
        for (int i = 0; i < 3; i++)
            Assert.AreEqual(expected[i], (U32(mmap, 24 * i), U64(mmap, 24 * i + 4), U64(mmap, 24 * i + 12), U32(mmap, 24 * i + 20)), $"mmap entry {i}");

        Assert.AreEqual(entry.Cs, X86Segment.FromDescriptor(U64(ram.Span(0x500, 32), entry.Cs.Selector), entry.Cs.Selector), "CS matches the GDT in memory");
    }

    [TestMethod]
    public void ElfKernelLoadsAtPhysicalAddresses()
    {
        using var ram = new PcRam(32 * MiB);
        var file = ElfKernel(paddr: 0x200000, vaddr: 0xC0200000, fileSize: 0x300);
        var image = MultibootImage.Parse(file, "kernel.elf");
        Assert.IsTrue(image.IsElf);
        Assert.AreEqual(0x1000, image.HeaderOffset);
        Assert.AreEqual(0x200010u, image.Entry, "the virtual entry point translated to its physical address");
        ram.Span(0x200300, 0x800).Fill(0xCC);
        var entry = MultibootLoader.Load(ram.Memory, image, "");
        CollectionAssert.AreEqual(file[0x1000..], ram.Span(0x200000, 0x300).ToArray());
        Assert.IsTrue(ram.Span(0x200300, 0x800).IndexOfAnyExcept((byte)0) < 0, "p_memsz beyond p_filesz cleared");
        Assert.AreEqual(0x200010ul, entry.Rip);
        Assert.AreEqual((byte)0, ram.Span(U32(ram.Span(0x8000, 20), 16), 1)[0], "empty command line");
    }

    [TestMethod]
    public void HeaderMustBeInTheFirst8KiBAtA4ByteBoundary()
    {
        var late = new byte[0x3000];
        MultibootHeader(0x3).CopyTo(late, 0x2000);
        Assert.AreEqual("kernel.elf: no multiboot header (magic 0x1BADB002) in the first 8 KiB", ErrorOf(late));
        var misaligned = new byte[0x1000];
        MultibootHeader(0x3).CopyTo(misaligned, 0x102);
        Assert.AreEqual(-1, MultibootImage.FindHeader(misaligned, out _));
        var last = new byte[0x3000];
        MultibootHeader(0x3).AsSpan(0, 12).CopyTo(last.AsSpan(0x2000 - 12));
        Assert.AreEqual(0x2000 - 12, MultibootImage.FindHeader(last, out _), "a header that ends at 8 KiB is found");
    }

    [TestMethod]
    public void BadChecksumIsReported()
    {
        var image = AoutKernel();
        MultibootHeader(0x10003, checksum: 0x12345678).AsSpan(0, 12).CopyTo(image.AsSpan(0x40));
        Assert.AreEqual("kernel.elf: bad multiboot header checksum at offset 0x40 (0x12345678, magic + flags + checksum must be 0)", ErrorOf(image));
    }

    [TestMethod]
    public void VideoModeIsNotSupported() =>
        Assert.AreEqual("kernel.elf: needs a video mode (multiboot header flag 2), which is not supported", ErrorOf(AoutKernel(flags: 0x10007)));

    [TestMethod]
    public void UnknownRequirementsAreNamed() =>
        Assert.AreEqual("kernel.elf: requires multiboot features this loader does not know (header flags 0x108)", ErrorOf(AoutKernel(flags: 0x10103 | 0x8)));

    [TestMethod]
    public void NoLoadAddressesAndNotElf()
    {
        var image = new byte[0x1000];
        MultibootHeader(0x3).CopyTo(image, 0x10);
        Assert.AreEqual("kernel.elf: the multiboot header has no load addresses (flag 16) and the file is not an ELF executable", ErrorOf(image));
    }

    [TestMethod]
    public void TruncatedAoutImage()
    {
        var file = AoutKernel(size: 0x2000);
        Assert.AreEqual("kernel.elf: truncated: load_end_addr 0x102000 needs 8192 bytes of file, it has 4096", ErrorOf(file[..0x1000]));
    }

    [TestMethod]
    public void ModulesAreRefused()
    {
        using var ram = new PcRam(32 * MiB);
        var image = MultibootImage.Parse(AoutKernel(), "kernel");
        var e = Assert.ThrowsExactly<BootImageException>(() => MultibootLoader.Load(ram.Memory, image, "", Initrd.FromBytes("initrd.img", [1])));
        Assert.AreEqual("kernel: multiboot modules (-initrd initrd.img) are not supported", e.Message);
    }

    [TestMethod]
    public void KernelOverTheInformationIsRefused()
    {
        using var ram = new PcRam(32 * MiB);
        var image = MultibootImage.Parse(AoutKernel(loadAddr: 0x7000, size: 0x2000), "kernel");
        var e = Assert.ThrowsExactly<BootImageException>(() => MultibootLoader.Load(ram.Memory, image, ""));
        Assert.AreEqual("kernel: the kernel loads at 0x7000-0xa000, over the multiboot information at 0x8000", e.Message);
    }

    [TestMethod]
    public void KernelOutsideRamIsRefused()
    {
        using var ram = new PcRam(2 * MiB);
        var image = MultibootImage.Parse(AoutKernel(loadAddr: 0x200000), "kernel");
        var e = Assert.ThrowsExactly<BootImageException>(() => MultibootLoader.Load(ram.Memory, image, ""));
        Assert.AreEqual("kernel: 2 MiB of RAM is too small for this kernel (it loads 0x3000 bytes at 0x200000)", e.Message);
    }
}
