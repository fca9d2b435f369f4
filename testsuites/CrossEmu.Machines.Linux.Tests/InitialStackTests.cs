using System.Text;
using CrossEmu.Machines.Linux.Arm;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Startup;
using CrossEmu.Machines.Linux.Tests.Support;
using static CrossEmu.Machines.Linux.Startup.AuxvType;

namespace CrossEmu.Machines.Linux.Tests;

[TestClass]
public sealed class InitialStackTests
{
    sealed record StackImage(uint Sp, string[] Argv, string[] Envp, Dictionary<uint, uint> Auxv, int AuxvCount);

    static string CString(ArmProcessFixture f, uint address) =>
        f.Memory.TryReadCString(address) ?? throw new AssertFailedException($"no string at 0x{address:x}");

    static StackImage ReadBack(ArmProcessFixture f, uint sp)
    {
        uint p = sp;
        uint argc = f.U32(p); p += 4;
        var argv = new string[argc];
        for (int i = 0; i < argc; i++, p += 4) argv[i] = CString(f, f.U32(p));
        Assert.AreEqual(0u, f.U32(p), "argv ends with NULL"); p += 4;
        var envp = new List<string>();
        for (; f.U32(p) != 0; p += 4) envp.Add(CString(f, f.U32(p)));
        p += 4;
        var auxv = new Dictionary<uint, uint>();
        int count = 0;
        for (; ; p += 8)
        {
            uint type = f.U32(p), value = f.U32(p + 4);
            count++;
            if (type == AT_NULL) break;
            Assert.IsFalse(auxv.ContainsKey(type), $"auxv type {type} twice");
            auxv[type] = value;
        }
        return new StackImage(sp, argv, envp.ToArray(), auxv, count);
    }

    static (ArmProcessFixture, ProcessStart, StackImage) LoadTextAndData(ushort type = 2)
    {
        var f = new ArmProcessFixture();
        var elf = ElfFile.Parse(ElfBuilder.TextAndData(type: type), "/work/prog");
        var start = ProgramLoader.Load(f.Process, elf, ["prog", "first arg", ""], ["HOME=/root", "LANG=C"], "/work/prog");
        return (f, start, ReadBack(f, start.StackPointer));
    }

    [TestMethod]
    public void TheProcessKeepsTheAuxvItWasGiven()
    {
        var (f, _, image) = LoadTextAndData();
        using var fixture = f;
        var bytes = f.Process.AuxiliaryVector;
        Assert.HasCount(image.AuxvCount * 8, bytes, "every pair, AT_NULL included");
        var pairs = Enumerable.Range(0, bytes.Length / 8).Select(i =>
            (Type: BitConverter.ToUInt32(bytes, 8 * i), Value: BitConverter.ToUInt32(bytes, 8 * i + 4))).ToList();
        Assert.AreEqual((AT_NULL, 0u), pairs[^1]);
        foreach (var (type, value) in pairs.SkipLast(1)) Assert.AreEqual(image.Auxv[type], value, $"auxv type {type}");
        Assert.AreEqual(image.Auxv[AT_ENTRY], pairs.Single(p => p.Type == AT_ENTRY).Value);
    }

    [TestMethod]
    public void ArgvAndEnvpAreLaidOutInOrder()
    {
        var (f, start, image) = LoadTextAndData();
        using var _ = f;
        CollectionAssert.AreEqual(new[] { "prog", "first arg", "" }, image.Argv);
        CollectionAssert.AreEqual(new[] { "HOME=/root", "LANG=C" }, image.Envp);
        Assert.AreEqual(0u, start.StackPointer % 16, "sp is 16-byte aligned");
        var layout = f.Process.Abi.Layout;
        Assert.IsTrue(start.StackPointer < layout.StackTop && start.StackPointer > layout.StackBottom);
    }

    [TestMethod]
    public void AuxvDescribesTheProgram()
    {
        var (f, start, image) = LoadTextAndData();
        using var _ = f;
        var a = image.Auxv;
        Assert.AreEqual(0x10000u + 52, a[AT_PHDR], "program headers follow the ELF header in the first segment");
        Assert.AreEqual(32u, a[AT_PHENT]);
        Assert.AreEqual(3u, a[AT_PHNUM], "two PT_LOAD and PT_GNU_STACK");
        Assert.AreEqual(4096u, a[AT_PAGESZ]);
        Assert.AreEqual(0u, a[AT_BASE], "no interpreter");
        Assert.AreEqual(0u, a[AT_FLAGS]);
        Assert.AreEqual(0x10100u, a[AT_ENTRY]);
        Assert.AreEqual(0u, a[AT_SECURE]);
        Assert.AreEqual(100u, a[AT_CLKTCK]);
        Assert.AreEqual(0u, a[AT_HWCAP2]);
        Assert.AreEqual(ArmEabi.Instance.HwCap, a[AT_HWCAP]);
        Assert.AreEqual(0u, a[AT_HWCAP] & ArmEabi.HWCAP_THUMB, "no Thumb: we cannot run it");
        Assert.AreEqual(0u, a[AT_HWCAP] & (ArmEabi.HWCAP_VFP | ArmEabi.HWCAP_NEON));
        Assert.AreNotEqual(0u, a[AT_HWCAP] & ArmEabi.HWCAP_TLS, "TLS register: glibc reads it through the kuser helper");
        Assert.AreEqual("v7l", CString(f, a[AT_PLATFORM]));
        Assert.AreEqual("/work/prog", CString(f, a[AT_EXECFN]));
        foreach (var t in new[] { AT_UID, AT_EUID, AT_GID, AT_EGID }) Assert.IsTrue(a.ContainsKey(t), $"AT type {t}");
        Assert.AreEqual(0u, a[AT_RANDOM] % 16);
        Assert.IsTrue(f.Read(a[AT_RANDOM], 16).Any(b => b != 0), "16 random bytes");
        Assert.IsTrue(a[AT_RANDOM] > start.StackPointer && a[AT_EXECFN] > a[AT_RANDOM], "strings above the tables");
    }

    [TestMethod]
    public void StaticPieAuxvPointsAtTheBiasedImage()
    {
        var (f, start, image) = LoadTextAndData(type: 3);
        using var _ = f;
        uint bias = start.Program.Bias;
        Assert.AreNotEqual(0u, bias);
        Assert.AreEqual(0x10100u + bias, image.Auxv[AT_ENTRY]);
        Assert.AreEqual(0x10000u + 52 + bias, image.Auxv[AT_PHDR]);
        CollectionAssert.AreEqual(Encoding.ASCII.GetBytes("\x7f" + "ELF"), f.Read(image.Auxv[AT_PHDR] - 52, 4));
    }

    [TestMethod]
    public void StackIsMappedReadWriteWithAGuardBelow()
    {
        var (f, _, _) = LoadTextAndData();
        using var __ = f;
        var layout = f.Process.Abi.Layout;
        Assert.AreEqual(Isa.Memory.PagePermissions.ReadWrite, f.Memory.PermissionsAt(layout.StackBottom), "PT_GNU_STACK is RW");
        Assert.AreEqual(Isa.Memory.PagePermissions.ReadWrite, f.Memory.PermissionsAt(layout.StackTop - 1));
        Assert.AreEqual(Isa.Memory.PagePermissions.None, f.Memory.PermissionsAt(layout.StackBottom - 1));
        Assert.IsFalse(f.Process.AddressSpace.IsFree(layout.StackBottom - 4096, 4096), "mmap must not take the guard page");
    }
}
