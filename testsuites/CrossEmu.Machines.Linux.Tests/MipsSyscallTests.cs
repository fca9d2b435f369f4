using CrossEmu.Frontends.Mips;
using CrossEmu.Machines.Linux.Syscalls;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>The o32 register convention and the MIPS struct layouts, in both byte orders.</summary>
[TestClass]
public sealed unsafe class MipsSyscallTests
{
    static uint S(uint offset) => MipsProcessFixture.Scratch + offset;

    static string TempFile(byte[] contents)
    {
        string path = Path.Combine(Path.GetTempPath(), $"crossemu-mips-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, contents);
        return path;
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void ArgumentsFiveToEightComeFromTheStack(bool bigEndian)
    {
        using var f = new MipsProcessFixture(bigEndian);
        f.Prepare(4090, 1, 2, 3, 4, 5, 6, 7, 8);
        var c = new SyscallContext(f.Process);
        f.Abi.ReadSyscall(f.Cpu, c);
        Assert.AreEqual(4090, c.Number);
        CollectionAssert.AreEqual(new uint[] { 1, 2, 3, 4, 5, 6, 7, 8 }, c.Args);
        Assert.AreEqual(5u, f.U32(f.Cpu->R[MipsCpuState.Sp] + 16), "the fifth argument sits at sp+16");
    }

    [TestMethod]
    public void IndirectSyscallShiftsTheArguments()
    {
        using var f = new MipsProcessFixture(false);
        f.Prepare(4000, 4004, 1, S(0), 3, 9);
        var c = new SyscallContext(f.Process);
        f.Abi.ReadSyscall(f.Cpu, c);
        Assert.AreEqual(4004, c.Number, "syscall(__NR_write, ...)");
        CollectionAssert.AreEqual(new uint[] { 1, S(0), 3, 9 }, c.Args[..4]);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void SuccessClearsA3AndFailureSetsItWithAPositiveMipsErrno(bool bigEndian)
    {
        using var f = new MipsProcessFixture(bigEndian);
        Assert.AreEqual(Environment.ProcessId, f.Call("getpid"));
        Assert.AreEqual(0u, f.Cpu->R[MipsCpuState.A3]);
        Assert.AreEqual(-9, f.Call("close", 0xffffffff), "EBADF");
        Assert.AreEqual(1u, f.Cpu->R[MipsCpuState.A3]);
        Assert.AreEqual(9u, f.Cpu->R[MipsCpuState.V0], "v0 holds the positive errno");
        Assert.AreEqual(-89, f.Call(4999), "ENOSYS is 89 on MIPS");
        string dir = Path.Combine(Path.GetTempPath(), $"crossemu-mips-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(dir, "x"));
        try { Assert.AreEqual(-93, f.Call("rmdir", f.PutString(0, dir)), "ENOTEMPTY is 93 on MIPS"); }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void LargeResultsAreNotErrors()
    {
        using var f = new MipsProcessFixture(false);
        f.Abi.WriteSyscallResult(f.Cpu, 0xfffff000);
        Assert.AreEqual(0xfffff000u, f.Cpu->R[MipsCpuState.V0]);
        Assert.AreEqual(0u, f.Cpu->R[MipsCpuState.A3]);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void PipeReturnsBothDescriptorsInV0AndV1(bool bigEndian)
    {
        using var f = new MipsProcessFixture(bigEndian);
        long read = f.Call("pipe");
        uint write = f.Cpu->R[MipsCpuState.V1];
        Assert.IsTrue(read > 2 && write > 2 && write != read);
        f.Memory.WriteUnchecked(S(0), "hi"u8.ToArray());
        Assert.AreEqual(2, f.Call("write", write, S(0), 2));
        Assert.AreEqual(2, f.Call("read", (uint)read, S(0x10), 2));
        CollectionAssert.AreEqual("hi"u8.ToArray(), f.Read(S(0x10), 2));
        f.Call("close", (uint)read); f.Call("close", write);
    }

    [TestMethod]
    public void SetThreadAreaSetsUserLocal()
    {
        using var f = new MipsProcessFixture(false);
        Assert.AreEqual(0, f.Call("set_thread_area", 0x12347000));
        Assert.AreEqual(0x12347000u, f.Cpu->UserLocal);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void SysmipsAtomicSetSwaps(bool bigEndian)
    {
        using var f = new MipsProcessFixture(bigEndian);
        f.WriteU32(S(0x40), 0x11223344);
        Assert.AreEqual(0x11223344, f.Call("sysmips", 2001, S(0x40), 5));
        Assert.AreEqual(5u, f.U32(S(0x40)));
        Assert.AreEqual(0, f.Call("sysmips", 3 /* FLUSH_CACHE */));
        Assert.AreEqual(0, f.Call("cacheflush", 0x400000, 4096, 3));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Mmap2TakesFdAndPageOffsetFromTheStack(bool bigEndian)
    {
        var contents = new byte[8192];
        contents[4096] = 0xab; contents[4097] = 0xcd;
        string path = TempFile(contents);
        using var f = new MipsProcessFixture(bigEndian);
        try
        {
            long fd = f.Call("open", f.PutString(0, path), 0, 0);
            Assert.IsTrue(fd >= 0, $"open: {fd}");
            long at = f.Call("mmap2", 0, 4096, 1 /* PROT_READ */, 2 /* MAP_PRIVATE */, (uint)fd, 1);
            Assert.IsTrue(at > 0 && at < 0x80000000, $"mmap2: {at}");
            CollectionAssert.AreEqual(new byte[] { 0xab, 0xcd }, f.Read((uint)at, 2));
            long old = f.Call("mmap", 0, 4096, 1, 2, (uint)fd, 4096);
            CollectionAssert.AreEqual(new byte[] { 0xab, 0xcd }, f.Read((uint)old, 2), "the old mmap takes a byte offset");
            long anon = f.Call("mmap2", 0, 4096, 3, 0x802 /* MAP_PRIVATE|MAP_ANONYMOUS */, 0xffffffff, 0);
            Assert.AreEqual(0, f.Read((uint)anon, 1)[0]);
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Fstat64UsesTheO32Layout(bool bigEndian)
    {
        string path = TempFile("hello"u8.ToArray());
        using var f = new MipsProcessFixture(bigEndian);
        try
        {
            // O_CREAT is 0x100 on MIPS: opening an existing file with it must still work, O_APPEND is 0x8.
            long fd = f.Call("open", f.PutString(0, path), 0x1 | 0x100 | 0x8, 0x1a4);
            Assert.IsTrue(fd >= 0, $"open: {fd}");
            Assert.AreEqual(0, f.Call("fstat64", (uint)fd, S(0x100)));
            uint st = S(0x100);
            Assert.AreEqual(5ul, f.U64(st + 56), "st_size at 56");
            Assert.AreEqual(0x81a4u & 0xf000, f.U32(st + 24) & 0xf000, "st_mode at 24: a regular file");
            Assert.AreEqual(1u, f.U32(st + 28), "st_nlink at 28");
            ulong ino = f.U64(st + 16);
            Assert.AreNotEqual(0ul, ino, "st_ino (64-bit) at 16");
            Assert.IsTrue(f.U32(st + 88) >= 512, "st_blksize at 88");
            Assert.AreEqual(0u, f.U32(st + 4), "st_pad0 stays zero");
            Assert.IsTrue(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - f.U32(st + 72)) < 120, "st_mtime at 72");
            long flags = f.Call("fcntl64", (uint)fd, 3 /* F_GETFL */);
            Assert.AreEqual(0x9, flags & 0xff, "O_WRONLY|O_APPEND in MIPS bits");
            f.Call("close", (uint)fd);
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Statfs64UsesTheO32Layout(bool bigEndian)
    {
        using var f = new MipsProcessFixture(bigEndian);
        uint path = f.PutString(0, "/");
        Assert.AreEqual(-22, f.Call("statfs64", path, 88, S(0x100)), "only sizeof(struct statfs64) = 96");
        Assert.AreEqual(0, f.Call("statfs64", path, 96, S(0x100)));
        uint b = S(0x100);
        Assert.AreNotEqual(0u, f.U32(b + 0), "f_type");
        Assert.IsTrue(f.U32(b + 4) >= 512, "f_bsize at 4");
        Assert.IsTrue(f.U32(b + 8) >= 512, "f_frsize at 8");
        ulong blocks = f.U64(b + 16), free = f.U64(b + 24), avail = f.U64(b + 48);
        Assert.IsTrue(blocks > 0 && free <= blocks && avail <= free, $"f_blocks {blocks} f_bfree {free} f_bavail {avail} at 16, 24, 48");
        Assert.IsTrue(f.U32(b + 64) is > 0 and <= 4096, "f_namelen at 64");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void FcntlGetlkUsesMipsNumbersAndTheLongFlock(bool bigEndian)
    {
        string path = TempFile(new byte[16]);
        using var f = new MipsProcessFixture(bigEndian);
        try
        {
            long fd = f.Call("open", f.PutString(0, path), 2 /* O_RDWR */, 0);
            var flock = new byte[36];
            flock[bigEndian ? 1 : 0] = 1; // l_type = F_WRLCK
            f.Memory.WriteUnchecked(S(0x100), flock);
            Assert.AreEqual(0, f.Call("fcntl64", (uint)fd, 14 /* F_GETLK */, S(0x100)));
            Assert.AreEqual((ushort)2, f.U16(S(0x100)), "no conflicting lock: l_type = F_UNLCK");
            Assert.AreEqual(0, f.Call("fcntl64", (uint)fd, 6 /* F_SETLK */, S(0x100)), "unlocking is fine");
            Assert.AreEqual(-22, f.Call("fcntl64", (uint)fd, 5), "5 is not F_GETLK on MIPS");
            f.Call("close", (uint)fd);
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void GetrlimitReportsMipsInfinity(bool bigEndian)
    {
        using var f = new MipsProcessFixture(bigEndian);
        f.WriteU32(S(0), 0x7fffffff); f.WriteU32(S(4), 0x7fffffff);
        Assert.AreEqual(0, f.Call("setrlimit", 0 /* RLIMIT_CPU */, S(0)));
        Assert.AreEqual(0, f.Call("getrlimit", 0, S(0x10)));
        Assert.AreEqual(0x7fffffffu, f.U32(S(0x10)));
        Assert.AreEqual(0, f.Call("prlimit64", 0, 0, 0, S(0x20)));
        Assert.AreEqual(ulong.MaxValue, f.U64(S(0x20)), "prlimit64 speaks 64-bit RLIM_INFINITY");
        Assert.AreEqual(0, f.Call("getrlimit", 5 /* RLIMIT_NOFILE on MIPS */, S(0x30)));
        Assert.IsTrue(f.U32(S(0x30)) >= 3 && f.U32(S(0x30)) < 0x7fffffff, "the host's open-file limit");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void UnameSaysMips(bool bigEndian)
    {
        using var f = new MipsProcessFixture(bigEndian);
        Assert.AreEqual(0, f.Call("uname", S(0)));
        Assert.AreEqual("mips", System.Text.Encoding.ASCII.GetString(f.Read(S(4 * 65), 5)).TrimEnd('\0'));
    }
}
