using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>epoll on every ABI: the guest's 16-byte epoll_event and its 64-bit data word coming back unchanged.</summary>
[TestClass]
public sealed class EpollSyscallTests
{
    const uint EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3, EPOLLIN = 1, EPOLLOUT = 4, EPOLL_CLOEXEC = 0x80000;
    const int EINVAL = 22, EBADF = 9, ENOENT = 2;
    static uint S(uint offset) => AnyGuest.Scratch + offset;

    static (uint Read, uint Write) Pipe(AnyGuest g)
    {
        Assert.AreEqual(0, g.Call("pipe2", S(0), 0));
        return (g.U32(S(0)), g.U32(S(4)));
    }

    /// <summary>struct epoll_event { u32 events; (pad) u64 data; } as a 32-bit ABI lays it out.</summary>
    static void Event(AnyGuest g, uint address, uint events, ulong data)
    {
        g.Write(address, new byte[16]);
        g.U32(address, events);
        g.U64(address + 8, data);
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    [DataRow("mipsel")]
    public void PipeReadinessComesBackWithTheGuestsData(string abi)
    {
        using var g = AnyGuest.Of(abi);
        var (r, w) = Pipe(g);
        long ep = g.Call("epoll_create1", EPOLL_CLOEXEC);
        Assert.IsGreaterThanOrEqualTo(0, ep);
        Assert.IsTrue(g.Process.Files[(int)ep]!.CloseOnExec);
        Event(g, S(0x100), EPOLLIN, 0x1122334455667788);
        Assert.AreEqual(0, g.Call("epoll_ctl", (uint)ep, EPOLL_CTL_ADD, r, S(0x100)));
        Event(g, S(0x100), EPOLLOUT, 0xfeedface_00000007);
        Assert.AreEqual(0, g.Call("epoll_ctl", (uint)ep, EPOLL_CTL_ADD, w, S(0x100)));
        Assert.AreEqual(1, g.Call("epoll_wait", (uint)ep, S(0x200), 8, 0), "only the write end is ready");
        Assert.AreEqual(EPOLLOUT, g.U32(S(0x200)));
        Assert.AreEqual(0xfeedface_00000007UL, g.U64(S(0x208)));

        Assert.AreEqual(0, g.Call("epoll_ctl", (uint)ep, EPOLL_CTL_DEL, w, 0), "DEL takes no event");
        Assert.AreEqual(0, g.Call("epoll_wait", (uint)ep, S(0x200), 8, 0));
        g.PutString(S(0x300), "x");
        Assert.AreEqual(1, g.Call("write", w, S(0x300), 1));
        Assert.AreEqual(1, g.Call("epoll_pwait", (uint)ep, S(0x200), 8, 1000, 0, 8));
        Assert.AreEqual(EPOLLIN, g.U32(S(0x200)));
        Assert.AreEqual(0x1122334455667788UL, g.U64(S(0x208)), "data is the guest's 64-bit word, unchanged");

        Event(g, S(0x100), EPOLLIN, 42);
        Assert.AreEqual(0, g.Call("epoll_ctl", (uint)ep, EPOLL_CTL_MOD, r, S(0x100)));
        g.U64(S(0x400), 1);   // epoll_pwait2's struct __kernel_timespec: 1 s
        g.U64(S(0x408), 0);
        Assert.AreEqual(1, g.Call("epoll_pwait2", (uint)ep, S(0x200), 8, S(0x400), 0, 8));
        Assert.AreEqual(42UL, g.U64(S(0x208)));
    }

    [TestMethod]
    public void ErrorsAreLinuxs()
    {
        using var g = AnyGuest.Of("arm");
        var (r, _) = Pipe(g);
        Assert.AreEqual(g.Error(EINVAL), g.Call("epoll_create", 0));
        long ep = g.Call("epoll_create", 1);
        Assert.IsFalse(g.Process.Files[(int)ep]!.CloseOnExec);
        Assert.AreEqual(g.Error(EINVAL), g.Call("epoll_wait", (uint)ep, S(0x200), 0, 0));
        Event(g, S(0x100), EPOLLIN, 1);
        Assert.AreEqual(g.Error(EBADF), g.Call("epoll_ctl", (uint)ep, EPOLL_CTL_ADD, 700, S(0x100)));
        Assert.AreEqual(g.Error(ENOENT), g.Call("epoll_ctl", (uint)ep, EPOLL_CTL_MOD, r, S(0x100)));
        Assert.AreEqual(g.Error(EINVAL), g.Call("epoll_ctl", (uint)ep, EPOLL_CTL_ADD, (uint)ep, S(0x100)), "not itself");
    }
}
