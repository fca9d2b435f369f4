using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>setsockopt/getsockopt with the guest's numbering and value layouts, and MIPS's socket numbers and socketcall.</summary>
[TestClass]
public sealed class SocketOptionTests
{
    const uint AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, IPPROTO_TCP = 6, IPPROTO_IPV6 = 41, TCP_NODELAY = 1, IPV6_V6ONLY = 26;
    const int ENOPROTOOPT = 92;
    static uint S(uint offset) => AnyGuest.Scratch + offset;

    /// <summary>The SO_* numbers of each ABI (asm-generic and MIPS's asm/socket.h).</summary>
    sealed record Names(uint SolSocket, uint Stream, uint Dgram, uint ReuseAddr, uint KeepAlive, uint Type, uint Error, uint RcvBuf,
        uint Linger, uint RcvTimeo);

    static Names Of(AnyGuest g) => g.Abi.Name.StartsWith("mips", StringComparison.Ordinal)
        ? new(0xffff, 2, 1, 0x0004, 0x0008, 0x1008, 0x1007, 0x1002, 0x0080, 0x1006)
        : new(1, 1, 2, 2, 9, 3, 4, 8, 13, 20);

    unsafe static int HostIntOption(AnyGuest g, uint guestFd, int level, int name)
    {
        int value = 0;
        uint length = 4;
        Assert.AreEqual(0, Libc.getsockopt(g.Process.Files.HostOf((int)guestFd), level, name, (byte*)&value, &length));
        return value;
    }

