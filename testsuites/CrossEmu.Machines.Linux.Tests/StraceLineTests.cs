using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>Whole -strace lines of real syscalls, which must read the same from every ABI.</summary>
[TestClass]
public sealed class StraceLineTests
{
    const uint AT_FDCWD = unchecked((uint)-100);

    static string TempPath() => Path.Combine(Path.GetTempPath(), $"ce-strace-{Guid.NewGuid():N}"[..24]);

    /// <summary>O_RDONLY|O_LARGEFILE and O_CREAT|O_WRONLY in each ABI's numbers.</summary>
    static (uint ReadLarge, uint CreateWrite) OpenFlags(string abi) => abi == "arm" ? (0x20000u, 0x41u) : (0x2000u, 0x101u);

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mipsel")]
    [DataRow("mips")]
    public void OpenOfAMissingFileNamesTheError(string abi)
    {
        using var g = StraceGuest.Of(abi);
        string missing = TempPath();
        long r = g.Call("openat", AT_FDCWD, g.PutString(0, missing), OpenFlags(abi).ReadLarge, 0);
        Assert.AreEqual(-2, r);
        Assert.AreEqual($"openat(AT_FDCWD,\"{missing}\",O_RDONLY|O_LARGEFILE) = -1 ENOENT (No such file or directory)", g.LastLine());
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mipsel")]
    [DataRow("mips")]
    public void CreateWriteAndStat(string abi)
    {
        using var g = StraceGuest.Of(abi);
        string path = TempPath();
        try
        {
            uint name = g.PutString(0, path);
            long fd = g.Call("openat", AT_FDCWD, name, OpenFlags(abi).CreateWrite, 0x1a4 /* 0644 */);
            Assert.IsTrue(fd > 2, $"openat: {fd}");
            Assert.AreEqual($"openat(AT_FDCWD,\"{path}\",O_WRONLY|O_CREAT,0644) = {fd}", g.LastLine());
            File.SetUnixFileMode(path, (UnixFileMode)0x1a4);

            g.Call("write", (uint)fd, g.PutString(0x200, "hello\n"), 6);
            Assert.AreEqual($"write({fd},\"hello\\n\",6) = 6", g.LastLine());

            g.Call("fstat64", (uint)fd, StraceGuest.Scratch + 0x400);
            Assert.AreEqual($"fstat64({fd},{{st_mode=S_IFREG|0644, st_size=6, ...}}) = 0", g.LastLine());

            g.Call("close", (uint)fd);
            Assert.AreEqual($"close({fd}) = 0", g.LastLine());
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void ReadShowsWhatItReadAfterTheCall(string abi)
    {
        using var g = StraceGuest.Of(abi);
        uint fds = StraceGuest.Scratch + 0x100;
        Assert.AreEqual(0, g.Call("pipe2", fds, 0));
        uint readEnd = g.Process.Memory.TryReadU32(fds, g.BigEndian, out uint r) ? r : 0;
        uint writeEnd = g.Process.Memory.TryReadU32(fds + 4, g.BigEndian, out uint w) ? w : 0;
        Assert.AreEqual($"pipe2([{readEnd}, {writeEnd}],0) = 0", g.LastLine());
        g.Call("write", writeEnd, g.PutString(0x200, "hi\u0001"), 3);
        g.Call("read", readEnd, StraceGuest.Scratch + 0x300, 16);
        Assert.AreEqual($"read({readEnd},\"hi\\1\",16) = 3", g.LastLine());
        g.Call("close", readEnd);
        g.Call("close", writeEnd);
    }

    [TestMethod]
    [DataRow("arm", 0x800u, "0x801")]
    [DataRow("mips", 0x80u, "0x81")]
    public void FcntlFlagsGoInAndComeBackByName(string abi, uint nonblock, string hex)
    {
        using var g = StraceGuest.Of(abi);
        uint fds = StraceGuest.Scratch + 0x100;
        Assert.AreEqual(0, g.Call("pipe2", fds, 0));
        Assert.IsTrue(g.Memory.TryReadU32(fds + 4, g.BigEndian, out uint w));
        g.Call("fcntl64", w, 4 /* F_SETFL */, nonblock);
        Assert.AreEqual($"fcntl64({w},F_SETFL,O_RDONLY|O_NONBLOCK) = 0", g.LastLine());
        g.Call("fcntl64", w, 3 /* F_GETFL */);
        Assert.AreEqual($"fcntl64({w},F_GETFL) = {hex} (flags O_WRONLY|O_NONBLOCK)", g.LastLine());
        g.Call("close", w);
        Assert.IsTrue(g.Memory.TryReadU32(fds, g.BigEndian, out uint r));
        g.Call("close", r);
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void PollShowsWhatBecameReady(string abi)
    {
        using var g = StraceGuest.Of(abi);
        uint fds = StraceGuest.Scratch + 0x100;
        Assert.AreEqual(0, g.Call("pipe2", fds, 0));
        Assert.IsTrue(g.Memory.TryReadU32(fds, g.BigEndian, out uint r));
        Assert.IsTrue(g.Memory.TryReadU32(fds + 4, g.BigEndian, out uint w));
        const uint POLLIN = 1;
        uint pollfd = g.PutWords(0x200, r, g.BigEndian ? POLLIN << 16 : POLLIN);
        g.Call("poll", pollfd, 1, 0);
        Assert.AreEqual($"poll([{{fd={r}, events=POLLIN}}],1,0) = 0 (Timeout)", g.LastLine());
        g.Call("write", w, g.PutString(0x300, "x"), 1);
        g.Call("poll", pollfd, 1, 0);
        Assert.AreEqual($"poll([{{fd={r}, events=POLLIN}}],1,0) = 1 ([{{fd={r}, revents=POLLIN}}])", g.LastLine());
        g.Call("close", r);
        g.Call("close", w);
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mipsel")]
    [DataRow("mips")]
    public void ErrorsUseTheSymbolicNameWhateverTheAbisNumber(string abi)
    {
        using var g = StraceGuest.Of(abi);
        string dir = TempPath();
        Directory.CreateDirectory(Path.Combine(dir, "x"));
        try
        {
            long r = g.Call("rmdir", g.PutString(0, dir));
            Assert.AreEqual(abi == "arm" ? -39 : -93, r, "ENOTEMPTY");
            Assert.AreEqual($"rmdir(\"{dir}\") = -1 ENOTEMPTY (Directory not empty)", g.LastLine());
        }
        finally { Directory.Delete(dir, true); }
        g.Call("close", uint.MaxValue);
        Assert.AreEqual("close(-1) = -1 EBADF (Bad file descriptor)", g.LastLine());
    }

    [TestMethod]
    [DataRow("arm", 0xf0fffu)]
    [DataRow("mipsel", 4999u)]
    public void UnimplementedCallsStillGetALine(string abi, uint unknownNumber)
    {
        using var g = StraceGuest.Of(abi);
        Assert.IsNull(g.Process.Abi.Syscalls.Entries.First(e => e.Name == "rseq").Implementation, "rseq is expected to be unimplemented");
        g.Call("rseq", 0, 0, 0, 0);
        Assert.AreEqual("rseq(...) = -1 ENOSYS (Function not implemented)", g.LastLine());
        g.CallNumber((int)unknownNumber);
        Assert.AreEqual($"syscall_{unknownNumber}(...) = -1 ENOSYS (Function not implemented)", g.LastLine());
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void AddressesAndMappingsInHex(string abi)
    {
        using var g = StraceGuest.Of(abi);
        long brk = g.Call("brk", 0);
        Assert.AreEqual($"brk(NULL) = 0x{(uint)brk:x}", g.LastLine());
        uint anonymous = abi == "arm" ? 0x22u : 0x802u;
        long map = g.Call("mmap2", 0, 8192, 3, anonymous, uint.MaxValue, 0);
        Assert.AreEqual($"mmap2(NULL,8192,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0) = 0x{(uint)map:x}", g.LastLine());
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void SleepsShowTheirTimespec(string abi)
    {
        using var g = StraceGuest.Of(abi);
        g.Call("nanosleep", g.PutWords(0, 0, 1000), 0);
        Assert.AreEqual("nanosleep({tv_sec=0, tv_nsec=1000},NULL) = 0", g.LastLine());
    }

    [TestMethod]
    [DataRow("arm", 10u)]
    [DataRow("mips", 16u)]
    public void SigactionAndKillNameTheSignal(string abi, uint sigusr1)
    {
        using var g = StraceGuest.Of(abi);
        uint size = (uint)g.Process.Abi.Structs.SigsetSize;
        g.Call("rt_sigaction", sigusr1, 0, StraceGuest.Scratch + 0x100, size);
        StringAssert.StartsWith(g.LastLine(), "rt_sigaction(SIGUSR1,NULL,{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0");
        StringAssert.EndsWith(g.LastLine(), $",{size}) = 0");
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mipsel")]
    public void ExitGroupIsLoggedBeforeTheProcessEnds(string abi)
    {
        using var g = StraceGuest.Of(abi);
        g.Call("exit_group", 3);
        CollectionAssert.AreEqual(new[] { $"{g.Process.Pid} exit_group(3) = ?", $"{g.Process.Pid} +++ exited with 3 +++" }, g.LogLines[^2..]);
        Assert.AreEqual(3, g.Process.ExitCode);
    }

    [TestMethod]
    [DataRow("arm", 7, 10)]
    [DataRow("mips", 10, 16)]
    public void SignalsAndDeathAreShownLikeStrace(string abi, int sigbus, int sigusr1)
    {
        using var g = StraceGuest.Of(abi);
        CrossEmu.Machines.Linux.Strace.ProcessEventTrace.Signal(g.Process, new(sigbus, 1, 0x1001));
        Assert.AreEqual("--- SIGBUS {si_signo=SIGBUS, si_code=BUS_ADRALN, si_addr=0x1001} ---", g.LastLine());
        CrossEmu.Machines.Linux.Strace.ProcessEventTrace.Signal(g.Process, new(sigusr1, -6, Pid: 77, Uid: 5));
        Assert.AreEqual("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=77, si_uid=5} ---", g.LastLine());
        g.Process.TerminateBySignal(11);
        Assert.AreEqual("+++ killed by SIGSEGV +++", g.LastLine());
        Assert.AreEqual(139, g.Process.ExitCode);
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void NothingIsLoggedWithoutStrace(string abi)
    {
        using var g = StraceGuest.Of(abi, strace: false);
        g.Call("getpid");
        g.Call("close", uint.MaxValue);
        Assert.AreEqual(0, g.LogLines.Length);
    }
}
