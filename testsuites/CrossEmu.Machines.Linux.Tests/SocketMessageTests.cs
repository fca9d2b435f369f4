using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>sendmsg and recvmsg on every ABI: the 32-bit msghdr and cmsghdr, SCM_RIGHTS both ways, MSG_CTRUNC.</summary>
[TestClass]
public sealed class SocketMessageTests
{
    const uint AF_UNIX = 1, SCM_RIGHTS = 1, SCM_CREDENTIALS = 2, MSG_CTRUNC = 8, MSG_CMSG_CLOEXEC = 0x40000000;
    const int EBADF = 9;
    static uint S(uint offset) => AnyGuest.Scratch + offset;

    static bool IsMips(AnyGuest g) => g.Abi.Name.StartsWith("mips", StringComparison.Ordinal);
    static uint SolSocket(AnyGuest g) => IsMips(g) ? 0xffffu : 1u;
    static uint Datagram(AnyGuest g) => IsMips(g) ? 1u : 2u;

    static (uint A, uint B) Pair(AnyGuest g)
    {
        Assert.AreEqual(0, g.Call("socketpair", AF_UNIX, Datagram(g), 0, S(0)));
        return (g.U32(S(0)), g.U32(S(4)));
    }

    /// <summary>Sends one byte of data with the descriptors as SCM_RIGHTS (none: no control data).</summary>
    static long SendFds(AnyGuest g, uint socket, params uint[] fds)
    {
        uint control = fds.Length == 0 ? 0 : S(0x600), controlLength = (uint)(fds.Length == 0 ? 0 : 12 + 4 * fds.Length);
        g.Words(S(0x400), 0, 0, S(0x500), 1, control, controlLength, 0);   // struct msghdr
        g.Words(S(0x500), S(0x700), 1);                                    // struct iovec
        g.PutString(S(0x700), "x");
        if (fds.Length > 0) g.Words(S(0x600), [controlLength, SolSocket(g), SCM_RIGHTS, .. fds]);
        return g.Call("sendmsg", socket, S(0x400), 0);
    }

    /// <summary>recvmsg with room bytes of control buffer at 0xa00; the msghdr is at 0x800.</summary>
    static long Receive(AnyGuest g, uint socket, uint room, uint flags = 0)
    {
        g.Write(S(0xa00), new byte[64]);
        g.Words(S(0x800), 0, 0, S(0x900), 1, room == 0 ? 0 : S(0xa00), room, 0xdead);
        g.Words(S(0x900), S(0xb00), 64);
        return g.Call("recvmsg", socket, S(0x800), flags);
    }

    static uint ControlLength(AnyGuest g) => g.U32(S(0x814));
    static uint Flags(AnyGuest g) => g.U32(S(0x818));

