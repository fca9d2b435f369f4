using CrossEmu.Frontends.Arm;
using CrossEmu.Machines.Debugging.Gdb;

namespace CrossEmu.Machines.Debugging.Tests.Gdb;

/// <summary>The stub's answers to a scripted gdb, against a target that records what it was asked.</summary>
[TestClass]
public sealed class GdbSessionTests
{
    /// <summary>A process 0x42 whose main thread is 0x42; more threads come with ExtraThreads, each with its registers.</summary>
    internal sealed class FakeTarget : IGdbTarget
    {
        public readonly Dictionary<int, uint[]> ThreadValues = new() { [0x42] = new uint[17] };
        public uint[] Values => ThreadValues[0x42];
        public readonly byte[] Memory = new byte[0x100];
        public readonly HashSet<uint> Breakpoints = new();
        public readonly List<string> Resumes = new();
        public GdbStop NextStop = GdbStop.Trap;
        public bool Killed;

        public FakeTarget(params int[] extraThreads)
        {
            foreach (int t in extraThreads) ThreadValues[t] = new uint[17];
        }

        public GdbRegisterMap Registers { get; } = GdbRegisterMap.From(ArmRegisters.Table, bigEndian: false);
        public int ProcessId => 0x42;
        public byte[] Auxv = [];
        public ReadOnlySpan<byte> AuxiliaryVector => Auxv;
        public IReadOnlyList<int> Threads => ThreadValues.Keys.ToList();
        public string? ThreadName(int thread) => thread == 0x42 ? "main" : $"worker<{thread:x}>";
        public uint? ReadRegister(int thread, int number) => ThreadValues.TryGetValue(thread, out var v) ? v[number] : null;

        public bool WriteRegister(int thread, int number, uint value)
        {
            if (!ThreadValues.TryGetValue(thread, out var v)) return false;
            v[number] = value;
            return true;
        }

        public bool ReadMemory(uint address, Span<byte> into)
        {
            if (address + into.Length > Memory.Length) return false;
            Memory.AsSpan((int)address, into.Length).CopyTo(into);
            return true;
        }

        public bool WriteMemory(uint address, ReadOnlySpan<byte> data)
        {
            if (address + data.Length > Memory.Length) return false;
            data.CopyTo(Memory.AsSpan((int)address));
            return true;
        }

        public void InsertBreakpoint(uint address) => Breakpoints.Add(address);
        public void RemoveBreakpoint(uint address) => Breakpoints.Remove(address);
        public GdbStop Resume(GdbResumePlan plan)
        {
            Resumes.Add(Describe(plan));
            return NextStop;
        }
        public void RequestInterrupt() { }
        public void Kill() => Killed = true;
    }

    /// <summary>A plan as vCont would write it: the named threads (in hex, sorted), then the others' action.</summary>
    internal static string Describe(GdbResumePlan plan)
    {
        static string Verb(GdbResumeAction a) => (a.Step ? "s" : "c") + (a.Signal != 0 ? $"{a.Signal:x2}" : "");
        var parts = plan.Threads.OrderBy(kv => kv.Key).Select(kv => $"{Verb(kv.Value)}:{kv.Key:x}").ToList();
        if (plan.Others is { } o) parts.Add(Verb(o));
        return string.Join(';', parts);
    }

    /// <summary>Sends the packets (in no-ack mode after the first), returns the replies' payloads.</summary>
    internal static List<string> Exchange(FakeTarget target, params string[] packets)
    {
        var input = string.Concat(packets.Select(p => GdbPacketStream.Frame(p) + (p == "QStartNoAckMode" ? "+" : "")));
        var connection = new ScriptedConnection(input);
        new GdbSession(new GdbPacketStream(connection), target).Serve();
        return connection.Sent.Split('$', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.TrimStart('+', '-')).Where(r => r.Contains('#')).Select(r => r[..r.LastIndexOf('#')]).ToList();
    }

    [TestMethod]
    public void QueriesAndTheInitialStop()
    {
        var replies = Exchange(new FakeTarget(), "QStartNoAckMode", "qSupported:swbreak+;hwbreak+", "vMustReplyEmpty", "?", "qAttached", "qOffsets",
            "qfThreadInfo", "qsThreadInfo", "Hg0", "qTStatus");
        CollectionAssert.AreEqual(new[]
        {
            "OK", "PacketSize=4000;qXfer:features:read+;qXfer:auxv:read+;qXfer:threads:read+;QStartNoAckMode+;vContSupported+", "", "T05thread:42;", "1",
            "Text=0;Data=0;Bss=0", "m42", "l", "OK", "",
        }, replies);
    }

    [TestMethod]
    public void TargetXmlIsReadInParts()
    {
        string xml = GdbRegisterMap.From(ArmRegisters.Table, bigEndian: false).TargetXml;
        var replies = Exchange(new FakeTarget(), "QStartNoAckMode", "qXfer:features:read:target.xml:0,10",
            $"qXfer:features:read:target.xml:10,{xml.Length:x}", "qXfer:features:read:other.xml:0,10");
        Assert.AreEqual("m" + xml[..16], replies[1]);
        Assert.AreEqual("l" + xml[16..], replies[2]);
        Assert.AreEqual("E00", replies[3]);
    }

