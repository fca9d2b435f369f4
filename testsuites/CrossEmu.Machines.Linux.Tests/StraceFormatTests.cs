using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Arm;
using CrossEmu.Machines.Linux.Mips;
using CrossEmu.Machines.Linux.Strace;
using CrossEmu.Machines.Linux.Syscalls;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>-strace's argument kinds, one at a time, in the ARM EABI and MIPS o32 numberings.</summary>
[TestClass]
public sealed class StraceFormatTests
{
    static IEnumerable<object[]> Abis() => [[ArmEabi.Instance], [MipsO32.Little], [MipsO32.Big]];

    [TestMethod]
    [DynamicData(nameof(Abis))]
    public void EveryImplementedSyscallDeclaresKindsThatExist(LinuxAbi abi)
    {
        int maxSlots = abi is ArmEabi ? 7 : SyscallContext.MaxArgs;
        foreach (var entry in abi.Syscalls.Entries.Where(e => e.Implementation != null))
        {
            var signature = entry.Implementation!.Signature;
            Assert.IsTrue(signature.Slots <= maxSlots, $"{entry.Name}: {signature.Slots} argument slots");
        }
    }

    [TestMethod]
    public void EveryArgumentKindIsUsedBySomeSyscall()
    {
        var used = new[] { ArmEabi.Instance, (LinuxAbi)MipsO32.Little }
            .SelectMany(abi => abi.Syscalls.Entries)
            .Where(e => e.Implementation != null)
            .SelectMany(e => e.Implementation!.Signature.Parameters.Select(p => p.Kind.Name))
            .ToHashSet();
        CollectionAssert.AreEquivalent(ArgumentKinds.ArgumentNames.Order().ToList(),
            ArgumentKinds.ArgumentNames.Where(used.Contains).Order().ToList(), "kinds no syscall declares");
    }

    [TestMethod]
    [DataRow("arm", 0x20042u, "O_RDWR|O_CREAT|O_LARGEFILE")]
    [DataRow("arm", 0x4000u, "O_RDONLY|O_DIRECTORY")]
    [DataRow("arm", 0x10000u, "O_RDONLY|O_DIRECT")]
    [DataRow("arm", 0x101001u, "O_WRONLY|O_SYNC")]
    [DataRow("arm", 0x80800u, "O_RDONLY|O_NONBLOCK|O_CLOEXEC")]
    [DataRow("mipsel", 0x2102u, "O_RDWR|O_CREAT|O_LARGEFILE")]
    [DataRow("mips", 0x4011u, "O_WRONLY|O_SYNC")]
    [DataRow("mipsel", 0x80080u, "O_RDONLY|O_NONBLOCK|O_CLOEXEC")]
    [DataRow("mipsel", 0x10000u, "O_RDONLY|O_DIRECTORY")]
    [DataRow("mipsel", 0x0008u, "O_RDONLY|O_APPEND")]
    // 0x40 is O_CREAT on ARM but no flag on MIPS.
    [DataRow("mipsel", 0x40u, "O_RDONLY|0x40")]
    public void OpenFlagsAreNamedInTheGuestsNumbering(string abi, uint flags, string expected)
    {
        using var g = StraceGuest.Of(abi);
        Assert.AreEqual(expected, g.Format("open_flags", flags));
    }

    [TestMethod]
    [DataRow("arm", 0x41u, "0644")]
    [DataRow("arm", 0x1u, null)]
    [DataRow("mipsel", 0x101u, "0644")]
    [DataRow("mips", 0x41u, null)]
    public void OpenShowsItsModeOnlyWhenItMayCreate(string abi, uint flags, string? expected)
    {
        using var g = StraceGuest.Of(abi);
        Assert.AreEqual(expected, g.Format("create_mode", 3, [unchecked((uint)-100), 0, flags, 0x1a4]));
    }

