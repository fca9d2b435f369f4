using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Arm;
using CrossEmu.Machines.Linux.Mips;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>The MIPS o32 tables against the kernel's headers: syscall numbers, errno, signals, flags.</summary>
[TestClass]
public sealed class MipsAbiTableTests
{
    static readonly MipsO32 Abi = MipsO32.Little;

    static int Nr(string name) => Abi.Syscalls.Entries.First(e => e.Name == name).Number;

    [TestMethod]
    [DataRow("exit", 4001)]
    [DataRow("read", 4003)]
    [DataRow("write", 4004)]
    [DataRow("pipe", 4042)]
    [DataRow("brk", 4045)]
    [DataRow("ioctl", 4054)]
    [DataRow("mmap", 4090)]
    [DataRow("sigreturn", 4119)]
    [DataRow("cacheflush", 4147)]
    [DataRow("sysmips", 4149)]
    [DataRow("rt_sigreturn", 4193)]
    [DataRow("rt_sigaction", 4194)]
    [DataRow("mmap2", 4210)]
    [DataRow("fstat64", 4215)]
    [DataRow("exit_group", 4246)]
    [DataRow("set_thread_area", 4283)]
    [DataRow("openat", 4288)]
    [DataRow("pipe2", 4328)]
    [DataRow("prlimit64", 4338)]
    [DataRow("getrandom", 4353)]
    [DataRow("statx", 4366)]
    [DataRow("clock_gettime64", 4403)]
    [DataRow("futex_time64", 4422)]
    [DataRow("set_mempolicy_home_node", 4450)]
    public void SyscallNumbersAreTheO32Ones(string name, int number) => Assert.AreEqual(number, Nr(name));

    [TestMethod]
    public void EverySyscallArmServesIsServedOnMips()
    {
        // ARM's 16-bit-uid names have no o32 counterpart; the plain o32 names are the 32-bit calls.
        // o32 has no vfork (glibc uses clone with CLONE_VFORK there).
        var armOnly = new HashSet<string> { "ugetrlimit", "breakpoint", "set_tls", "get_tls", "usr26", "usr32", "vfork" };
        var mips = Abi.Syscalls.Entries.Where(e => e.Implementation != null).Select(e => e.Name).ToHashSet();
        var missing = ArmEabi.Instance.Syscalls.Entries
            .Where(e => e.Implementation != null && !armOnly.Contains(e.Name))
            .Select(e => e.Name.EndsWith("32") && !mips.Contains(e.Name) ? e.Name[..^2] : e.Name)
            .Where(n => !mips.Contains(n))
            .ToList();
        CollectionAssert.AreEqual(new List<string>(), missing);
    }

    [TestMethod]
    public void UidCallsAre32BitOnMips()
    {
        foreach (var (mips, arm) in new[] { (4024, 199), (4049, 201), (4202, 212), (4186, 209), (4076, 191) })
            Assert.AreEqual(ArmEabi.Instance.Syscalls.Find(arm)!.Implementation!.Handler.Method,
                Abi.Syscalls.Find(mips)!.Implementation!.Handler.Method, $"o32 {Abi.Syscalls.Find(mips)!.Name}");
    }

    [TestMethod]
    [DataRow(Errno.EPERM, 1)]
    [DataRow(Errno.ENOENT, 2)]
    [DataRow(Errno.EAGAIN, 11)]
    [DataRow(Errno.EINVAL, 22)]
    [DataRow(Errno.ERANGE, 34)]
    [DataRow(35, 45)]  // EDEADLK
    [DataRow(Errno.ENAMETOOLONG, 78)]
    [DataRow(Errno.ENOSYS, 89)]
    [DataRow(Errno.ENOTEMPTY, 93)]
    [DataRow(Errno.ELOOP, 90)]
    [DataRow(Errno.EOVERFLOW, 79)]
    [DataRow(Errno.ETIMEDOUT, 145)]
    [DataRow(122, 1133) /* EDQUOT */]
    public void ErrnoIsRenumbered(int host, int mips) => Assert.AreEqual(mips, Abi.ToGuestErrno(host));

