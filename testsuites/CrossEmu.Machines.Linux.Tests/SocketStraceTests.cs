using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>-strace lines of socket and epoll calls, named in each ABI's own numbering.</summary>
[TestClass]
public sealed class SocketStraceTests
{
    [TestMethod]
    [DataRow("arm", 1u, 0x800u, 1u, 2u)]
    [DataRow("mips", 2u, 0x80u, 0xffffu, 4u)]
    public void SocketBindAndSetsockoptAreNamed(string abi, uint stream, uint nonblock, uint solSocket, uint reuseAddr)
    {
        using var g = StraceGuest.Of(abi);
        long fd = g.Call("socket", 2, stream | nonblock, 0);
        Assert.AreEqual($"socket(AF_INET,SOCK_STREAM|SOCK_NONBLOCK,0) = {fd}", g.LastLine());
        uint address = g.PutBytes(0x100, [0, 0, 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
        g.PutBytes(0x100, g.BigEndian ? [0, 2] : [2, 0]);
        g.Call("connect", (uint)fd, address, 16);
        StringAssert.StartsWith(g.LastLine(), $"connect({fd},{{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}},16)");
        uint one = g.PutWords(0x200, 1);
        g.Call("setsockopt", (uint)fd, solSocket, reuseAddr, one, 4);
        Assert.AreEqual($"setsockopt({fd},SOL_SOCKET,SO_REUSEADDR,[1],4) = 0", g.LastLine());
    }

    [TestMethod]
    public void MipsSocketcallShowsTheCall()
    {
        using var g = StraceGuest.Of("mipsel");
        uint args = g.PutWords(0x100, 1, 2, 0, 0);
        long fd = g.Call("socketcall", 8 /* SYS_SOCKETPAIR */, args);
        Assert.AreEqual(-14, fd, "sv is NULL: EFAULT");
        StringAssert.StartsWith(g.LastLine(), $"socketcall(SYS_SOCKETPAIR,0x{args:x}) = -1 EFAULT");
    }

    [TestMethod]
    public void EpollCtlShowsTheEvent()
    {
        using var g = StraceGuest.Of("arm");
        Assert.AreEqual(0, g.Call("pipe2", StraceGuest.Scratch, 0));
        Assert.IsTrue(g.Memory.TryReadU32(StraceGuest.Scratch, false, out uint read));
        long ep = g.Call("epoll_create1", 0);
        uint ev = g.PutWords(0x100, 5, 0, 0x2a, 0);
        g.Call("epoll_ctl", (uint)ep, 1, read, ev);
        Assert.AreEqual($"epoll_ctl({ep},EPOLL_CTL_ADD,{read},{{events=EPOLLIN|EPOLLOUT, data=0x2a}}) = 0", g.LastLine());
    }
}