    [TestMethod]
    [DataRow("arm", 0x22u, "MAP_PRIVATE|MAP_ANONYMOUS")]
    [DataRow("arm", 0x4011u, "MAP_SHARED|MAP_FIXED|MAP_NORESERVE")]
    [DataRow("arm", 0x20022u, "MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK")]
    [DataRow("mipsel", 0x802u, "MAP_PRIVATE|MAP_ANONYMOUS")]
    [DataRow("mips", 0x411u, "MAP_SHARED|MAP_FIXED|MAP_NORESERVE")]
    [DataRow("mipsel", 0x40802u, "MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK")]
    // MIPS's MAP_ANONYMOUS is 0x800; 0x20 is the IRIX MAP_RENAME, which Linux ignores.
    [DataRow("mipsel", 0x22u, "MAP_PRIVATE|0x20")]
    public void MmapFlagsAreNamedInTheGuestsNumbering(string abi, uint flags, string expected)
    {
        using var g = StraceGuest.Of(abi);
        Assert.AreEqual(expected, g.Format("mmap_flags", flags));
    }

    [TestMethod]
    [DataRow(0u, "PROT_NONE")]
    [DataRow(5u, "PROT_READ|PROT_EXEC")]
    [DataRow(0x01000003u, "PROT_READ|PROT_WRITE|PROT_GROWSDOWN")]
    public void ProtectionsByName(uint prot, string expected)
    {
        using var g = StraceGuest.Of("mipsel");
        Assert.AreEqual(expected, g.Format("mmap_prot", prot));
    }

    [TestMethod]
    public void ErrnoNamesComeFromTheGuestsNumbers()
    {
        var mips = GuestNames.Of(MipsO32.Little);
        var arm = GuestNames.Of(ArmEabi.Instance);
        StringAssert.StartsWith(mips.DescribeErrno(89), "ENOSYS (");
        StringAssert.StartsWith(mips.DescribeErrno(93), "ENOTEMPTY (");
        StringAssert.StartsWith(mips.DescribeErrno(1133), "EDQUOT (");
        StringAssert.StartsWith(mips.DescribeErrno(38), "EL2NSYNC (", "38 is ENOSYS only in the generic numbering");
        StringAssert.StartsWith(arm.DescribeErrno(38), "ENOSYS (");
        StringAssert.StartsWith(arm.DescribeErrno(39), "ENOTEMPTY (");
        Assert.AreEqual("ENOENT (No such file or directory)", arm.DescribeErrno(2));
        Assert.AreEqual("ENOENT (No such file or directory)", mips.DescribeErrno(2));
        // Every host errno the runtime can return gets its name back in every ABI.
        foreach (var abi in new LinuxAbi[] { ArmEabi.Instance, MipsO32.Little })
            for (int host = 1; host < ErrnoNames.HostCount; host++)
                if (ErrnoNames.OfHost(host) is { } name)
                    StringAssert.StartsWith(GuestNames.Of(abi).DescribeErrno(abi.ToGuestErrno(host)), name + " (", abi.Name);
    }

    [TestMethod]
    [DataRow("arm", 10u, "SIGUSR1")]
    [DataRow("arm", 16u, "SIGSTKFLT")]
    [DataRow("arm", 17u, "SIGCHLD")]
    [DataRow("mipsel", 16u, "SIGUSR1")]
    [DataRow("mips", 18u, "SIGCHLD")]
    [DataRow("mipsel", 7u, "SIGEMT")]
    [DataRow("mipsel", 10u, "SIGBUS")]
    [DataRow("arm", 2u, "SIGINT")]
    [DataRow("mips", 2u, "SIGINT")]
    [DataRow("arm", 32u, "SIGRTMIN")]
    [DataRow("mipsel", 34u, "SIGRT_2")]
    public void SignalsByTheGuestsNumbers(string abi, uint signal, string expected)
    {
        using var g = StraceGuest.Of(abi);
        Assert.AreEqual(expected, g.Format("signal", signal));
    }

    [TestMethod]
    public void SignalSetsNameTheGuestsSignals()
    {
        // Bit 15 is signal 16: SIGSTKFLT on ARM, SIGUSR1 on MIPS; bit 1 is SIGINT on both.
        using (var arm = StraceGuest.Of("arm"))
            Assert.AreEqual("[INT STKFLT]", arm.Format("sigset", 0, [arm.PutWords(0, 0x8002, 0)]));
        using (var mips = StraceGuest.Of("mips"))
        {
            Assert.AreEqual("[INT USR1]", mips.Format("sigset", 0, [mips.PutWords(0, 0x8002, 0, 0, 0)]));
            Assert.AreEqual("~[]", mips.Format("sigset", 0, [mips.PutWords(0, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue)]));
            Assert.AreEqual("~[KILL STOP]", mips.Format("sigset", 0, [mips.PutWords(0, ~(1u << 8 | 1u << 22), uint.MaxValue, uint.MaxValue, uint.MaxValue)]));
            Assert.AreEqual("NULL", mips.Format("sigset", 0, [0]));
        }
    }

