using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>Sockets on every ABI: socketpair, AF_INET over loopback, addresses in the guest's byte order.</summary>
[TestClass]
public sealed class SocketSyscallTests
{
    const uint AF_UNIX = 1, AF_INET = 2;
    const int EBADF = 9, EINVAL = 22, ENOTCONN = 107;
    static uint S(uint offset) => AnyGuest.Scratch + offset;

    /// <summary>The guest's SOCK_STREAM and SOCK_DGRAM (MIPS swaps them).</summary>
    static uint Stream(AnyGuest g) => g.Abi.Name.StartsWith("mips", StringComparison.Ordinal) ? 2u : 1u;
    static uint Datagram(AnyGuest g) => g.Abi.Name.StartsWith("mips", StringComparison.Ordinal) ? 1u : 2u;

    /// <summary>struct sockaddr_in for 127.0.0.1:port: the family in guest order, port and address in network order.</summary>
    static void Loopback(AnyGuest g, uint address, ushort port)
    {
        g.Write(address, new byte[16]);
        g.U16(address, (ushort)AF_INET);
        g.Write(address + 2, [(byte)(port >> 8), (byte)port, 127, 0, 0, 1]);
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    [DataRow("mipsel")]
    public void SocketpairEchoesBothWays(string abi)
    {
        using var g = AnyGuest.Of(abi);
        Assert.AreEqual(0, g.Call("socketpair", AF_UNIX, Stream(g), 0, S(0)));
        uint a = g.U32(S(0)), b = g.U32(S(4));
        Assert.AreNotEqual(a, b);
        g.PutString(S(0x100), "ping");
        Assert.AreEqual(4, g.Call("send", a, S(0x100), 4, 0));
        Assert.AreEqual(4, g.Call("recv", b, S(0x200), 64, 0));
        Assert.AreEqual("ping", g.String(S(0x200), 4));
        g.PutString(S(0x100), "pong!");
        Assert.AreEqual(5, g.Call("write", b, S(0x100), 5), "a socket is a descriptor like any other");
        Assert.AreEqual(5, g.Call("read", a, S(0x300), 64));
        Assert.AreEqual("pong!", g.String(S(0x300), 5));
        Assert.AreEqual(0, g.Call("shutdown", a, 1 /* SHUT_WR */));
        Assert.AreEqual(0, g.Call("recv", b, S(0x200), 64, 0), "end of stream after SHUT_WR");
        Assert.AreEqual(0, g.Call("close", a));
        Assert.AreEqual(0, g.Call("close", b));
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    [DataRow("mipsel")]
    public void InetLoopbackBindListenConnectAccept(string abi)
    {
        using var g = AnyGuest.Of(abi);
        long server = g.Call("socket", AF_INET, Stream(g), 0);
        Assert.IsGreaterThanOrEqualTo(0, server);
        Loopback(g, S(0x100), 0);
        Assert.AreEqual(0, g.Call("bind", (uint)server, S(0x100), 16));
        Assert.AreEqual(0, g.Call("listen", (uint)server, 4));
        g.U32(S(0x300), 64);
        Assert.AreEqual(0, g.Call("getsockname", (uint)server, S(0x200), S(0x300)));
        Assert.AreEqual(16u, g.U32(S(0x300)), "sockaddr_in's length");
        Assert.AreEqual(AF_INET, g.U16(S(0x200)), "the family in the guest's byte order");
        var bound = g.Read(S(0x202), 6);
        Assert.IsTrue(bound[0] != 0 || bound[1] != 0, "the kernel chose a port");
        CollectionAssert.AreEqual(new byte[] { 127, 0, 0, 1 }, bound[2..]);

        long client = g.Call("socket", AF_INET, Stream(g), 0);
        Assert.AreEqual(0, g.Call("connect", (uint)client, S(0x200), 16), "connect to " + Convert.ToHexString(g.Read(S(0x200), 16)));
        g.U32(S(0x500), 16);
        long accepted = g.Call("accept", (uint)server, S(0x400), S(0x500));
        Assert.IsGreaterThanOrEqualTo(0, accepted);
        Assert.AreEqual(AF_INET, g.U16(S(0x400)));
        CollectionAssert.AreEqual(new byte[] { 127, 0, 0, 1 }, g.Read(S(0x404), 4), "the peer's address");

        g.U32(S(0x700), 16);
        Assert.AreEqual(0, g.Call("getpeername", (uint)client, S(0x600), S(0x700)));
        CollectionAssert.AreEqual(bound, g.Read(S(0x602), 6), "the client's peer is the server's name");

        g.PutString(S(0x800), "over tcp");
        Assert.AreEqual(8, g.Call("sendto", (uint)client, S(0x800), 8, 0, 0, 0));
        g.U32(S(0xa00), 16);
        Assert.AreEqual(8, g.Call("recvfrom", (uint)accepted, S(0x900), 8, 0x100 /* MSG_WAITALL */, 0, 0));
        Assert.AreEqual("over tcp", g.String(S(0x900), 8));
        foreach (var fd in new[] { accepted, client, server }) Assert.AreEqual(0, g.Call("close", (uint)fd));
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void UdpRecvfromReportsTheSender(string abi)
    {
        using var g = AnyGuest.Of(abi);
        uint a = (uint)g.Call("socket", AF_INET, Datagram(g), 0), b = (uint)g.Call("socket", AF_INET, Datagram(g), 0);
        Loopback(g, S(0x100), 0);
        Assert.AreEqual(0, g.Call("bind", a, S(0x100), 16));
        Assert.AreEqual(0, g.Call("bind", b, S(0x100), 16));
        g.U32(S(0x300), 16);
        g.U32(S(0x340), 16);
        Assert.AreEqual(0, g.Call("getsockname", a, S(0x200), S(0x300)));
        Assert.AreEqual(0, g.Call("getsockname", b, S(0x240), S(0x340)));
        g.PutString(S(0x400), "datagram");
        Assert.AreEqual(8, g.Call("sendto", a, S(0x400), 8, 0, S(0x240), 16));
        g.U32(S(0x600), 128);
        Assert.AreEqual(8, g.Call("recvfrom", b, S(0x500), 64, 0, S(0x580), S(0x600)));
        Assert.AreEqual(16u, g.U32(S(0x600)));
        CollectionAssert.AreEqual(g.Read(S(0x200), 16), g.Read(S(0x580), 16), "the sender's address as getsockname gave it");
        g.U32(S(0x600), 4);
        Assert.AreEqual(8, g.Call("sendto", a, S(0x400), 8, 0, S(0x240), 16));
        Assert.AreEqual(8, g.Call("recvfrom", b, S(0x500), 64, 0, S(0x580), S(0x600)));
        Assert.AreEqual(16u, g.U32(S(0x600)), "a short buffer gets part of the address but the full length");
    }

    [TestMethod]
    public void BadArgumentsFailAsOnLinux()
    {
        using var g = AnyGuest.Of("arm");
        Assert.AreEqual(g.Error(EINVAL), g.Call("socket", AF_UNIX, 1 | 0x40000000, 0), "unknown type flag");
        Assert.AreEqual(g.Error(EBADF), g.Call("listen", 999, 1));
        Assert.AreEqual(g.Error(EINVAL), g.Call("bind", (uint)g.Call("socket", AF_INET, 1, 0), S(0), 129), "longer than sockaddr_storage");
        long s = g.Call("socket", AF_INET, 1, 0);
        g.U32(S(0x100), 16);
        Assert.AreEqual(g.Error(ENOTCONN), g.Call("getpeername", (uint)s, S(0), S(0x100)));
    }

    [TestMethod]
    [DataRow("arm", 0x800u)]
    [DataRow("mipsel", 0x80u)]
    public void SockNonblockAndCloexecAreTheAbisOpenFlags(string abi, uint nonblock)
    {
        using var g = AnyGuest.Of(abi);
        long fd = g.Call("socket", AF_UNIX, Stream(g) | nonblock | 0x80000, 0);
        Assert.IsGreaterThanOrEqualTo(0, fd);
        Assert.IsTrue(g.Process.Files[(int)fd]!.CloseOnExec, "SOCK_CLOEXEC is the guest's FD_CLOEXEC");
        Assert.AreEqual(nonblock, (uint)g.Call("fcntl64", (uint)fd, 3 /* F_GETFL */, 0) & nonblock, "O_NONBLOCK in the guest's value");
    }

    [TestMethod]
    public void AbstractAndPathUnixAddressesWork()
    {
        using var g = AnyGuest.Of("arm");
        string path = Path.Combine(Path.GetTempPath(), $"crossemu-sock-{Guid.NewGuid():N}");
        uint server = (uint)g.Call("socket", AF_UNIX, 1, 0);
        g.Write(S(0x100), new byte[110]);
        g.U16(S(0x100), (ushort)AF_UNIX);
        g.PutString(S(0x102), path);
        Assert.AreEqual(0, g.Call("bind", server, S(0x100), 110));
        Assert.IsTrue(File.Exists(path), "bind made the socket file");
        Assert.AreEqual(0, g.Call("listen", server, 1));
        uint client = (uint)g.Call("socket", AF_UNIX, 1, 0);
        Assert.AreEqual(0, g.Call("connect", client, S(0x100), (uint)(2 + path.Length + 1)));
        g.U32(S(0x300), 110);
        Assert.AreEqual(0, g.Call("getpeername", client, S(0x200), S(0x300)));
        Assert.AreEqual((uint)(2 + path.Length + 1), g.U32(S(0x300)));
        Assert.AreEqual(path, g.String(S(0x202), path.Length));
        File.Delete(path);

        // An abstract name (a leading NUL) is no path: it goes through unchanged.
        uint other = (uint)g.Call("socket", AF_UNIX, 2, 0);
        string name = $"crossemu-abstract-{Guid.NewGuid():N}";
        g.Write(S(0x400), new byte[110]);
        g.U16(S(0x400), (ushort)AF_UNIX);
        g.PutString(S(0x403), name);
        uint length = (uint)(3 + name.Length);
        Assert.AreEqual(0, g.Call("bind", other, S(0x400), length));
        g.U32(S(0x600), 110);
        Assert.AreEqual(0, g.Call("getsockname", other, S(0x500), S(0x600)));
        Assert.AreEqual(length, g.U32(S(0x600)));
        CollectionAssert.AreEqual(g.Read(S(0x400), (int)length), g.Read(S(0x500), (int)length));
    }
}
