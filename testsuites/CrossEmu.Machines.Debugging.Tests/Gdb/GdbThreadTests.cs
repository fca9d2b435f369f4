using CrossEmu.Machines.Debugging.Gdb;
using static CrossEmu.Machines.Debugging.Tests.Gdb.GdbSessionTests;

namespace CrossEmu.Machines.Debugging.Tests.Gdb;

/// <summary>The thread packets, against a fake process 0x42 with threads 0x42 (main), 0x43 and 0x44.</summary>
[TestClass]
public sealed class GdbThreadTests
{
    static FakeTarget ThreeThreads() => new(0x43, 0x44);

    [TestMethod]
    public void EveryThreadIsListedNamedAndAlive()
    {
        var replies = Exchange(ThreeThreads(), "QStartNoAckMode", "qfThreadInfo", "qsThreadInfo", "qC", "T43", "T99", "Tzz",
            "qThreadExtraInfo,43", "qXfer:threads:read::0,1000");
        CollectionAssert.AreEqual(new[] { "OK", "m42,43,44", "l", "QC42", "OK", "E01", "E01" }, replies.Take(7).ToList());
        Assert.AreEqual(GdbHex.Encode("worker<43>"u8.ToArray()), replies[7]);
        StringAssert.StartsWith(replies[8], "l<?xml");
        StringAssert.Contains(replies[8], "<thread id=\"42\" name=\"main\"/>");
        StringAssert.Contains(replies[8], "<thread id=\"44\" name=\"worker&lt;44&gt;\"/>", "names are escaped");
    }

    [TestMethod]
    public void HgSelectsTheThreadWhoseRegistersAreReadAndWritten()
    {
        var t = ThreeThreads();
        t.Values[0] = 0x11;
        t.ThreadValues[0x43][0] = 0x22;
        var replies = Exchange(t, "QStartNoAckMode", "p0", "Hg43", "p0", "P1=78563412", "Hg99", "Hg0", "g", "Hg42", "p0");
        CollectionAssert.AreEqual(new[] { "OK", "11000000", "OK", "22000000", "OK", "E01", "OK" }, replies.Take(7).ToList());
        StringAssert.StartsWith(replies[7], "2200000078563412", "Hg0 (any) keeps the selection; g reads thread 43");
        Assert.AreEqual("11000000", replies[9]);
        Assert.AreEqual(0x12345678u, t.ThreadValues[0x43][1]);
        Assert.AreEqual(0u, t.Values[1], "the main thread's r1 is untouched");
    }

    [TestMethod]
    public void TheStoppedThreadIsInTheStopReplyAndBecomesCurrent()
    {
        var t = ThreeThreads();
        t.ThreadValues[0x44][0] = 0x44;
        t.NextStop = GdbStop.Signal(GdbSignals.Trap, 0x44);
        var replies = Exchange(t, "QStartNoAckMode", "?", "vCont;c", "qC", "p0", "?");
        CollectionAssert.AreEqual(new[] { "OK", "T05thread:42;", "T05thread:44;", "QC44", "44000000", "T05thread:44;" }, replies);
    }

    [TestMethod]
    public void LegacyResumesFollowHc()
    {
        var t = ThreeThreads();
        var replies = Exchange(t, "QStartNoAckMode", "Hc43", "s", "c", "Hc-1", "s", "c", "Hg44", "Hc0", "S05", "Hc99");
        Assert.AreEqual("E01", replies[^1], "Hc of a thread that does not exist");
        // A named Hc thread alone resumes; else s steps the current thread and c resumes every thread.
        CollectionAssert.AreEqual(new[] { "s:43", "c:43", "s:42", "c", "s05:44" }, t.Resumes);
    }

    [TestMethod]
    public void WithMultiprocessIdsArePidDotTid()
    {
        var t = ThreeThreads();
        t.ThreadValues[0x43][0] = 0x33;
        t.NextStop = GdbStop.Signal(GdbSignals.Trap, 0x43);
        var replies = Exchange(t, "QStartNoAckMode", "qSupported:multiprocess+;swbreak+", "qfThreadInfo", "qC", "Hgp42.43", "p0", "vCont;s:p42.43",
            "qXfer:threads:read::0,1000");
        StringAssert.EndsWith(replies[1], ";multiprocess+");
        CollectionAssert.AreEqual(new[] { "mp42.42,p42.43,p42.44", "QCp42.42", "OK", "33000000", "T05thread:p42.43;" }, replies.Skip(2).Take(5).ToList());
        StringAssert.Contains(replies[7], "<thread id=\"p42.43\"");
        CollectionAssert.AreEqual(new[] { "s:43" }, t.Resumes);
        var exited = new FakeTarget { NextStop = GdbStop.Exited(3) };
        Assert.AreEqual("W03;process:42", Exchange(exited, "QStartNoAckMode", "qSupported:multiprocess+", "c")[2]);
    }
}