    [TestMethod]
    public void SigactionStructsFollowEachAbisLayout()
    {
        using (var arm = StraceGuest.Of("arm"))
        {
            // handler, flags, restorer, mask
            uint act = arm.PutWords(0, 0x1000, 0x14000004, 0x2000, 0x2, 0);
            Assert.AreEqual("{sa_handler=0x1000, sa_mask=[INT], sa_flags=SA_SIGINFO|SA_RESTORER|SA_RESTART, sa_restorer=0x2000}",
                arm.Format("sigaction", 0, [act]));
        }
        using (var mips = StraceGuest.Of("mips"))
        {
            // flags, handler, mask: MIPS has SA_SIGINFO at 8 and no restorer.
            uint act = mips.PutWords(0, 0x10000008, 1, 0x8000, 0, 0, 0);
            Assert.AreEqual("{sa_handler=SIG_IGN, sa_mask=[USR1], sa_flags=SA_SIGINFO|SA_RESTART}", mips.Format("sigaction", 0, [act]));
        }
    }

    [TestMethod]
    [DataRow("arm", 0u, "SIG_BLOCK")]
    [DataRow("arm", 2u, "SIG_SETMASK")]
    [DataRow("mipsel", 1u, "SIG_BLOCK")]
    [DataRow("mips", 3u, "SIG_SETMASK")]
    [DataRow("mipsel", 0u, "0")]
    public void SigprocmaskHow(string abi, uint how, string expected)
    {
        using var g = StraceGuest.Of(abi);
        Assert.AreEqual(expected, g.Format("sigprocmask_how", how));
    }

    [TestMethod]
    [DataRow("arm", 12u, "F_GETLK64")]
    [DataRow("arm", 4u, "F_SETFL")]
    [DataRow("arm", 1030u, "F_DUPFD_CLOEXEC")]
    [DataRow("mipsel", 33u, "F_GETLK64")]
    [DataRow("mips", 4u, "F_SETFL")]
    [DataRow("mipsel", 12u, "12")]
    public void FcntlCommands(string abi, uint command, string expected)
    {
        using var g = StraceGuest.Of(abi);
        Assert.AreEqual(expected, g.Format("fcntl_cmd", command));
    }

    [TestMethod]
    [DataRow("arm", 0x800u)]
    [DataRow("mipsel", 0x80u)]
    public void FcntlSetflArgumentIsOpenFlags(string abi, uint nonblock)
    {
        using var g = StraceGuest.Of(abi);
        Assert.AreEqual("O_RDONLY|O_NONBLOCK", g.Format("fcntl_arg", 2, [3, 4, nonblock], result: 0));
        Assert.IsNull(g.Format("fcntl_arg", 2, [3, 3, 0], result: 2), "F_GETFL takes no argument");
    }