    [TestMethod]
    [DataRow(7, HostSignals.SIGSTKFLT)] // SIGEMT: no host signal of its own
    [DataRow(10, HostSignals.SIGBUS)]
    [DataRow(12, HostSignals.SIGSYS)]
    [DataRow(16, HostSignals.SIGUSR1)]
    [DataRow(17, HostSignals.SIGUSR2)]
    [DataRow(18, HostSignals.SIGCHLD)]
    [DataRow(19, HostSignals.SIGPWR)]
    [DataRow(20, HostSignals.SIGWINCH)]
    [DataRow(21, HostSignals.SIGURG)]
    [DataRow(22, HostSignals.SIGIO)]
    [DataRow(23, HostSignals.SIGSTOP)]
    [DataRow(24, HostSignals.SIGTSTP)]
    [DataRow(25, HostSignals.SIGCONT)]
    [DataRow(26, HostSignals.SIGTTIN)]
    [DataRow(27, HostSignals.SIGTTOU)]
    [DataRow(28, HostSignals.SIGVTALRM)]
    [DataRow(29, HostSignals.SIGPROF)]
    [DataRow(30, HostSignals.SIGXCPU)]
    [DataRow(31, HostSignals.SIGXFSZ)]
    [DataRow(11, HostSignals.SIGSEGV)]
    [DataRow(9, HostSignals.SIGKILL)]
    [DataRow(34, 34)]
    public void SignalsAreRenumbered(int mips, int host)
    {
        Assert.AreEqual(host, Abi.ToHostSignal(mips));
        Assert.AreEqual(mips, Abi.ToGuestSignal(host));
    }

    [TestMethod]
    public void SignalMapIsOneToOne()
    {
        var hosts = Enumerable.Range(1, 64).Select(Abi.ToHostSignal).ToList();
        Assert.AreEqual(64, hosts.Distinct().Count());
        foreach (int g in Enumerable.Range(1, 64)) Assert.AreEqual(g, Abi.ToGuestSignal(Abi.ToHostSignal(g)));
    }

    [TestMethod]
    [DataRow(0x8u, 0x400u)]        // O_APPEND
    [DataRow(0x80u, 0x800u)]       // O_NONBLOCK
    [DataRow(0x100u, 0x40u)]       // O_CREAT
    [DataRow(0x200u, 0x200u)]      // O_TRUNC
    [DataRow(0x400u, 0x80u)]       // O_EXCL
    [DataRow(0x800u, 0x100u)]      // O_NOCTTY
    [DataRow(0x2000u, 0x8000u)]    // O_LARGEFILE
    [DataRow(0x4010u, 0x101000u)]  // O_SYNC
    [DataRow(0x10000u, 0x10000u)]  // O_DIRECTORY
    [DataRow(0x20000u, 0x20000u)]  // O_NOFOLLOW
    [DataRow(0x80000u, 0x80000u)]  // O_CLOEXEC
    [DataRow(0x8000u, 0x4000u)]    // O_DIRECT
    [DataRow(0x1000u, 0x2000u)]    // FASYNC
    [DataRow(0x981u, 0x941u)]      // O_WRONLY|O_NONBLOCK|O_CREAT|O_NOCTTY
    public void OpenFlags(uint mips, uint host)
    {
        Assert.AreEqual(host, Abi.OpenFlags.ToHost(mips));
        Assert.AreEqual(mips, Abi.OpenFlags.ToGuest(host));
    }

    [TestMethod]
    [DataRow(0x802u, 0x22u)]       // MAP_PRIVATE|MAP_ANONYMOUS
    [DataRow(0x12u, 0x12u)]        // MAP_PRIVATE|MAP_FIXED
    [DataRow(0x400u, 0x4000u)]     // MAP_NORESERVE
    [DataRow(0x1000u, 0x100u)]     // MAP_GROWSDOWN
    [DataRow(0x40000u, 0x20000u)]  // MAP_STACK
    [DataRow(0x100000u, 0x100000u)] // MAP_FIXED_NOREPLACE
    public void MmapFlags(uint mips, uint host) => Assert.AreEqual(host, Abi.MmapFlags.ToHost(mips));

    [TestMethod]
    public void IrixMmapBitsAreDropped() => Assert.AreEqual(2u, Abi.MmapFlags.ToHost(0x1e2));

    [TestMethod]
    [DataRow(1u, 1u)]              // SA_NOCLDSTOP
    [DataRow(8u, 4u)]              // SA_SIGINFO
    [DataRow(0x10000u, 2u)]        // SA_NOCLDWAIT
    [DataRow(0x08000000u, 0x08000000u)] // SA_ONSTACK
    [DataRow(0x10000000u, 0x10000000u)] // SA_RESTART
    [DataRow(0x40000000u, 0x40000000u)] // SA_NODEFER
    [DataRow(0x80000000u, 0x80000000u)] // SA_RESETHAND
    public void SigactionFlags(uint mips, uint host)
    {
        Assert.AreEqual(host, Abi.SigactionFlags.ToHost(mips));
        Assert.AreEqual(mips, Abi.SigactionFlags.ToGuest(host));
    }

    [TestMethod]
    public void UnusedSigactionBitsDoNotBecomeHostFlags() => Assert.AreEqual(0u, Abi.SigactionFlags.ToHost(2 | 4));

