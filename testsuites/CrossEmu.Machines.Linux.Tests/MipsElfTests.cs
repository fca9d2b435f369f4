using CrossEmu.Guests;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Mips;
using CrossEmu.Machines.Linux.Startup;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>MIPS ELF files: both byte orders accepted, everything but o32 refused with one line, the process image.</summary>
[TestClass]
public sealed unsafe class MipsElfTests
{
    const ushort EM_MIPS = 8;
    const uint O32R2 = 0x70001007; // mips32r2, o32, noreorder|pic|cpic, as Debian's gcc writes it

    static byte[] Program(bool bigEndian, uint flags = O32R2, ushort type = 2) => ElfBuilder.Build(
    [
        new TestSegment(0x400100, [0x24, 0x02, 0x0f, 0xa1, 0x00, 0x00, 0x00, 0x0c], 8, ElfBuilder.PfR | ElfBuilder.PfX),
        new TestSegment(0x410000, [1, 2, 3, 4], 0x2000, ElfBuilder.PfR | ElfBuilder.PfW),
    ], entry: 0x400100, machine: EM_MIPS, type: type, bigEndian: bigEndian, flags: flags);

    static string ErrorOf(byte[] bytes)
    {
        var e = Assert.ThrowsExactly<GuestLoadException>(() => LinuxGuests.ForElf(GuestIsas.Registry, ElfFile.Parse(bytes, "prog")));
        Assert.IsFalse(e.Message.Contains('\n'), "one line");
        return e.Message;
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void O32IsAcceptedInBothByteOrders(bool bigEndian)
    {
        var elf = ElfFile.Parse(Program(bigEndian), "prog");
        Assert.AreEqual(bigEndian, elf.BigEndian);
        Assert.AreEqual(0x400100u, elf.Entry, "header fields read in the file's byte order");
        var abi = LinuxGuests.ForElf(GuestIsas.Registry, elf).LinuxAbi;
        Assert.AreSame(bigEndian ? MipsO32.Big : MipsO32.Little, abi);
        Assert.AreEqual(bigEndian, abi.BigEndian);
    }

    [TestMethod]
    public void OldO32WithoutAbiFieldIsAccepted() =>
        Assert.AreSame(MipsO32.Little, LinuxGuests.ForElf(GuestIsas.Registry, ElfFile.Parse(Program(false, 0x50000007), "p")).LinuxAbi);

    [TestMethod]
    [DataRow(0x70001407u, "NaN2008")]
    [DataRow(0x70001027u, "n32")]
    [DataRow(0x70002007u, "o64")]
    [DataRow(0x70003007u, "EABI")]
    [DataRow(0x70001207u, "FP64")]
    [DataRow(0x90001407u, "NaN2008")]
    [DataRow(0x90001007u, "Release 6")]
    public void OtherMipsAbisAreRefused(uint flags, string why)
    {
        foreach (bool be in new[] { false, true }) StringAssert.Contains(ErrorOf(Program(be, flags)), why);
    }

    [TestMethod]
    public void Elf64IsRefused()
    {
        var bytes = Program(true);
        bytes[4] = 2;
        StringAssert.Contains(ErrorOf(bytes), "ELF64 not supported");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void TruncatedFilesAreRefused(bool bigEndian)
    {
        StringAssert.Contains(ErrorOf(Program(bigEndian)[..40]), "truncated ELF");
        StringAssert.Contains(ErrorOf(Program(bigEndian)[..60]), "truncated ELF");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void ProcessImageHasAnAlignedStackAndTheSigreturnPage(bool bigEndian)
    {
        using var f = new MipsProcessFixture(bigEndian);
        var start = ProgramLoader.Load(f.Process, ElfFile.Parse(Program(bigEndian), "/tmp/prog"), ["/tmp/prog", "a"], ["X=1"], "/tmp/prog");
        Assert.AreEqual(0x400100u, start.Entry);
        uint sp = start.StackPointer;
        Assert.AreEqual(0u, sp % 16, "o32 wants at least 8-byte alignment; Linux gives 16");
        Assert.IsTrue(sp < 0x7fff0000 && sp > 0x7f000000, $"sp 0x{sp:x8} at the top of the 2 GiB user space");
        Assert.AreEqual(2u, f.U32(sp), "argc in guest byte order");
        var auxv = new Dictionary<uint, uint>();
        uint p = sp + 4 + 3 * 4 + 2 * 4; // argc, argv[2] + NULL, envp[1] + NULL
        for (; f.U32(p) != AuxvType.AT_NULL; p += 8) auxv[f.U32(p)] = f.U32(p + 4);
        Assert.AreEqual(4096u, auxv[AuxvType.AT_PAGESZ]);
        Assert.AreEqual(0u, auxv[AuxvType.AT_HWCAP]);
        Assert.IsFalse(auxv.ContainsKey(AuxvType.AT_PLATFORM), "no AT_PLATFORM, like Linux and qemu-mips on MIPS32");
        Assert.IsTrue(auxv.ContainsKey(AuxvType.AT_RANDOM));
        Assert.AreEqual(0x400100u, auxv[AuxvType.AT_ENTRY]);

        Assert.AreEqual(PagePermissions.Read | PagePermissions.Execute, f.Memory.PermissionsAt(MipsSigreturnPage.Address));
        Assert.AreEqual(0x24021061u, f.U32(MipsSigreturnPage.RtSigreturnCode), "li v0, 4193");
        Assert.AreEqual(0x0000000cu, f.U32(MipsSigreturnPage.RtSigreturnCode + 4), "syscall");
        Assert.AreEqual(0x24021017u, f.U32(MipsSigreturnPage.SigreturnCode), "li v0, 4119");
    }

    [TestMethod]
    public void InitialRegistersAreOnlyPcAndSp()
    {
        using var f = new MipsProcessFixture(false);
        f.Cpu->R[2] = 77;
        NativeClear(f);
        f.Abi.InitCpu(f.Cpu, 0x400100, 0x7ffe0000);
        Assert.AreEqual(0x400100u, f.Cpu->Header.Pc);
        Assert.AreEqual(0x7ffe0000u, f.Cpu->R[29]);
        Assert.AreEqual(0u, f.Cpu->R[2], "v0 = 0: no rtld_fini for _start to register");
    }

    static unsafe void NativeClear(MipsProcessFixture f) =>
        System.Runtime.InteropServices.NativeMemory.Clear(f.Cpu, (nuint)sizeof(CrossEmu.Frontends.Mips.MipsCpuState));

    [TestMethod]
    public void MmapStaysBelowTwoGigabytes()
    {
        using var f = new MipsProcessFixture(false);
        Assert.AreEqual(-12, f.Call("mmap2", 0x80000000, 4096, 3, 0x812 /* PRIVATE|FIXED|ANON */, 0xffffffff, 0), "ENOMEM");
        long hinted = f.Call("mmap2", 0x7ffff000, 0x10000, 3, 0x802, 0xffffffff, 0);
        Assert.IsTrue(hinted > 0 && hinted + 0x10000 <= 0x80000000, $"0x{hinted:x}: a hint past the end is not taken");
    }
}