    static string TempFile(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"crossemu-scm-{Guid.NewGuid():N}");
        File.WriteAllText(path, text);
        return path;
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    [DataRow("mipsel")]
    public void PassedDescriptorArrivesUnderANewNumberAndReadsTheSameFile(string abi)
    {
        using var g = AnyGuest.Of(abi);
        string path = TempFile("hello scm rights");
        long file = g.Call("openat", unchecked((uint)-100), g.PutString(S(0x1000), path), 0, 0);
        Assert.IsGreaterThanOrEqualTo(0, file);
        var (a, b) = Pair(g);
        Assert.AreEqual(1, SendFds(g, a, (uint)file));
        Assert.AreEqual(1, Receive(g, b, 16));
        Assert.AreEqual(16u, ControlLength(g), "CMSG_SPACE(4) used");
        Assert.AreEqual(0u, Flags(g));
        Assert.AreEqual(16u, g.U32(S(0xa00)), "cmsg_len CMSG_LEN(4)");
        Assert.AreEqual(SolSocket(g), g.U32(S(0xa04)));
        Assert.AreEqual(SCM_RIGHTS, g.U32(S(0xa08)));
        uint received = g.U32(S(0xa0c));
        Assert.AreNotEqual((uint)file, received);
        Assert.IsNotNull(g.Process.Files[(int)received], "installed in the guest's table");
        Assert.IsFalse(g.Process.Files[(int)received]!.CloseOnExec);
        Assert.AreEqual(5, g.Call("read", (uint)file, S(0x1100), 5));
        Assert.AreEqual(11, g.Call("read", received, S(0x1100), 64), "the same open file: the offset is shared");
        Assert.AreEqual(" scm rights", g.String(S(0x1100), 11));
        File.Delete(path);
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void TooSmallControlBufferInstallsWhatFitsAndSetsCtrunc(string abi)
    {
        using var g = AnyGuest.Of(abi);
        var (a, b) = Pair(g);
        Assert.AreEqual(1, SendFds(g, a, 0, 1, 2));
        int before = g.Process.Files.Numbers.Count;
        Assert.AreEqual(1, Receive(g, b, 16));
        Assert.AreEqual(MSG_CTRUNC, Flags(g) & MSG_CTRUNC);
        Assert.AreEqual(16u, g.U32(S(0xa00)), "one descriptor: CMSG_LEN(4)");
        Assert.AreEqual(16u, ControlLength(g));
        Assert.AreEqual(before + 1, g.Process.Files.Numbers.Count, "one installed, the other two closed");

        Assert.AreEqual(1, SendFds(g, a, 0, 1));
        before = g.Process.Files.Numbers.Count;
        Assert.AreEqual(1, Receive(g, b, 12), "room for a header only");
        Assert.AreEqual(MSG_CTRUNC, Flags(g) & MSG_CTRUNC);
        Assert.AreEqual(0u, ControlLength(g));
        Assert.AreEqual(before, g.Process.Files.Numbers.Count);

        Assert.AreEqual(1, SendFds(g, a, 1));
        Assert.AreEqual(1, Receive(g, b, 0), "no control buffer at all");
        Assert.AreEqual(MSG_CTRUNC, Flags(g) & MSG_CTRUNC);
        Assert.AreEqual(before, g.Process.Files.Numbers.Count);

        Assert.AreEqual(1, SendFds(g, a));
        Assert.AreEqual(1, Receive(g, b, 16), "a message without descriptors");
        Assert.AreEqual(0u, Flags(g));
        Assert.AreEqual(0u, ControlLength(g));
    }

    [TestMethod]
    public void MsgCmsgCloexecMakesTheNewDescriptorCloseOnExec()
    {
        using var g = AnyGuest.Of("arm");
        var (a, b) = Pair(g);
        Assert.AreEqual(1, SendFds(g, a, 1));
        Assert.AreEqual(1, Receive(g, b, 16, MSG_CMSG_CLOEXEC));
        Assert.IsTrue(g.Process.Files[(int)g.U32(S(0xa0c))]!.CloseOnExec);
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void SendingAClosedDescriptorIsEbadf(string abi)
    {
        using var g = AnyGuest.Of(abi);
        var (a, _) = Pair(g);
        Assert.AreEqual(g.Error(EBADF), SendFds(g, a, 1, 900));
    }

    [TestMethod]
    [DataRow("arm", 16u)]
    [DataRow("mips", 17u)]
    public void PassCredentialsDeliversTheSendersUcred(string abi, uint soPasscred)
    {
        using var g = AnyGuest.Of(abi);
        var (a, b) = Pair(g);
        g.U32(S(0x40), 1);
        Assert.AreEqual(0, g.Call("setsockopt", b, SolSocket(g), soPasscred, S(0x40), 4));
        Assert.AreEqual(1, SendFds(g, a));
        Assert.AreEqual(1, Receive(g, b, 24));
        Assert.AreEqual(24u, g.U32(S(0xa00)), "CMSG_LEN(sizeof(struct ucred))");
        Assert.AreEqual(SolSocket(g), g.U32(S(0xa04)));
        Assert.AreEqual(SCM_CREDENTIALS, g.U32(S(0xa08)));
        Assert.AreEqual((uint)Environment.ProcessId, g.U32(S(0xa0c)), "pid, in the guest's byte order");
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void SendmmsgAndRecvmmsgLoopOverMmsghdrs(string abi)
    {
        using var g = AnyGuest.Of(abi);
        var (a, b) = Pair(g);
        // struct mmsghdr { struct msghdr msg_hdr; unsigned msg_len; }: 32 bytes; one iovec each.
        g.PutString(S(0x700), "onetwo!");
        g.Words(S(0x500), S(0x700), 3, S(0x703), 4);
        g.Words(S(0x400), 0, 0, S(0x500), 1, 0, 0, 0, 0xdead);
        g.Words(S(0x420), 0, 0, S(0x508), 1, 0, 0, 0, 0xdead);
        Assert.AreEqual(2, g.Call("sendmmsg", a, S(0x400), 2, 0));
        Assert.AreEqual(3u, g.U32(S(0x41c)), "msg_len of the first");
        Assert.AreEqual(4u, g.U32(S(0x43c)));
        for (uint i = 0; i < 3; i++)
        {
            g.Words(S(0x900 + 8 * i), S(0xb00 + 0x10 * i), 16);
            g.Words(S(0x800 + 32 * i), 0, 0, S(0x900 + 8 * i), 1, 0, 0, 0, 0);
        }
        Assert.AreEqual(2, g.Call("recvmmsg", b, S(0x800), 3, 0x10000 /* MSG_WAITFORONE */, 0), "then nothing more to wait for");
        Assert.AreEqual(3u, g.U32(S(0x81c)));
        Assert.AreEqual(4u, g.U32(S(0x83c)));
        Assert.AreEqual("one", g.String(S(0xb00), 3));
        Assert.AreEqual("two!", g.String(S(0xb10), 4));
    }
}