    [TestMethod]
    public void SigprocmaskHowIsOneBased()
    {
        Assert.AreEqual(0, Abi.ToHostSigprocmaskHow(1));
        Assert.AreEqual(1, Abi.ToHostSigprocmaskHow(2));
        Assert.AreEqual(2, Abi.ToHostSigprocmaskHow(3));
        Assert.AreEqual(-1, Abi.ToHostSigprocmaskHow(0));
    }

    [TestMethod]
    [DataRow(14, 5)]   // F_GETLK
    [DataRow(6, 6)]    // F_SETLK
    [DataRow(7, 7)]    // F_SETLKW
    [DataRow(24, 8)]   // F_SETOWN
    [DataRow(23, 9)]   // F_GETOWN
    [DataRow(33, 12)]  // F_GETLK64
    [DataRow(34, 13)]  // F_SETLK64
    [DataRow(35, 14)]  // F_SETLKW64
    [DataRow(3, 3)]    // F_GETFL
    [DataRow(1030, 1030)] // F_DUPFD_CLOEXEC
    [DataRow(5, -1)]
    [DataRow(12, -1)]
    public void FcntlCommands(int mips, int generic) => Assert.AreEqual(generic, Abi.ToGenericFcntl(mips));

    [TestMethod]
    [DataRow(5, 7)] // NOFILE
    [DataRow(6, 9)] // AS
    [DataRow(7, 5)] // RSS
    [DataRow(8, 6)] // NPROC
    [DataRow(9, 8)] // MEMLOCK
    [DataRow(3, 3)] // STACK
    public void RlimitResources(int mips, int host) => Assert.AreEqual(host, Abi.ToHostRlimitResource(mips));

    [TestMethod]
    [DataRow(0x540du, 0x5401u)]      // TCGETS
    [DataRow(0x540eu, 0x5402u)]      // TCSETS
    [DataRow(0x5410u, 0x5404u)]      // TCSETSF (host 0x5410 is TIOCSPGRP)
    [DataRow(0x40087468u, 0x5413u)]  // TIOCGWINSZ
    [DataRow(0x40047477u, 0x540fu)]  // TIOCGPGRP
    [DataRow(0x467fu, 0x541bu)]      // FIONREAD
    [DataRow(0x5401u, 0u)]           // MIPS TCGETA: not served, must not become the host's TCGETS
    public void IoctlRequests(uint mips, uint host) => Assert.AreEqual(host, Abi.ToHostIoctl(mips));

    [TestMethod]
    public void PollWriteBitsMove()
    {
        Assert.AreEqual((ushort)0x205, Abi.ToHostPollEvents(0x105)); // POLLIN|POLLOUT|POLLWRBAND
        Assert.AreEqual((ushort)0x105, Abi.ToGuestPollEvents(0x305)); // + host POLLWRNORM folds into POLLOUT
        Assert.AreEqual((ushort)0x44, Abi.ToGuestPollEvents(0x140)); // POLLRDNORM stays, POLLWRNORM is POLLOUT
    }

    [TestMethod]
    public void TermiosMovesControlCharactersAndLocalFlags()
    {
        var t = Abi.Termios;
        Assert.AreEqual(40, t.GuestSize);
        var host = new byte[36];
        host[12] = 0x0b; host[13] = 0x01; // c_lflag = ISIG|ICANON|ECHO|TOSTOP (0x100 on the host)
        host[16] = 0;
        host[17 + 4] = 4;    // VEOF = ^D
        host[17 + 6] = 1;    // VMIN
        host[17 + 16] = 0x55; // VEOL2
        foreach (bool be in new[] { false, true })
        {
            var guest = t.ToGuest(host, be);
            uint lflag = be ? (uint)(guest[12] << 24 | guest[13] << 16 | guest[14] << 8 | guest[15]) : BitConverter.ToUInt32(guest, 12);
            Assert.AreEqual(0x800bu, lflag, "TOSTOP is 0x8000 on MIPS");
            Assert.AreEqual(4, guest[17 + 16], "VEOF");
            Assert.AreEqual(1, guest[17 + 4], "VMIN");
            Assert.AreEqual(0x55, guest[17 + 6], "VEOL2");
            CollectionAssert.AreEqual(host, t.ToHost(guest, be));
        }
    }

    [TestMethod]
    public void LayoutEndsAtTwoGigabytes()
    {
        Assert.AreEqual(0x80000000UL, Abi.Layout.TaskSize);
        Assert.IsTrue(Abi.Layout.StackTop <= MipsSigreturnPage.Address);
        Assert.IsTrue(Abi.Layout.MmapTop < Abi.Layout.StackBottom);
    }
}