    [TestMethod]
    public void AuxvIsReadInPartsAsEscapedBinary()
    {
        // AT_PHDR (3) = 0x2a247d23 holds the four bytes the protocol escapes; then AT_NULL.
        byte[] auxv = [3, 0, 0, 0, 0x23, 0x7d, 0x24, 0x2a, 0, 0, 0, 0, 0, 0, 0, 0];
        var replies = Exchange(new FakeTarget { Auxv = auxv }, "QStartNoAckMode", "qXfer:auxv:read::0,8", "qXfer:auxv:read::8,1000", "qXfer:auxv:read::10,8");
        Assert.AreEqual("m" + System.Text.Encoding.Latin1.GetString(auxv, 0, 8), GdbPacketStream.Unescape(replies[1]));
        Assert.DoesNotContain("#", replies[1], "binary bytes go escaped");
        Assert.AreEqual("l" + System.Text.Encoding.Latin1.GetString(auxv, 8, 8), replies[2]);
        Assert.AreEqual("l", replies[3], "past the end");
    }

    [TestMethod]
    public void RegistersAndMemory()
    {
        var t = new FakeTarget();
        t.Values[0] = 0x11223344;
        t.Memory[0x10] = 0xab;
        var replies = Exchange(t, "QStartNoAckMode", "p0", "P1=78563412", "m10,2", "M20,2:cafe", "X30,2:}!", "m1000,4", "g");
        Assert.AreEqual("44332211", replies[1]);
        Assert.AreEqual("OK", replies[2]);
        Assert.AreEqual(0x12345678u, t.Values[1]);
        Assert.AreEqual("ab00", replies[3]);
        Assert.AreEqual("OK", replies[4]);
        Assert.AreEqual(0xca, t.Memory[0x20]);
        Assert.AreEqual("OK", replies[5]);
        Assert.AreEqual((byte)'}', t.Memory[0x30]);
        Assert.AreEqual((byte)'!', t.Memory[0x31]);
        Assert.AreEqual("E14", replies[6]);
        Assert.AreEqual(17 * 8, replies[7].Length);
        Assert.StartsWith("4433221178563412", replies[7]);
    }

    [TestMethod]
    public void BreakpointsStepsContinuesAndSignals()
    {
        var t = new FakeTarget();
        var replies = Exchange(t, "QStartNoAckMode", "Z0,10578,4", "Z1,1057c,4", "z1,1057c,4", "Z2,2000,4", "vCont?", "vCont;c", "vCont;s:1",
            "C0b", "S04", "s", "c");
        CollectionAssert.AreEqual(new[] { "OK", "OK", "OK", "OK", "", "vCont;c;C;s;S" }, replies.Take(6).ToList());
        CollectionAssert.AreEqual(new uint[] { 0x10578 }, t.Breakpoints.ToList());
        // With one thread, s steps it (the current one) and c resumes all.
        CollectionAssert.AreEqual(new[] { "c", "s:1", "c0b", "s04:42", "s:42", "c" }, t.Resumes);
    }

    [TestMethod]
    public void MalformedVContIsAnErrorAndResumesNothing()
    {
        var t = new FakeTarget();
        var replies = Exchange(t, "QStartNoAckMode", "vCont;C", "vCont;S", "vCont;c:zz", "vCont;C123", "vCont;cx", "vCont;s:p42.",
            "vCont;c;C:1", "vCont;t", "vCont;r1000,2000");
        CollectionAssert.AreEqual(new[] { "OK", "E22", "E22", "E22", "E22", "E22", "E22", "E22", "", "" }, replies);
        Assert.IsEmpty(t.Resumes);
    }

    [TestMethod]
    public void VContActionsGoToTheThreadsTheyNameInEveryIdForm()
    {
        var t = new FakeTarget();
        Exchange(t, "QStartNoAckMode", "vCont;s:p42.42;c", "vCont;C0b:-1", "vCont;S05:p42.-1", "vCont;c:0", "vCont;s:p-1", "vCont;s:43;s:43;c:44");
        // 0 (any) is the current thread; -1 and pPID are every thread; the leftmost action naming a thread wins.
        CollectionAssert.AreEqual(new[] { "s:42;c", "c0b", "s05", "c:42", "s", "s:43;c:44" }, t.Resumes);
    }

    [TestMethod]
    public void ExitAndDeathAreWAndX()
    {
        var exited = new FakeTarget { NextStop = GdbStop.Exited(7) };
        Assert.AreEqual("W07", Exchange(exited, "QStartNoAckMode", "c")[1]);
        var killed = new FakeTarget { NextStop = GdbStop.Killed(11) };
        Assert.AreEqual("X0b", Exchange(killed, "QStartNoAckMode", "c")[1]);
    }

    [TestMethod]
    public void AnInterruptWhileStoppedGetsNoReply()
    {
        var c = new ScriptedConnection("\u0003" + GdbPacketStream.Frame("?") + "+");
        new GdbSession(new GdbPacketStream(c), new FakeTarget()).Serve();
        Assert.AreEqual("+$T05thread:42;#" + GdbPacketStream.Checksum("T05thread:42;").ToString("x2"), c.Sent);
    }

    [TestMethod]
    public void KillAndDetachEndTheSession()
    {
        var t = new FakeTarget();
        var input = new ScriptedConnection(GdbPacketStream.Frame("k"));
        Assert.AreEqual(GdbSessionEnd.Killed, new GdbSession(new GdbPacketStream(input), t).Serve());
        Assert.IsTrue(t.Killed);
        var detach = new ScriptedConnection(GdbPacketStream.Frame("D") + "+");
        Assert.AreEqual(GdbSessionEnd.Detached, new GdbSession(new GdbPacketStream(detach), new FakeTarget()).Serve());
        StringAssert.Contains(detach.Sent, "$OK#9a");
    }
}