    [TestMethod]
    [DataRow("arm", 0x5401u, "TCGETS")]
    [DataRow("arm", 0x5413u, "TIOCGWINSZ")]
    [DataRow("mipsel", 0x540du, "TCGETS")]
    [DataRow("mips", 0x40087468u, "TIOCGWINSZ")]
    [DataRow("mipsel", 0x467fu, "FIONREAD")]
    // A MIPS request the runtime does not know: never named after the generic number it happens to equal.
    [DataRow("mipsel", 0x5413u, "0x5413")]
    public void IoctlRequests(string abi, uint request, string expected)
    {
        using var g = StraceGuest.Of(abi);
        Assert.AreEqual(expected, g.Format("ioctl_request", request));
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void WinsizeIsShownAfterTheCall(string abi)
    {
        using var g = StraceGuest.Of(abi);
        uint ws = g.PutBytes(0, g.BigEndian ? [0, 24, 0, 80, 0, 0, 0, 0] : [24, 0, 80, 0, 0, 0, 0, 0]);
        uint request = abi == "arm" ? 0x5413u : 0x40087468u;
        Assert.AreEqual("{ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}", g.Format("ioctl_arg", 2, [1, request, ws], result: 0));
        Assert.AreEqual($"0x{ws:x}", g.Format("ioctl_arg", 2, [1, request, ws], result: -25), "not filled in when the call failed");
    }

    [TestMethod]
    public void QuotingEscapesLikeStrace()
    {
        Assert.AreEqual("\"a\\\"b\\\\c\\n\\t\\1\\33[0m\"", Quoting.Quote("a\"b\\c\n\t\u0001\u001b[0m"u8, false));
        Assert.AreEqual("\"\\0012\"", Quoting.Quote([1, (byte)'2'], false), "a digit after an escape makes it three digits");
        Assert.AreEqual("\"\\0\\377\"...", Quoting.Quote([0, 0xff], true));
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void BuffersAndStringsAreCutShort(string abi)
    {
        using var g = StraceGuest.Of(abi);
        uint buffer = g.PutString(0, new string('x', 40));
        Assert.AreEqual($"\"{new string('x', 32)}\"...", g.Format("in_buf", 0, [buffer, 40]));
        Assert.AreEqual("\"xxxx\"", g.Format("in_buf", 0, [buffer, 4]));
        Assert.AreEqual("\"xxx\"", g.Format("out_buf", 0, [buffer, 100], result: 3), "a read shows what it read");
        Assert.AreEqual($"0x{buffer:x}", g.Format("out_buf", 0, [buffer, 100], result: -9), "and nothing when it failed");
        uint path = g.PutString(0x100, "/" + new string('p', 99));
        Assert.AreEqual($"\"/{new string('p', Quoting.StringChars - 1)}\"...", g.Format("str", path));
        Assert.AreEqual("NULL", g.Format("str", 0u));
        Assert.AreEqual("0x10", g.Format("str", 0x10u), "an unreadable pointer is shown as it is");
    }

    [TestMethod]
    [DataRow("arm", 10u, "{tv_sec=10, tv_nsec=500}")]
    [DataRow("mips", 10u, "{tv_sec=10, tv_nsec=500}")]
    public void Timespecs(string abi, uint seconds, string expected)
    {
        using var g = StraceGuest.Of(abi);
        Assert.AreEqual(expected, g.Format("timespec", g.PutWords(0, seconds, 500)));
        // struct timespec64: 64-bit tv_sec, in the ABI's word order.
        uint ts64 = g.BigEndian ? g.PutWords(0x40, 0, seconds, 0, 500) : g.PutWords(0x40, seconds, 0, 500, 0);
        Assert.AreEqual(expected, g.Format("timespec64", ts64));
    }

    [TestMethod]
    public void StatModesAndFutexOperations()
    {
        using var g = StraceGuest.Of("arm");
        Assert.AreEqual("0644", g.Format("mode", 0x1a4u));
        Assert.AreEqual("022", g.Format("mode", 0x12u));
        Assert.AreEqual("FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME", g.Format("futex_op", 0x189u));
        Assert.AreEqual("FUTEX_WAKE_PRIVATE", g.Format("futex_op", 0x81u));
        Assert.IsNull(g.Format("futex_timeout", 3, [0x1000, 0x81, 1, 0]), "FUTEX_WAKE takes no timeout");
        Assert.AreEqual("AT_FDCWD", g.Format("dirfd", unchecked((uint)-100)));
        Assert.AreEqual("AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH", g.Format("at_flags", 0x1100u));
        Assert.AreEqual("R_OK|X_OK", g.Format("access_mode", 5u));
        Assert.AreEqual("F_OK", g.Format("access_mode", 0u));
        Assert.AreEqual("SEEK_END", g.Format("whence", 2u));
        Assert.AreEqual("CLOCK_MONOTONIC", g.Format("clockid", 1u));
        Assert.AreEqual("0x1000", g.Format("page_offset", 1u));
    }

    [TestMethod]
    [DataRow("mipsel", 5u, "RLIMIT_NOFILE")]
    [DataRow("arm", 7u, "RLIMIT_NOFILE")]
    [DataRow("mips", 3u, "RLIMIT_STACK")]
    public void ResourceLimits(string abi, uint resource, string expected)
    {
        using var g = StraceGuest.Of(abi);
        Assert.AreEqual(expected, g.Format("rlimit_resource", resource));
    }
}
