using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>brk and the mmap family: addresses, permissions, contents and the page bookkeeping.</summary>
[TestClass]
public sealed class MemorySyscallTests
{
    const uint PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    const uint MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_FIXED_NOREPLACE = 0x100000;
    const uint MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2;
    const uint NoFd = unchecked((uint)-1);
    const int ENOMEM = 12, EEXIST = 17, EINVAL = 22, EFAULT = 14;

    static uint Mmap(ArmProcessFixture f, uint addr, uint length, uint prot, uint flags, uint fd = NoFd, uint pageOffset = 0) =>
        (uint)f.Call("mmap2", addr, length, prot, flags, fd, pageOffset);

    [TestMethod]
    public void AnonymousMappingIsZeroedReadWriteAndBelowTheStack()
    {
        using var f = new ArmProcessFixture();
        uint a = Mmap(f, 0, 3 * 4096 + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
        Assert.AreEqual(0u, a % 4096);
        Assert.IsTrue(a < f.Process.Abi.Layout.StackBottom && a >= f.Process.Abi.Layout.MmapBottom, $"0x{a:x}");
        for (uint p = 0; p < 4; p++) Assert.AreEqual(PagePermissions.ReadWrite, f.Memory.PermissionsAt(a + p * 4096), $"page {p}");
        Assert.AreEqual(PagePermissions.None, f.Memory.PermissionsAt(a + 4 * 4096));
        Assert.IsTrue(f.Read(a, 4 * 4096).All(b => b == 0));
        uint b2 = Mmap(f, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
        Assert.AreEqual(a - 4096, b2, "top-down allocation");
        Assert.AreEqual(PagePermissions.Read, f.Memory.PermissionsAt(b2));
    }

    [TestMethod]
    public void MunmapRemovesPagesAndAllowsReuse()
    {
        using var f = new ArmProcessFixture();
        uint a = Mmap(f, 0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
        f.Memory.WriteUnchecked(a, [42]);
        Assert.AreEqual(0, f.Call("munmap", a, 2 * 4096));
        Assert.AreEqual(PagePermissions.None, f.Memory.PermissionsAt(a));
        Assert.IsTrue(f.Process.AddressSpace.IsFree(a, 2 * 4096));
        uint again = Mmap(f, 0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
        Assert.AreEqual(a, again);
        Assert.AreEqual(0, f.Read(again, 1)[0], "fresh pages read as zero");
        Assert.AreEqual(-EINVAL, f.Call("munmap", a + 1, 4096));
    }

    [TestMethod]
    public void FixedAndNoReplace()
    {
        using var f = new ArmProcessFixture();
        uint at = 0x30000000;
        Assert.AreEqual(at, Mmap(f, at, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED));
        f.Memory.WriteUnchecked(at, [7]);
        Assert.AreEqual(-EEXIST, (int)Mmap(f, at, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE));
        Assert.AreEqual(at + 4096, Mmap(f, at + 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED));
        Assert.AreEqual(7, f.Read(at, 1)[0], "the page not replaced keeps its contents");
        Assert.AreEqual(PagePermissions.Read, f.Memory.PermissionsAt(at + 4096));
        Assert.AreEqual(-EINVAL, (int)Mmap(f, at + 1, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED));
        Assert.AreEqual(-EINVAL, (int)Mmap(f, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS));
        Assert.AreEqual(-EINVAL, (int)Mmap(f, 0, 4096, PROT_READ, MAP_ANONYMOUS), "neither shared nor private");
        uint hinted = Mmap(f, 0x31000000, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
        Assert.AreEqual(0x31000000u, hinted, "a free hint is honoured");
    }

    [TestMethod]
    public void FileMappingReadsTheFileFromTheOffset()
    {
        var path = Path.GetTempFileName();
        try
        {
            var data = new byte[3 * 4096 + 100];
            for (int i = 0; i < data.Length; i++) data[i] = (byte)(i / 4096 + 1);
            File.WriteAllBytes(path, data);
            using var f = new ArmProcessFixture();
            int fd = f.Call("open", f.PutString(0, path), 0, 0);
            uint a = Mmap(f, 0, 3 * 4096, PROT_READ, MAP_SHARED, (uint)fd, pageOffset: 1);
            Assert.AreEqual(0u, a % 4096, $"mmap2: {(int)a}");
            Assert.AreEqual(2, f.Read(a, 1)[0], "page 1 of the file");
            Assert.AreEqual(4, f.Read(a + 2 * 4096, 1)[0]);
            Assert.AreEqual(0, f.Read(a + 2 * 4096 + 100, 1)[0], "past the end of the file");
            Assert.AreEqual(PagePermissions.Read, f.Memory.PermissionsAt(a));
            Assert.IsFalse(f.Memory.TryWrite(a, [0]));
            f.Call("close", (uint)fd);
            Assert.AreEqual(-9 /* EBADF */, (int)Mmap(f, 0, 4096, PROT_READ, MAP_PRIVATE, 999));
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    public void MprotectChangesPermissionsOfMappedPagesOnly()
    {
        using var f = new ArmProcessFixture();
        uint a = Mmap(f, 0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
        Assert.AreEqual(0, f.Call("mprotect", a + 4096, 4096, PROT_READ | PROT_EXEC));
        Assert.AreEqual(PagePermissions.ReadWrite, f.Memory.PermissionsAt(a));
        Assert.AreEqual(PagePermissions.Read | PagePermissions.Execute, f.Memory.PermissionsAt(a + 4096));
        Assert.AreEqual(0, f.Call("mprotect", a, 4096, 0));
        Assert.AreEqual(PagePermissions.None, f.Memory.PermissionsAt(a));
        Assert.IsFalse(f.Process.AddressSpace.IsFree(a, 4096), "PROT_NONE pages stay mapped");
        Assert.AreEqual(-ENOMEM, f.Call("mprotect", 0x50000000, 4096, PROT_READ));
        Assert.AreEqual(-EINVAL, f.Call("mprotect", a + 1, 4096, PROT_READ));
    }

    [TestMethod]
    public void MremapShrinksGrowsInPlaceAndMoves()
    {
        using var f = new ArmProcessFixture();
        uint a = 0x30000000;
        Assert.AreEqual(a, Mmap(f, a, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED));
        f.Memory.WriteUnchecked(a, [1, 2, 3]);
        Assert.AreEqual((int)a, f.Call("mremap", a, 4 * 4096, 2 * 4096, 0));
        Assert.AreEqual(PagePermissions.None, f.Memory.PermissionsAt(a + 2 * 4096), "tail removed");
        Assert.AreEqual((int)a, f.Call("mremap", a, 2 * 4096, 3 * 4096, 0), "grows into free pages in place");
        Assert.AreEqual(PagePermissions.ReadWrite, f.Memory.PermissionsAt(a + 2 * 4096));

        Assert.AreEqual(a + 3 * 4096, Mmap(f, a + 3 * 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED));
        Assert.AreEqual(-ENOMEM, f.Call("mremap", a, 3 * 4096, 5 * 4096, 0), "blocked and not allowed to move");
        uint moved = (uint)f.Call("mremap", a, 3 * 4096, 5 * 4096, MREMAP_MAYMOVE);
        Assert.AreNotEqual(a, moved);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, f.Read(moved, 3), "contents move along");
        Assert.AreEqual(PagePermissions.ReadWrite, f.Memory.PermissionsAt(moved + 4 * 4096));
        Assert.AreEqual(PagePermissions.None, f.Memory.PermissionsAt(a), "old place unmapped");
        Assert.IsTrue(f.Process.AddressSpace.IsFree(a, 3 * 4096));

        uint target = 0x32000000;
        Assert.AreEqual((int)target, f.Call("mremap", moved, 5 * 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, target));
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, f.Read(target, 3));
        Assert.AreEqual(-EFAULT, f.Call("mremap", 0x50000000, 4096, 8192, MREMAP_MAYMOVE), "not a mapping");
    }

    [TestMethod]
    public void BrkGrowsAndShrinks()
    {
        using var f = new ArmProcessFixture();
        var space = f.Process.AddressSpace;
        space.InitBrk(0x00200000);
        Assert.AreEqual(0x200000, f.Call("brk", 0));
        Assert.AreEqual(0x201234, f.Call("brk", 0x201234));
        Assert.AreEqual(PagePermissions.ReadWrite, f.Memory.PermissionsAt(0x201fff));
        Assert.AreEqual(PagePermissions.None, f.Memory.PermissionsAt(0x202000));
        f.Memory.WriteUnchecked(0x201000, [9]);
        Assert.AreEqual(0x200800, f.Call("brk", 0x200800));
        Assert.AreEqual(PagePermissions.None, f.Memory.PermissionsAt(0x201000), "shrunk");
        Assert.AreEqual(0x202000, f.Call("brk", 0x202000));
        Assert.AreEqual(0, f.Read(0x201000, 1)[0], "regrown pages are zero");
        Assert.AreEqual(0x202000, f.Call("brk", 0x100000), "below the start: unchanged");
        Assert.AreEqual(0x30000000u, Mmap(f, 0x30000000, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED));
        space.InitBrk(0x2fffe000);
        Assert.AreEqual(0x2fffe000, f.Call("brk", 0x30001000), "cannot grow over a mapping");
    }

    [TestMethod]
    public void MadviseAndFriendsSucceed()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(0, f.Call("madvise", ArmProcessFixture.Scratch, 4096, 4));
        Assert.AreEqual(0, f.Call("msync", ArmProcessFixture.Scratch, 4096, 4));
    }
}