    long GetInt(AnyGuest g, uint fd, uint level, uint name, out uint value)
    {
        g.U32(S(0x104), 4);
        long r = g.Call("getsockopt", fd, level, name, S(0x100), S(0x104));
        value = g.U32(S(0x100));
        return r;
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    [DataRow("mipsel")]
    public void SocketTypesAndIntOptionsUseTheGuestsNumbers(string abi)
    {
        using var g = AnyGuest.Of(abi);
        var n = Of(g);
        uint stream = (uint)g.Call("socket", AF_INET, n.Stream, 0), dgram = (uint)g.Call("socket", AF_INET, n.Dgram, 0);
        Assert.AreEqual(Libc.SOCK_STREAM, HostIntOption(g, stream, Libc.SOL_SOCKET, Libc.SO_TYPE), "the guest's SOCK_STREAM is the host's");
        Assert.AreEqual(Libc.SOCK_DGRAM, HostIntOption(g, dgram, Libc.SOL_SOCKET, Libc.SO_TYPE));
        Assert.AreEqual(0, GetInt(g, stream, n.SolSocket, n.Type, out uint type));
        Assert.AreEqual(n.Stream, type, "SO_TYPE answers in the guest's numbers");
        Assert.AreEqual(4u, g.U32(S(0x104)));

        g.U32(S(0x200), 1);
        Assert.AreEqual(0, g.Call("setsockopt", stream, n.SolSocket, n.ReuseAddr, S(0x200), 4));
        Assert.AreEqual(1, HostIntOption(g, stream, Libc.SOL_SOCKET, Libc.SO_REUSEADDR));
        Assert.AreEqual(0, g.Call("setsockopt", stream, n.SolSocket, n.KeepAlive, S(0x200), 4));
        Assert.AreEqual(0, GetInt(g, stream, n.SolSocket, n.KeepAlive, out uint keepAlive));
        Assert.AreEqual(1u, keepAlive);
        Assert.AreEqual(0, GetInt(g, stream, n.SolSocket, n.Error, out uint error));
        Assert.AreEqual(0u, error);
        g.U32(S(0x200), 65536);
        Assert.AreEqual(0, g.Call("setsockopt", stream, n.SolSocket, n.RcvBuf, S(0x200), 4));
        Assert.AreEqual(0, GetInt(g, stream, n.SolSocket, n.RcvBuf, out uint rcvbuf));
        Assert.AreEqual(131072u, rcvbuf, "Linux doubles SO_RCVBUF");
        g.U32(S(0x200), 1);
        Assert.AreEqual(0, g.Call("setsockopt", stream, IPPROTO_TCP, TCP_NODELAY, S(0x200), 4));
        Assert.AreEqual(0, GetInt(g, stream, IPPROTO_TCP, TCP_NODELAY, out uint nodelay));
        Assert.AreEqual(1u, nodelay);
        uint six = (uint)g.Call("socket", AF_INET6, n.Stream, 0);
        Assert.AreEqual(0, g.Call("setsockopt", six, IPPROTO_IPV6, IPV6_V6ONLY, S(0x200), 4));
        Assert.AreEqual(0, GetInt(g, six, IPPROTO_IPV6, IPV6_V6ONLY, out uint v6only));
        Assert.AreEqual(1u, v6only);
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void LingerAndReceiveTimeoutKeepTheGuestsLayouts(string abi)
    {
        using var g = AnyGuest.Of(abi);
        var n = Of(g);
        uint s = (uint)g.Call("socket", AF_INET, n.Stream, 0);
        g.Words(S(0x200), 1, 7);   // struct linger { l_onoff, l_linger }
        Assert.AreEqual(0, g.Call("setsockopt", s, n.SolSocket, n.Linger, S(0x200), 8));
        g.U32(S(0x120), 8);
        Assert.AreEqual(0, g.Call("getsockopt", s, n.SolSocket, n.Linger, S(0x100), S(0x120)));
        Assert.AreEqual(8u, g.U32(S(0x120)));
        Assert.AreEqual(1u, g.U32(S(0x100)));
        Assert.AreEqual(7u, g.U32(S(0x104)));

        // SO_RCVTIMEO_OLD takes the guest's 32-bit struct timeval; the host's is 16 bytes.
        g.Words(S(0x300), 2, 500_000);
        Assert.AreEqual(0, g.Call("setsockopt", s, n.SolSocket, n.RcvTimeo, S(0x300), 8));
        g.U32(S(0x120), 16);
        Assert.AreEqual(0, g.Call("getsockopt", s, n.SolSocket, n.RcvTimeo, S(0x100), S(0x120)));
        Assert.AreEqual(8u, g.U32(S(0x120)), "the guest's timeval size");
        Assert.AreEqual(2u, g.U32(S(0x100)));
        Assert.AreEqual(500_000u, g.U32(S(0x104)));
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void ReceiveTimeoutEndsABlockingRecv(string abi)
    {
        using var g = AnyGuest.Of(abi);
        var n = Of(g);
        Assert.AreEqual(0, g.Call("socketpair", AF_UNIX, n.Stream, 0, S(0)));
        uint a = g.U32(S(0));
        g.Words(S(0x300), 0, 50_000);
        Assert.AreEqual(0, g.Call("setsockopt", a, n.SolSocket, n.RcvTimeo, S(0x300), 8));
        Assert.AreEqual(g.Error(11 /* EAGAIN */), g.Call("recv", a, S(0x400), 16, 0));
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void MipsRefusesTheGenericNumbersItDoesNotUse(bool bigEndian)
    {
        using var g = AnyGuest.Of(bigEndian ? "mips" : "mipsel");
        uint s = (uint)g.Call("socket", AF_INET, 2, 0);
        g.U32(S(0x200), 1);
        Assert.AreEqual(g.Error(ENOPROTOOPT), g.Call("setsockopt", s, 1, 2, S(0x200), 4), "level 1 is not SOL_SOCKET on MIPS");
        Assert.AreEqual(g.Error(ENOPROTOOPT), g.Call("setsockopt", s, 0xffff, 2, S(0x200), 4), "2 is no SO_* name on MIPS");
        Assert.AreEqual(0, g.Call("setsockopt", s, 0xffff, 4, S(0x200), 4), "SO_REUSEADDR is 4");
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void MipsSocketcallDemultiplexes(bool bigEndian)
    {
        using var g = AnyGuest.Of(bigEndian ? "mips" : "mipsel");
        const uint SYS_SOCKET = 1, SYS_BIND = 2, SYS_GETSOCKNAME = 6, SYS_SOCKETPAIR = 8, SYS_SEND = 9, SYS_RECV = 10,
            SYS_SETSOCKOPT = 14, SYS_GETSOCKOPT = 15;
        g.Words(S(0x40), AF_UNIX, 2 /* SOCK_STREAM */, 0, S(0));
        Assert.AreEqual(0, g.Call("socketcall", SYS_SOCKETPAIR, S(0x40)));
        uint a = g.U32(S(0)), b = g.U32(S(4));
        g.PutString(S(0x100), "via socketcall");
        g.Words(S(0x40), a, S(0x100), 14, 0);
        Assert.AreEqual(14, g.Call("socketcall", SYS_SEND, S(0x40)), "the descriptor in the array is the guest's");
        g.Words(S(0x40), b, S(0x200), 64, 0);
        Assert.AreEqual(14, g.Call("socketcall", SYS_RECV, S(0x40)));
        Assert.AreEqual("via socketcall", g.String(S(0x200), 14));

        g.Words(S(0x40), AF_INET, 1 /* SOCK_DGRAM */, 0);
        long s = g.Call("socketcall", SYS_SOCKET, S(0x40));
        Assert.IsGreaterThanOrEqualTo(0, s);
        Assert.AreEqual(Isa.Host.Libc.SOCK_DGRAM, HostIntOption(g, (uint)s, Isa.Host.Libc.SOL_SOCKET, Isa.Host.Libc.SO_TYPE));
        g.Write(S(0x300), new byte[16]);
        g.U16(S(0x300), (ushort)AF_INET);
        g.Write(S(0x304), [127, 0, 0, 1]);
        g.Words(S(0x40), (uint)s, S(0x300), 16);
        Assert.AreEqual(0, g.Call("socketcall", SYS_BIND, S(0x40)));
        g.U32(S(0x380), 16);
        g.Words(S(0x40), (uint)s, S(0x340), S(0x380));
        Assert.AreEqual(0, g.Call("socketcall", SYS_GETSOCKNAME, S(0x40)));
        Assert.AreEqual((ushort)AF_INET, g.U16(S(0x340)), "the family in the guest's byte order");
        CollectionAssert.AreEqual(new byte[] { 127, 0, 0, 1 }, g.Read(S(0x344), 4));

        g.U32(S(0x400), 1);
        g.Words(S(0x40), (uint)s, 0xffff, 0x0020 /* SO_BROADCAST */, S(0x400), 4);
        Assert.AreEqual(0, g.Call("socketcall", SYS_SETSOCKOPT, S(0x40)));
        g.U32(S(0x408), 4);
        g.Words(S(0x40), (uint)s, 0xffff, 0x0020, S(0x404), S(0x408));
        Assert.AreEqual(0, g.Call("socketcall", SYS_GETSOCKOPT, S(0x40)));
        Assert.AreEqual(1u, g.U32(S(0x404)));
        Assert.AreEqual(g.Error(22 /* EINVAL */), g.Call("socketcall", 99, S(0x40)));
    }
}
