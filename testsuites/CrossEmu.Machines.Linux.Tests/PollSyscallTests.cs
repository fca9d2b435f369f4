using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

[TestClass]
public sealed class PollSyscallTests
{
    static uint S(uint offset) => ArmProcessFixture.Scratch + offset;

    static (uint Read, uint Write) Pipe(ArmProcessFixture f)
    {
        Assert.AreEqual(0, f.Call("pipe", S(0)));
        return (f.U32(S(0)), f.U32(S(4)));
    }

    [TestMethod]
    public void PollSeesDataInAPipe()
    {
        using var f = new ArmProcessFixture();
        var (r, w) = Pipe(f);
        // struct pollfd { int fd; short events; short revents; }
        f.Memory.WriteUnchecked(S(0x100), [.. BitConverter.GetBytes(r), 1, 0, 0, 0]);
        Assert.AreEqual(0, f.Call("poll", S(0x100), 1, 0), "nothing to read yet");
        Assert.AreEqual(1, f.Call("write", w, S(0x200), 1));
        Assert.AreEqual(1, f.Call("poll", S(0x100), 1, 1000));
        Assert.AreEqual(1, BitConverter.ToInt16(f.Read(S(0x106), 2)), "revents POLLIN");
        f.Call("close", r); f.Call("close", w);
    }

    [TestMethod]
    public void SelectSeesReadableAndWritable()
    {
        using var f = new ArmProcessFixture();
        var (r, w) = Pipe(f);
        uint nfds = Math.Max(r, w) + 1;
        uint readSet = S(0x100), writeSet = S(0x200), timeout = S(0x300);
        f.Memory.WriteUnchecked(timeout, new byte[8]); // zero timeval: just look
        f.Memory.WriteUnchecked(readSet, FdSet(r));
        f.Memory.WriteUnchecked(writeSet, FdSet(w));
        Assert.AreEqual(1, f.Call("_newselect", nfds, readSet, writeSet, 0, timeout), "only the write end is ready");
        CollectionAssert.AreEqual(FdSet(), f.Read(readSet, 128));
        CollectionAssert.AreEqual(FdSet(w), f.Read(writeSet, 128));
        f.Call("write", w, S(0x400), 1);
        f.Memory.WriteUnchecked(readSet, FdSet(r));
        Assert.AreEqual(1, f.Call("pselect6", nfds, readSet, 0, 0, 0, 0));
        CollectionAssert.AreEqual(FdSet(r), f.Read(readSet, 128));
        f.Call("close", r); f.Call("close", w);
    }

    /// <summary>A 1024-bit fd_set (32-bit little-endian words) with the given descriptors.</summary>
    static byte[] FdSet(params uint[] fds)
    {
        var words = new uint[32];
        foreach (var fd in fds) words[fd / 32] |= 1u << (int)(fd % 32);
        return words.SelectMany(BitConverter.GetBytes).ToArray();
    }

    [TestMethod]
    public void SelectOnAClosedFdIsEbadf()
    {
        using var f = new ArmProcessFixture();
        const int fd = 1000; // far above what this test process has open (tests run in parallel)
        f.Memory.WriteUnchecked(S(0x100), new byte[128]);
        f.Memory.WriteUnchecked(S(0x100 + 4 * (fd / 32)), BitConverter.GetBytes(1u << (fd % 32)));
        f.Memory.WriteUnchecked(S(0x300), new byte[8]);
        Assert.AreEqual(-9, f.Call("_newselect", fd + 1, S(0x100), 0, 0, S(0x300)));
    }

    [TestMethod]
    public void TimesAndGetrusage()
    {
        using var f = new ArmProcessFixture();
        Assert.AreNotEqual(0, f.Call("times", S(0)));
        Assert.AreEqual(0, f.Call("getrusage", 0 /* RUSAGE_SELF */, S(0x100)));
        uint userSeconds = f.U32(S(0x100)), userMicros = f.U32(S(0x104));
        Assert.IsTrue(userSeconds > 0 || userMicros > 0, "this test process has used some CPU");
        Assert.IsTrue(userMicros < 1_000_000);
        Assert.IsTrue(f.U32(S(0x100 + 16)) > 0, "ru_maxrss follows the two timevals");
    }
}
