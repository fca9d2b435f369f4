using System.Text;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>File mappings that really map the file (shared ones write through, private ones copy on
/// write), madvise(MADV_DONTNEED) and msync.</summary>
[TestClass]
public sealed class FileMappingTests
{
    const uint PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20;
    const uint O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, MADV_DONTNEED = 4, MS_ASYNC = 1, MS_SYNC = 4;
    const uint NoFd = unchecked((uint)-1);
    const int EACCES = 13, ENODEV = 19, EINVAL = 22, ENOMEM = 12;

    static uint Mmap(ArmProcessFixture f, uint addr, uint length, uint prot, uint flags, uint fd = NoFd, uint pageOffset = 0) =>
        (uint)f.Call("mmap2", addr, length, prot, flags, fd, pageOffset);

    static string TempFile(int pages, char fill)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, new string(fill, pages * 4096));
        return path;
    }

    static string Text(ArmProcessFixture f, uint address, int length) => Encoding.ASCII.GetString(f.Read(address, length));

    static byte[] FileBytes(string path, int offset, int length)
    {
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var b = new byte[length];
        s.Position = offset;
        s.ReadExactly(b);
        return b;
    }

    [TestMethod]
    public void SharedMappingWritesThroughToTheFileAndSeesItsWrites()
    {
        var path = TempFile(2, 'a');
        try
        {
            using var f = new ArmProcessFixture();
            int fd = f.Call("open", f.PutString(0, path), O_RDWR, 0);
            uint a = Mmap(f, 0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, (uint)fd);
            Assert.IsTrue(f.Memory.TryWrite(a + 4096 + 10, "shared"u8), "guest store");
            CollectionAssert.AreEqual("shared"u8.ToArray(), FileBytes(path, 4096 + 10, 6), "the file has it");

            using (var s = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) { s.Position = 20; s.Write("FILE"u8); }
            Assert.AreEqual("FILE", Text(f, a + 20, 4), "the mapping sees write()");
            Assert.AreEqual(0, f.Call("msync", a, 2 * 4096, MS_SYNC));

            // Unmapped, the pages are anonymous again: a new mapping there is zero and private.
            Assert.AreEqual(0, f.Call("munmap", a, 2 * 4096));
            Assert.AreEqual(a, Mmap(f, a, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED));
            Assert.IsTrue(f.Read(a, 2 * 4096).All(b => b == 0));
            Assert.IsTrue(f.Memory.TryWrite(a + 20, "anon"u8));
            CollectionAssert.AreEqual("FILE"u8.ToArray(), FileBytes(path, 20, 4), "the file no longer follows");
            f.Call("close", (uint)fd);
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    public void PrivateMappingCopiesOnWriteAndDontneedRevertsToTheFile()
    {
        var path = TempFile(2, 'b');
        try
        {
            using var f = new ArmProcessFixture();
            int fd = f.Call("open", f.PutString(0, path), O_RDONLY, 0);
            uint a = Mmap(f, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, (uint)fd, pageOffset: 1);
            Assert.AreEqual("bbbb", Text(f, a, 4));
            Assert.IsTrue(f.Memory.TryWrite(a, "mine"u8));
            Assert.AreEqual("mine", Text(f, a, 4));
            CollectionAssert.AreEqual("bbbb"u8.ToArray(), FileBytes(path, 4096, 4), "the file is untouched");

            Assert.AreEqual(0, f.Call("madvise", a, 4096, MADV_DONTNEED));
            Assert.AreEqual("bbbb", Text(f, a, 4), "private file pages read as the file again");
            Assert.AreEqual(PagePermissions.ReadWrite, f.Memory.PermissionsAt(a), "permissions stay");
            f.Call("close", (uint)fd);
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    public void DontneedZeroesPrivateAnonymousPagesAndChecksTheRange()
    {
        using var f = new ArmProcessFixture();
        uint a = Mmap(f, 0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
        f.Memory.WriteUnchecked(a, [1, 2, 3]);
        f.Memory.WriteUnchecked(a + 4096, [4]);
        Assert.AreEqual(0, f.Call("madvise", a, 4096, MADV_DONTNEED));
        Assert.AreEqual(0, f.Read(a, 1)[0], "reads zero afterwards");
        Assert.AreEqual(4, f.Read(a + 4096, 1)[0], "the next page is kept");
        Assert.AreEqual(-EINVAL, f.Call("madvise", a + 1, 4096, MADV_DONTNEED), "unaligned");
        Assert.AreEqual(-EINVAL, f.Call("madvise", a, 4096, 7), "unknown advice");
        Assert.AreEqual(-ENOMEM, f.Call("madvise", 0x50000000, 4096, MADV_DONTNEED), "unmapped");
        Assert.AreEqual(-EINVAL, f.Call("msync", a, 4096, MS_SYNC | MS_ASYNC));
        Assert.AreEqual(-ENOMEM, f.Call("msync", 0x50000000, 4096, MS_ASYNC));
    }

    [TestMethod]
    public void AccessRulesOfFileMappings()
    {
        var path = TempFile(1, 'c');
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            using var f = new ArmProcessFixture();
            int ro = f.Call("open", f.PutString(0, path), O_RDONLY, 0);
            int wo = f.Call("open", f.PutString(0, path), O_WRONLY, 0);
            int d = f.Call("open", f.PutString(0, dir), O_RDONLY, 0);
            Assert.AreEqual(-EACCES, (int)Mmap(f, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, (uint)ro), "shared writable needs O_RDWR");
            Assert.AreEqual(-EACCES, (int)Mmap(f, 0, 4096, PROT_READ, MAP_PRIVATE, (uint)wo), "mapping needs read access");
            Assert.AreEqual(-ENODEV, (int)Mmap(f, 0, 4096, PROT_READ, MAP_PRIVATE, (uint)d), "directories cannot be mapped");

            uint a = Mmap(f, 0, 3 * 4096, PROT_READ, MAP_SHARED, (uint)ro);
            Assert.AreEqual("cc", Text(f, a + 4094, 2));
            Assert.AreEqual(0, f.Read(a + 4096, 1)[0], "past the end of the file");
            Assert.AreEqual(-EACCES, f.Call("mprotect", a, 4096, PROT_READ | PROT_WRITE), "shared and read-only for good");
            Assert.AreEqual(0, f.Call("mprotect", a, 4096, PROT_READ));
            Assert.AreEqual(0, f.Call("munmap", a, 3 * 4096));
            uint b = Mmap(f, a, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);
            Assert.AreEqual(0, f.Call("mprotect", b, 4096, PROT_READ | PROT_WRITE), "a new mapping there may be writable");
            foreach (var fd in new[] { ro, wo, d }) f.Call("close", (uint)fd);
        }
        finally
        {
            File.Delete(path);
            Directory.Delete(dir);
        }
    }
}
