using System.Text;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>File syscalls against guest memory, with the host as the real file system.</summary>
[TestClass]
public sealed class FileSyscallTests
{
    const uint AT_FDCWD = unchecked((uint)-100);
    // ARM's values of the four O_* flags that differ from x86-64.
    const uint ArmODirectory = 0x4000, ArmONofollow = 0x8000, ArmOLargefile = 0x20000;
    const int ENOENT = 2, EBADF = 9, EFAULT = 14, ENOTDIR = 20, ELOOP = 40, ERANGE = 34;

    static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "crossemu-fs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    [TestMethod]
    public void WriteAndReadThroughAPipe()
    {
        using var f = new ArmProcessFixture();
        uint fds = ArmProcessFixture.Scratch;
        Assert.AreEqual(0, f.Call("pipe2", fds, 0));
        uint readFd = f.U32(fds), writeFd = f.U32(fds + 4);
        Assert.AreNotEqual(readFd, writeFd);
        uint message = f.PutString(0x100, "through the pipe");
        Assert.AreEqual(16, f.Call("write", writeFd, message, 16));
        Assert.AreEqual(16, f.Call("read", readFd, ArmProcessFixture.Scratch + 0x200, 100));
        Assert.AreEqual("through the pipe", Encoding.ASCII.GetString(f.Read(ArmProcessFixture.Scratch + 0x200, 16)));
        Assert.AreEqual(0, f.Call("close", readFd));
        Assert.AreEqual(0, f.Call("close", writeFd));
        Assert.AreEqual(-EBADF, f.Call("close", writeFd));
    }

    [TestMethod]
    [DataRow("/proc/self/auxv")]
    [DataRow("/proc/self/cmdline")]
    [DataRow("/proc/PID/cmdline")]
    public void ProcSelfFilesDescribeTheGuestNotTheEmulator(string path)
    {
        using var f = new ArmProcessFixture();
        f.Process.AuxiliaryVector = [6, 0, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];   // AT_PAGESZ 4096, AT_NULL
        f.Process.Arguments = ["/bin/guest", "-x", "arg"];
        byte[] expected = path.EndsWith("auxv", StringComparison.Ordinal) ? f.Process.AuxiliaryVector : Encoding.ASCII.GetBytes("/bin/guest\0-x\0arg\0");
        uint name = f.PutString(0, path.Replace("PID", f.Process.Pid.ToString()));
        long fd = f.Call("openat", AT_FDCWD, name, ArmOLargefile, 0);
        Assert.IsGreaterThanOrEqualTo(0, fd, $"open gave {fd}");
        uint buffer = ArmProcessFixture.Scratch + 0x400;
        Assert.AreEqual(expected.Length, f.Call("read", (uint)fd, buffer, 1000));
        CollectionAssert.AreEqual(expected, f.Read(buffer, expected.Length));
        Assert.AreEqual(0, f.Call("read", (uint)fd, buffer, 1000), "then the end of the file");
        Assert.AreEqual(0, f.Call("close", (uint)fd));
        Assert.AreEqual(-13, f.Call("openat", AT_FDCWD, name, 1 /* O_WRONLY */, 0), "read-only: EACCES, as an unprivileged process gets");
    }

