using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>eventfd, timerfd and signalfd on every ABI: counters in the guest's byte order, the guest's flags,
/// and a signalfd fed by the runtime's own signals.</summary>
[TestClass]
public sealed class EventFdSyscallTests
{
    const uint EFD_SEMAPHORE = 1, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000, CLOCK_MONOTONIC = 1;
    const int EAGAIN = 11, EINVAL = 22;
    static uint S(uint offset) => AnyGuest.Scratch + offset;

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    [DataRow("mipsel")]
    public void EventfdCountsInTheGuestsByteOrder(string abi)
    {
        using var g = AnyGuest.Of(abi);
        long fd = g.Call("eventfd2", 5, g.OpenFlag(O_NONBLOCK | O_CLOEXEC));
        Assert.IsGreaterThanOrEqualTo(0, fd);
        Assert.IsTrue(g.Process.Files[(int)fd]!.CloseOnExec);
        Assert.AreEqual(8, g.Call("read", (uint)fd, S(0x100), 8));
        Assert.AreEqual(5UL, g.U64(S(0x100)));
        Assert.AreEqual(g.Error(EAGAIN), g.Call("read", (uint)fd, S(0x100), 8), "read took the count to 0");
        g.U64(S(0x200), 3);
        Assert.AreEqual(8, g.Call("write", (uint)fd, S(0x200), 8));
        g.U64(S(0x200), 0x100000000);
        Assert.AreEqual(8, g.Call("write", (uint)fd, S(0x200), 8));
        Assert.AreEqual(8, g.Call("read", (uint)fd, S(0x100), 16));
        Assert.AreEqual(0x100000003UL, g.U64(S(0x100)), "writes add up");
        Assert.AreEqual(g.Error(EINVAL), g.Call("read", (uint)fd, S(0x100), 4), "less than 8 bytes");

        long semaphore = g.Call("eventfd2", 2, EFD_SEMAPHORE | g.OpenFlag(O_NONBLOCK));
        Assert.IsFalse(g.Process.Files[(int)semaphore]!.CloseOnExec);
        for (int i = 0; i < 2; i++)
        {
            Assert.AreEqual(8, g.Call("read", (uint)semaphore, S(0x100), 8));
            Assert.AreEqual(1UL, g.U64(S(0x100)), "EFD_SEMAPHORE reads 1 at a time");
        }
        Assert.AreEqual(g.Error(EAGAIN), g.Call("read", (uint)semaphore, S(0x100), 8));
        Assert.AreEqual(0, g.Call("close", (uint)semaphore));
        Assert.AreEqual(0, g.Call("close", (uint)fd));
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void DuplicatedEventfdKeepsTheGuestsByteOrder(string abi)
    {
        using var g = AnyGuest.Of(abi);
        long fd = g.Call("eventfd", 7);
        long copy = g.Call("dup", (uint)fd);
        Assert.AreEqual(0, g.Call("close", (uint)fd));
        Assert.AreEqual(8, g.Call("read", (uint)copy, S(0x100), 8));
        Assert.AreEqual(7UL, g.U64(S(0x100)));
    }

    [TestMethod]
    [DataRow("arm", "timerfd_settime", "timerfd_gettime", 8)]
    [DataRow("mips", "timerfd_settime", "timerfd_gettime", 8)]
    [DataRow("mipsel", "timerfd_settime64", "timerfd_gettime64", 16)]
    public void TimerfdCountsExpiries(string abi, string settime, string gettime, int timespecSize)
    {
        using var g = AnyGuest.Of(abi);
        long fd = g.Call("timerfd_create", CLOCK_MONOTONIC, 0);
        Assert.IsGreaterThanOrEqualTo(0, fd);
        // struct itimerspec { it_interval, it_value }: every 10 ms from 10 ms on.
        uint spec = S(0x100);
        g.Write(spec, new byte[2 * timespecSize]);
        PutTimespec(g, spec, timespecSize, 0, 10_000_000);
        PutTimespec(g, spec + (uint)timespecSize, timespecSize, 0, 10_000_000);
        Assert.AreEqual(0, g.Call(settime, (uint)fd, 0, spec, 0));
        Thread.Sleep(60);
        Assert.AreEqual(8, g.Call("read", (uint)fd, S(0x200), 8));
        ulong expiries = g.U64(S(0x200));
        Assert.IsTrue(expiries is >= 3 and < 1000, $"{expiries} expiries in 60 ms of a 10 ms timer");
        Assert.AreEqual(0, g.Call(gettime, (uint)fd, S(0x300)));
        Assert.AreEqual(10_000_000L, Nanoseconds(g, S(0x300), timespecSize), "it_interval as set");
        long left = Nanoseconds(g, S(0x300) + (uint)timespecSize, timespecSize);
        Assert.IsTrue(left is > 0 and <= 10_000_000, $"it_value {left} ns: the time to the next expiry");
        g.Write(spec, new byte[2 * timespecSize]);
        Assert.AreEqual(0, g.Call(settime, (uint)fd, 0, spec, S(0x400)), "disarm, getting the old setting");
        Assert.AreEqual(10_000_000L, Nanoseconds(g, S(0x400), timespecSize));
    }

    static void PutTimespec(AnyGuest g, uint address, int size, long seconds, long nanoseconds)
    {
        if (size == 8) g.Words(address, (uint)seconds, (uint)nanoseconds);
        else { g.U64(address, (ulong)seconds); g.U64(address + 8, (ulong)nanoseconds); }
    }

    static long Nanoseconds(AnyGuest g, uint address, int size) => size == 8
        ? g.U32(address) * 1_000_000_000L + g.U32(address + 4)
        : (long)g.U64(address) * 1_000_000_000L + (long)g.U64(address + 8);

    [TestMethod]
    [DataRow("arm", 10u, 0u, 8u)]
    [DataRow("mips", 16u, 1u, 16u)]
    [DataRow("mipsel", 16u, 1u, 16u)]
    public void SignalfdReadsTheRuntimesPendingSignals(string abi, uint sigusr1, uint sigBlock, uint sigsetSize)
    {
        using var g = AnyGuest.Of(abi);
        g.Write(S(0x100), new byte[16]);
        g.U32(S(0x100), 1u << (int)(sigusr1 - 1));
        Assert.AreEqual(0, g.Call("rt_sigprocmask", sigBlock, S(0x100), 0, sigsetSize));
        long fd = g.Call("signalfd4", unchecked((uint)-1), S(0x100), sigsetSize, g.OpenFlag(O_NONBLOCK));
        Assert.IsGreaterThanOrEqualTo(0, fd);
        Assert.AreEqual(g.Error(EAGAIN), g.Call("read", (uint)fd, S(0x200), 128), "nothing pending");
        g.Words(S(0x400), (uint)fd, 0);
        g.U16(S(0x404), 1 /* POLLIN */);
        Assert.AreEqual(0, g.Call("poll", S(0x400), 1, 0));

        Assert.AreEqual(0, g.Call("kill", (uint)Environment.ProcessId, sigusr1));
        Assert.AreEqual(1, g.Call("poll", S(0x400), 1, 0), "a pending signal of the mask makes it readable");
        Assert.AreEqual(128, g.Call("read", (uint)fd, S(0x200), 256));
        Assert.AreEqual(sigusr1, g.U32(S(0x200)), "ssi_signo");
        Assert.AreEqual(0u, g.U32(S(0x208)), "ssi_code SI_USER");
        Assert.AreEqual((uint)Environment.ProcessId, g.U32(S(0x20c)), "ssi_pid");
        Assert.AreEqual(0UL, g.Process.Signals.Pending, "the read took the signal");
        Assert.AreEqual(0, g.Call("poll", S(0x400), 1, 0), "and the descriptor is no longer readable");
        Assert.AreEqual(g.Error(EINVAL), g.Call("read", (uint)fd, S(0x200), 64), "less than one record");

        // signalfd on the descriptor changes its mask; signalfd on anything else is EINVAL.
        g.Write(S(0x100), new byte[16]);
        Assert.AreEqual(fd, g.Call("signalfd", (uint)fd, S(0x100), sigsetSize));
        Assert.AreEqual(0, g.Call("kill", (uint)Environment.ProcessId, sigusr1));
        Assert.AreEqual(g.Error(EAGAIN), g.Call("read", (uint)fd, S(0x200), 128), "SIGUSR1 is no longer in the mask");
        Assert.AreEqual(g.Error(EINVAL), g.Call("signalfd", 0, S(0x100), sigsetSize));
        Assert.AreEqual(0, g.Call("close", (uint)fd));
    }
}
