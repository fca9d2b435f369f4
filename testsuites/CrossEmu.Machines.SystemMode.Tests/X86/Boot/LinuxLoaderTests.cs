using CrossEmu.Frontends.X86.Boot;
using CrossEmu.Machines.SystemMode.X86.Boot;
using static CrossEmu.Machines.SystemMode.Tests.X86.Boot.BootImages;

namespace CrossEmu.Machines.SystemMode.Tests.X86.Boot;

[TestClass]
public sealed class LinuxLoaderTests
{
    const string CommandLine = "console=ttyS0 virtio_mmio.device=512@0xfeb00000:16";

    static byte[] InitrdBytes(int size)
    {
        var b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte)(i * 13 + 1);
        return b;
    }

    [TestMethod]
    public void ZeroPageHoldsTheSetupHeaderAndTheLoadersFields()
    {
        using var ram = new PcRam(64 * MiB);
        var file = MakeBzImage(initrdAddrMax: 0x7FFFFFFF);
        var kernel = BzImage.Parse(file, "vmlinuz");
        var initrd = InitrdBytes(0x1800);
        var layout = LinuxLoader.Load(ram.Memory, kernel, CommandLine, 1, Initrd.FromBytes("initrd", initrd));
        var zp = ram.Span(0x7000, 4096).ToArray();

        // the setup header as the file has it, except the fields the loader fills in
        var loaderFields = new HashSet<int>();
        foreach (var (offset, size) in new[] { (0x1FA, 2), (0x210, 1), (0x211, 1), (0x218, 4), (0x21C, 4), (0x224, 2), (0x228, 4) })
            for (int i = 0; i < size; i++) loaderFields.Add(offset + i);
        for (int i = 0x1F1; i < 0x26C; i++)
            if (!loaderFields.Contains(i)) Assert.AreEqual(file[i], zp[i], $"setup header byte 0x{i:x}");
        Assert.AreEqual((byte)0xFF, zp[0x210], "type_of_loader");
        Assert.AreEqual((byte)(0x01 | 0x80), zp[0x211], "loadflags: LOADED_HIGH | CAN_USE_HEAP");
        Assert.AreEqual((ushort)0xFC00, U16(zp, 0x224), "heap_end_ptr");
        Assert.AreEqual((ushort)0xFFFF, U16(zp, 0x1FA), "vid_mode");
        Assert.AreEqual(0x20000u, U32(zp, 0x228), "cmd_line_ptr");
        Assert.AreEqual(0u, U32(zp, 0xC8), "ext_cmd_line_ptr");
        Assert.AreEqual((uint)layout.InitrdAddress, U32(zp, 0x218), "ramdisk_image");
        Assert.AreEqual(0x1800u, U32(zp, 0x21C), "ramdisk_size");
        Assert.AreEqual(0u, U32(zp, 0xC0), "ext_ramdisk_image");
        Assert.AreEqual(0u, U32(zp, 0xC4), "ext_ramdisk_size");
        Assert.AreEqual((uint)((64 * MiB - MiB) / 1024), U32(zp, 0x1E0), "alt_mem_k");
        for (int i = 0; i < 0x1F1; i++)
            if (i is not (0x1E0 or 0x1E1 or 0x1E8)) Assert.AreEqual((byte)0, zp[i], $"boot_params byte 0x{i:x} before the header");

        Assert.AreEqual((byte)3, zp[0x1E8], "e820_entries");
        (ulong, ulong, uint)[] expected = [(0, 0x9FC00, 1), (0x9FC00, 0x100000 - 0x9FC00, 2), (0x100000, 63 * MiB, 1)];
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], (U64(zp, 0x2D0 + 20 * i), U64(zp, 0x2D0 + 20 * i + 8), U32(zp, 0x2D0 + 20 * i + 16)), $"e820 entry {i}");
        Assert.AreEqual(0ul, U64(zp, 0x2D0 + 20 * 3), "nothing after the last entry");
    }

    [TestMethod]
    public void KernelCommandLineAndInitrdAreCopied()
    {
        using var ram = new PcRam(64 * MiB);
        var kernel = BzImage.Parse(MakeBzImage(pmSize: 0x5000), "vmlinuz");
        var initrd = InitrdBytes(0x2345);
        var layout = LinuxLoader.Load(ram.Memory, kernel, CommandLine, 1, Initrd.FromBytes("initrd", initrd));
        CollectionAssert.AreEqual(kernel.ProtectedModeKernel.ToArray(), ram.Span(0x100000, 0x5000).ToArray());
        CollectionAssert.AreEqual(global::System.Text.Encoding.ASCII.GetBytes(CommandLine + "\0"), ram.Span(0x20000, CommandLine.Length + 1).ToArray());
        Assert.AreEqual(0ul, layout.InitrdAddress % 4096, "page-aligned");
        Assert.AreEqual(64 * MiB - 0x3000, layout.InitrdAddress, "as high as RAM allows");
        CollectionAssert.AreEqual(initrd, ram.Span(layout.InitrdAddress, initrd.Length).ToArray());
        Assert.IsGreaterThanOrEqualTo(layout.KernelEnd, layout.InitrdAddress, "above the kernel");
    }

    [TestMethod]
    public void InitrdStaysBelowInitrdAddrMax()
    {
        using var ram = new PcRam(256 * MiB);
        var kernel = BzImage.Parse(MakeBzImage(initrdAddrMax: 0x5FFFFFF), "vmlinuz");
        var layout = LinuxLoader.Load(ram.Memory, kernel, "", 1, Initrd.FromBytes("initrd", InitrdBytes(0x1000)));
        Assert.AreEqual(96 * MiB - 0x1000, layout.InitrdAddress);
    }

    [TestMethod]
    public void WithoutInitrdTheRamdiskFieldsAreZero()
    {
        using var ram = new PcRam(64 * MiB);
        var layout = LinuxLoader.Load(ram.Memory, BzImage.Parse(MakeBzImage(), "vmlinuz"), "", 1);
        Assert.AreEqual(0ul, layout.InitrdAddress);
        var zp = ram.Span(0x7000, 4096);
        Assert.AreEqual(0u, U32(zp, 0x218));
        Assert.AreEqual(0u, U32(zp, 0x21C));
        Assert.AreEqual((byte)0, ram.Span(0x20000, 1)[0], "an empty command line is one NUL");
    }

    [TestMethod]
    public void ExtFieldsCarryTheHigh32Bits()
    {
        var kernel = BzImage.Parse(MakeBzImage(), "vmlinuz");
        var page = new byte[4096];
        ZeroPage.Write(page, kernel, cmdLinePtr: 0x1_0002_0000, ramdiskImage: 0x2_3456_7000, ramdiskSize: 0x1_0000_1000,
            [new E820Entry(0, 0x9FC00, E820Type.Ram)], altMemK: 0x1_0000_0000);
        Assert.AreEqual(0x0002_0000u, U32(page, 0x228), "cmd_line_ptr");
        Assert.AreEqual(1u, U32(page, 0xC8), "ext_cmd_line_ptr");
        Assert.AreEqual(0x3456_7000u, U32(page, 0x218), "ramdisk_image");
        Assert.AreEqual(2u, U32(page, 0xC0), "ext_ramdisk_image");
        Assert.AreEqual(0x1000u, U32(page, 0x21C), "ramdisk_size");
        Assert.AreEqual(1u, U32(page, 0xC4), "ext_ramdisk_size");
        Assert.AreEqual(uint.MaxValue, U32(page, 0x1E0), "alt_mem_k saturates");
        Assert.AreEqual((byte)1, page[0x1E8]);
    }

    [TestMethod]
    public void EntryIsLongModeAtTheKernelPlus0x200()
    {
        using var ram = new PcRam(64 * MiB);
        var e = LinuxLoader.Load(ram.Memory, BzImage.Parse(MakeBzImage(), "vmlinuz"), "", 2).Entry;
        // Long64 is checked field by field in CrossEmu.Frontends.X86.Tests; here, what the loader gives it.
        Assert.AreEqual(X86EntryState.Long64(entry: 0x100200, rsi: 0x7000, cr3: 0x9000, gdtBase: 0x500, idtBase: 0x520), e);
    }

    [TestMethod]
    public void TooLittleRamForKernelAndInitrd()
    {
        using var ram = new PcRam(128 * MiB);
        var kernel = BzImage.Parse(MakeBzImage(initSize: 44 << 20, relocatable: false, prefAddress: 0x100000), "vmlinuz");
        var e = Assert.ThrowsExactly<BootImageException>(() => LinuxBootLayout.Plan(ram.Memory, kernel, "", 90 << 20));
        Assert.AreEqual("128 MiB of RAM is too small for this kernel (needs 44 MiB from 1 MiB) and initrd (90 MiB)", e.Message);
        Assert.AreEqual(0x100000ul + (44 << 20), LinuxBootLayout.Plan(ram.Memory, kernel, "", 80 << 20).KernelEnd, "80 MiB fit");
    }

    [TestMethod]
    public void TooLittleRamForKernelAlone()
    {
        using var ram = new PcRam(32 * MiB);
        var kernel = BzImage.Parse(MakeBzImage(initSize: 44 << 20, relocatable: false, prefAddress: 0x100000), "vmlinuz");
        var e = Assert.ThrowsExactly<BootImageException>(() => LinuxLoader.Load(ram.Memory, kernel, "", 1));
        Assert.AreEqual("32 MiB of RAM is too small for this kernel (needs 44 MiB from 1 MiB)", e.Message);
    }

    [TestMethod]
    public void RelocatableKernelNeedsInitSizeFromItsPreferredAddress()
    {
        // loaded at 1 MiB, a relocatable kernel decompresses at max(1 MiB aligned to 2 MiB, pref_address = 16 MiB)
        var kernel = BzImage.Parse(MakeBzImage(initSize: 32 << 20, prefAddress: 16 << 20, kernelAlignment: 2 << 20), "vmlinuz");
        Assert.AreEqual(48ul << 20, LinuxBootLayout.KernelEndFor(kernel));
        using var ram = new PcRam(40 * MiB);
        var e = Assert.ThrowsExactly<BootImageException>(() => LinuxLoader.Load(ram.Memory, kernel, "", 1));
        Assert.AreEqual("40 MiB of RAM is too small for this kernel (needs 47 MiB from 1 MiB)", e.Message);
    }

    [TestMethod]
    public void InitrdAboveInitrdAddrMaxIsReported()
    {
        using var ram = new PcRam(512 * MiB);
        var kernel = BzImage.Parse(MakeBzImage(initSize: 8 << 20, prefAddress: 16 << 20, initrdAddrMax: 0x1FFFFFF), "vmlinuz");
        var e = Assert.ThrowsExactly<BootImageException>(() => LinuxBootLayout.Plan(ram.Memory, kernel, "", 16 << 20));
        Assert.AreEqual("vmlinuz: the initrd (16 MiB) does not fit between the kernel's end at 24 MiB and its initrd_addr_max 0x1ffffff", e.Message);
    }

    [TestMethod]
    public void CommandLineLongerThanCmdlineSizeIsRefused()
    {
        using var ram = new PcRam(64 * MiB);
        var kernel = BzImage.Parse(MakeBzImage(cmdlineSize: 255), "vmlinuz");
        var e = Assert.ThrowsExactly<BootImageException>(() => LinuxLoader.Load(ram.Memory, kernel, new string('x', 256), 1));
        Assert.AreEqual("vmlinuz: the command line is 256 bytes, longer than the kernel's cmdline_size of 255", e.Message);
    }

    [TestMethod]
    public void TooManyCpusForTheMpTable()
    {
        using var ram = new PcRam(64 * MiB);
        var e = Assert.ThrowsExactly<BootImageException>(() => LinuxLoader.Load(ram.Memory, BzImage.Parse(MakeBzImage(), "vmlinuz"), "", MpTable.MaxCpus + 1));
        Assert.AreEqual($"{MpTable.MaxCpus + 1} CPUs: the x86-pc MP table describes 1 to {MpTable.MaxCpus}", e.Message);
    }

    [TestMethod]
    public void InitrdFromAFileIsCopied()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crossemu-initrd-{Guid.NewGuid():N}");
        var bytes = InitrdBytes(0x3000);
        File.WriteAllBytes(path, bytes);
        try
        {
            using var ram = new PcRam(64 * MiB);
            var layout = LinuxLoader.Load(ram.Memory, BzImage.Parse(MakeBzImage(), "vmlinuz"), "", 1, Initrd.FromFile(path));
            CollectionAssert.AreEqual(bytes, ram.Span(layout.InitrdAddress, bytes.Length).ToArray());
        }
        finally { File.Delete(path); }
        var e = Assert.ThrowsExactly<BootImageException>(() => Initrd.FromFile(path));
        Assert.AreEqual($"{path}: no such file", e.Message);
    }

    [TestMethod]
    public void DebianKernelLoads()
    {
        string path = DebianKernelPath();
        if (!File.Exists(path)) Assert.Inconclusive($"no Debian kernel at {path} (the test script fetches linux-image-6.1 amd64 there)");
        var kernel = BzImage.Load(path);
        Assert.IsGreaterThanOrEqualTo((ushort)0x020C, kernel.Version);
        Assert.AreEqual(1, kernel.XLoadFlags & 1, "XLF_KERNEL_64");
        Assert.IsTrue(kernel.Relocatable);
        Assert.AreEqual(0x1000000ul, kernel.PrefAddress, "Debian's LOAD_PHYSICAL_ADDR");
        Assert.AreEqual(0, kernel.ProtectedModeKernel.Length % 16);
        Assert.AreEqual(KernelImageKind.BzImage, KernelImage.Detect(path).Kind);

        using var ram = new PcRam(256 * MiB);
        var layout = LinuxLoader.Load(ram.Memory, kernel, "console=ttyS0", 2, Initrd.FromBytes("initrd", InitrdBytes(1 << 20)));
        Assert.AreEqual(0x100200ul, layout.Entry.Rip);
        Assert.AreEqual(255 * MiB, layout.InitrdAddress);
        Assert.IsGreaterThan(0x1000000ul + kernel.InitSize - 1, layout.KernelEnd);
        var file = File.ReadAllBytes(path);
        var zp = ram.Span(0x7000, 4096);
        Assert.AreEqual(U32(file, 0x260), U32(zp, 0x260), "init_size copied");
        Assert.AreEqual(U32(file, 0x22C), U32(zp, 0x22C), "initrd_addr_max copied");
        Assert.AreEqual((uint)(255 * MiB), U32(zp, 0x218));
        CollectionAssert.AreEqual(file[^4096..], ram.Span(0x100000 + (ulong)kernel.ProtectedModeKernel.Length - 4096, 4096).ToArray());

        using var little = new PcRam(32 * MiB);
        var small = Assert.ThrowsExactly<BootImageException>(() => LinuxLoader.Load(little.Memory, kernel, "", 1));
        StringAssert.StartsWith(small.Message, "32 MiB of RAM is too small for this kernel (needs ");
    }
}