    [TestMethod]
    public void ProcSelfMapsListsTheGuestsMappings()
    {
        using var f = new ArmProcessFixture();
        var space = f.Process.AddressSpace;
        const Linux.Memory.Protection R = Linux.Memory.Protection.Read, W = Linux.Memory.Protection.Write, X = Linux.Memory.Protection.Exec;
        space.MapFresh(0x00400000, 0x3000, R | X);
        space.MapFresh(0x00403000, 0x1000, R | W);
        space.InitBrk(0x00404000);
        space.SetBrk(0x00406000);
        var layout = space.Layout;
        space.MapFresh(layout.StackBottom, layout.StackSize, R | W);

        var lines = Linux.ProcSelfFiles.Maps(space).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.Contains(lines, "00100000-00110000 rw-p 00000000 00:00 0", "the fixture's scratch window");
        CollectionAssert.Contains(lines, "00400000-00403000 r-xp 00000000 00:00 0");
        CollectionAssert.Contains(lines, "00403000-00404000 rw-p 00000000 00:00 0", "the data ends where the heap starts");
        CollectionAssert.Contains(lines, "00404000-00406000 rw-p 00000000 00:00 0          [heap]");
        CollectionAssert.Contains(lines, $"{layout.StackBottom:x8}-{layout.StackTop:x8} rw-p 00000000 00:00 0          [stack]");
        Assert.IsTrue(lines.All(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^[0-9a-f]{8}-[0-9a-f]{8} [r-][w-][x-]p ")), string.Join("\n", lines));
    }

    [TestMethod]
    public void ReadIntoUnmappedMemoryIsEfault()
    {
        using var f = new ArmProcessFixture();
        uint fds = ArmProcessFixture.Scratch;
        Assert.AreEqual(0, f.Call("pipe", fds));
        Assert.AreEqual(-EFAULT, f.Call("read", f.U32(fds), 0x00900000, 10));
        Assert.AreEqual(-EFAULT, f.Call("write", f.U32(fds + 4), 0x00900000, 10));
        f.Call("close", f.U32(fds)); f.Call("close", f.U32(fds + 4));
    }

    [TestMethod]
    public void WritevGathersAndReadvScatters()
    {
        using var f = new ArmProcessFixture();
        uint s = ArmProcessFixture.Scratch;
        Assert.AreEqual(0, f.Call("pipe", s));
        uint r = f.U32(s), w = f.U32(s + 4);
        f.PutString(0x100, "abc"); f.PutString(0x110, "defgh");
        // struct iovec { void *base; size_t len; } x 2, ARM: 8 bytes each.
        f.Memory.WriteUnchecked(s + 0x40, [.. BitConverter.GetBytes(s + 0x100), .. BitConverter.GetBytes(3u),
            .. BitConverter.GetBytes(s + 0x110), .. BitConverter.GetBytes(5u)]);
        Assert.AreEqual(8, f.Call("writev", w, s + 0x40, 2));
        f.Memory.WriteUnchecked(s + 0x60, [.. BitConverter.GetBytes(s + 0x200), .. BitConverter.GetBytes(2u),
            .. BitConverter.GetBytes(s + 0x300), .. BitConverter.GetBytes(10u)]);
        Assert.AreEqual(8, f.Call("readv", r, s + 0x60, 2));
        Assert.AreEqual("ab", Encoding.ASCII.GetString(f.Read(s + 0x200, 2)));
        Assert.AreEqual("cdefgh", Encoding.ASCII.GetString(f.Read(s + 0x300, 6)));
        f.Call("close", r); f.Call("close", w);
    }

    [TestMethod]
    public void Fstat64FillsTheArmLayout()
    {
        var dir = TempDir();
        try
        {
            var path = Path.Combine(dir, "file");
            File.WriteAllBytes(path, new byte[12345]);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            using var f = new ArmProcessFixture();
            int fd = f.Call("openat", AT_FDCWD, f.PutString(0, path), ArmOLargefile, 0);
            Assert.IsTrue(fd >= 0, $"openat: {fd}");
            uint st = ArmProcessFixture.Scratch + 0x1000;
            Assert.AreEqual(0, f.Call("fstat64", (uint)fd, st));
            Assert.AreEqual(12345ul, f.U64(st + 48), "st_size at 48");
            Assert.AreEqual(0x81a0u, f.U32(st + 16), "st_mode at 16: S_IFREG | 0640");
            Assert.AreEqual(1u, f.U32(st + 20), "st_nlink at 20");
            ulong ino = f.U64(st + 96);
            Assert.AreNotEqual(0ul, ino, "st_ino at 96");
            Assert.AreEqual((uint)ino, f.U32(st + 12), "__st_ino at 12");
            uint blksize = f.U32(st + 56);
            Assert.IsTrue(blksize >= 512 && (blksize & (blksize - 1)) == 0, $"st_blksize at 56: {blksize}");
            Assert.IsTrue(f.U64(st + 64) >= 24, "st_blocks (512-byte units) covers 12345 bytes");
            long mtime = new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeSeconds();
            Assert.AreEqual((uint)mtime, f.U32(st + 80), "st_mtime at 80");
            Assert.AreEqual(0, f.Call("close", (uint)fd));

            uint st2 = ArmProcessFixture.Scratch + 0x2000;
            Assert.AreEqual(0, f.Call("stat64", f.PutString(0, path), st2));
            CollectionAssert.AreEqual(f.Read(st, 104), f.Read(st2, 104), "stat64 agrees with fstat64");
            Assert.AreEqual(-ENOENT, f.Call("stat64", f.PutString(0, path + ".missing"), st2));
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void Lstat64SeesTheLinkItself()
    {
        var dir = TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, "target"), "x");
            File.CreateSymbolicLink(Path.Combine(dir, "link"), "target");
            using var f = new ArmProcessFixture();
            uint st = ArmProcessFixture.Scratch + 0x1000;
            Assert.AreEqual(0, f.Call("lstat64", f.PutString(0, Path.Combine(dir, "link")), st));
            Assert.AreEqual(0xa000u, f.U32(st + 16) & 0xf000, "S_IFLNK");
            Assert.AreEqual(0, f.Call("fstatat64", AT_FDCWD, f.PutString(0, Path.Combine(dir, "link")), st, 0));
            Assert.AreEqual(0x8000u, f.U32(st + 16) & 0xf000, "followed: S_IFREG");
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void ArmODirectoryIsTranslated()
    {
        var dir = TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, "plain"), "x");
            using var f = new ArmProcessFixture();
            // Untranslated, ARM's O_DIRECTORY (040000) would be x86-64's O_DIRECT and both opens would succeed.
            Assert.AreEqual(-ENOTDIR, f.Call("open", f.PutString(0, Path.Combine(dir, "plain")), ArmODirectory, 0));
            int fd = f.Call("open", f.PutString(0, dir), ArmODirectory, 0);
            Assert.IsTrue(fd >= 0);
            f.Call("close", (uint)fd);
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void ArmONofollowIsTranslated()
    {
        var dir = TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, "target"), "x");
            File.CreateSymbolicLink(Path.Combine(dir, "link"), "target");
            using var f = new ArmProcessFixture();
            // Untranslated, ARM's O_NOFOLLOW (0100000) would be x86-64's O_LARGEFILE and the open would succeed.
            Assert.AreEqual(-ELOOP, f.Call("open", f.PutString(0, Path.Combine(dir, "link")), ArmONofollow, 0));
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void FcntlGetflReportsGuestFlags()
    {
        using var f = new ArmProcessFixture();
        int fd = f.Call("open", f.PutString(0, "/dev/null"), 0x2 /* O_RDWR */ | 0x800 /* O_NONBLOCK */, 0);
        Assert.IsTrue(fd >= 0);
        int flags = f.Call("fcntl64", (uint)fd, 3 /* F_GETFL */);
        Assert.AreEqual(0x802, flags & 0x803);
        Assert.AreEqual(0, flags & 0x8000, "x86-64's O_LARGEFILE bit is not leaked as ARM's O_NOFOLLOW");
        Assert.AreEqual(0, f.Call("fcntl64", (uint)fd, 2 /* F_SETFD */, 1));
        Assert.AreEqual(1, f.Call("fcntl64", (uint)fd, 1 /* F_GETFD */));
        int dup = f.Call("fcntl64", (uint)fd, 1030 /* F_DUPFD_CLOEXEC */, 100);
        Assert.IsTrue(dup >= 100);
        Assert.AreEqual(1, f.Call("fcntl64", (uint)dup, 1));
        f.Call("close", (uint)dup); f.Call("close", (uint)fd);
    }

    [TestMethod]
    public void GetDents64ListsTheDirectory()
    {
        var dir = TempDir();
        try
        {
            foreach (var file in new[] { "alpha", "beta", "gamma" }) File.WriteAllText(Path.Combine(dir, file), file);
            using var f = new ArmProcessFixture();
            int fd = f.Call("openat", AT_FDCWD, f.PutString(0, dir), ArmODirectory, 0);
            Assert.IsTrue(fd >= 0);
            uint buf = ArmProcessFixture.Scratch + 0x1000;
            var names = new List<string>();
            int n;
            while ((n = f.Call("getdents64", (uint)fd, buf, 0x1000)) > 0)
            {
                for (uint o = 0; o < n;)
                {
                    ushort reclen = BitConverter.ToUInt16(f.Read(buf + o + 16, 2));
                    byte type = f.Read(buf + o + 18, 1)[0];
                    string name = f.Memory.TryReadCString(buf + o + 19)!;
                    Assert.AreNotEqual(0ul, f.U64(buf + o), "d_ino");
                    if (!name.StartsWith('.')) Assert.AreEqual(8, type, $"{name}: DT_REG");
                    names.Add(name);
                    o += reclen;
                }
            }
            Assert.AreEqual(0, n);
            names.Sort(StringComparer.Ordinal);
            CollectionAssert.AreEqual(new[] { ".", "..", "alpha", "beta", "gamma" }, names);
            f.Call("close", (uint)fd);
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void LseekAndLlseek()
    {
        using var f = new ArmProcessFixture();
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[1000]);
            int fd = f.Call("open", f.PutString(0, path), 0, 0);
            Assert.AreEqual(1000, f.Call("lseek", (uint)fd, 0, 2 /* SEEK_END */));
            uint result = ArmProcessFixture.Scratch + 0x800;
            Assert.AreEqual(0, f.Call("_llseek", (uint)fd, 1 /* high */, 5 /* low */, result, 0 /* SEEK_SET */));
            Assert.AreEqual(0x100000005ul, f.U64(result));
            f.Call("close", (uint)fd);
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    public void ReadlinkOfProcSelfExeIsTheGuestProgram()
    {
        using var f = new ArmProcessFixture(exePath: "/opt/guest/bin/tool");
        uint buf = ArmProcessFixture.Scratch + 0x400;
        int n = f.Call("readlink", f.PutString(0, "/proc/self/exe"), buf, 256);
        Assert.AreEqual("/opt/guest/bin/tool", Encoding.UTF8.GetString(f.Read(buf, n)));
        n = f.Call("readlinkat", AT_FDCWD, f.PutString(0, "/proc/self/exe"), buf, 4);
        Assert.AreEqual("/opt", Encoding.UTF8.GetString(f.Read(buf, n)), "truncated to the buffer, no NUL");
    }

    [TestMethod]
    public void GetcwdReturnsLengthWithNul()
    {
        using var f = new ArmProcessFixture();
        uint buf = ArmProcessFixture.Scratch + 0x400;
        string cwd = Directory.GetCurrentDirectory();
        Assert.AreEqual(Encoding.UTF8.GetByteCount(cwd) + 1, f.Call("getcwd", buf, 4096));
        Assert.AreEqual(cwd, f.Memory.TryReadCString(buf));
        Assert.AreEqual(-ERANGE, f.Call("getcwd", buf, 2));
    }

    [TestMethod]
    public void MkdirRenameUnlinkRmdir()
    {
        var dir = TempDir();
        try
        {
            using var f = new ArmProcessFixture();
            string a = Path.Combine(dir, "a"), b = Path.Combine(dir, "b");
            Assert.AreEqual(0, f.Call("mkdir", f.PutString(0, a), 0x1ed));
            Assert.IsTrue(Directory.Exists(a));
            Assert.AreEqual(0, f.Call("rename", f.PutString(0, a), f.PutString(0x800, b)));
            Assert.IsTrue(Directory.Exists(b) && !Directory.Exists(a));
            Assert.AreEqual(0, f.Call("rmdir", f.PutString(0, b)));
            Assert.IsFalse(Directory.Exists(b));
            File.WriteAllText(a, "x");
            Assert.AreEqual(0, f.Call("access", f.PutString(0, a), 4 /* R_OK */));
            Assert.AreEqual(0, f.Call("unlink", f.PutString(0, a)));
            Assert.AreEqual(-ENOENT, f.Call("access", f.PutString(0, a), 0));
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void Sendfile64CopiesAndAdvancesTheOffset()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "0123456789");
            using var f = new ArmProcessFixture();
            uint s = ArmProcessFixture.Scratch;
            int fd = f.Call("open", f.PutString(0, path), 0, 0);
            Assert.AreEqual(0, f.Call("pipe", s + 0x100));
            uint r = f.U32(s + 0x100), w = f.U32(s + 0x104);
            f.Memory.WriteUnchecked(s + 0x200, BitConverter.GetBytes(3ul));
            Assert.AreEqual(4, f.Call("sendfile64", w, (uint)fd, s + 0x200, 4));
            Assert.AreEqual(7ul, f.U64(s + 0x200), "offset advanced");
            Assert.AreEqual(4, f.Call("read", r, s + 0x300, 16));
            Assert.AreEqual("3456", Encoding.ASCII.GetString(f.Read(s + 0x300, 4)));
            foreach (var x in new[] { r, w, (uint)fd }) f.Call("close", x);
        }
        finally { File.Delete(path); }
    }
}
