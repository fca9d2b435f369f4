using CrossEmu.Machines.Debugging.Gdb;

namespace CrossEmu.Machines.Debugging.Tests.Gdb;

/// <summary>Packet framing: checksums, acknowledgements, escaping, the interrupt byte.</summary>
[TestClass]
public sealed class GdbPacketStreamTests
{
    [TestMethod]
    public void FrameAddsTheModulo256Checksum()
    {
        Assert.AreEqual("$OK#9a", GdbPacketStream.Frame("OK"));
        Assert.AreEqual("$#00", GdbPacketStream.Frame(""));
        Assert.AreEqual("$g#67", GdbPacketStream.Frame("g"));
    }

    [TestMethod]
    public void SpecialBytesAreEscapedWithXor0x20()
    {
        Assert.AreEqual("a}\u0003b}\u0004}]}\u000a", GdbPacketStream.Escape("a#b$}*"));
        Assert.AreEqual("a#b$}*", GdbPacketStream.Unescape(GdbPacketStream.Escape("a#b$}*")));
    }

    [TestMethod]
    public void AGoodPacketIsAcknowledgedAndUnescaped()
    {
        var c = new ScriptedConnection("+$m1000,4#8e$X10,1:}]#2a");
        var p = new GdbPacketStream(c);
        Assert.AreEqual("m1000,4", p.ReadPacket());
        Assert.AreEqual("X10,1:}", p.ReadPacket());
        Assert.IsNull(p.ReadPacket(), "end of input");
        Assert.AreEqual("++", c.Sent);
    }

    [TestMethod]
    public void ABadChecksumIsRefusedAndTheResentPacketTaken()
    {
        var c = new ScriptedConnection("$g#00$g#67");
        var p = new GdbPacketStream(c);
        Assert.AreEqual("g", p.ReadPacket());
        Assert.AreEqual("-+", c.Sent);
    }

    [TestMethod]
    public void TheInterruptByteIsReportedOnItsOwn()
    {
        var p = new GdbPacketStream(new ScriptedConnection("\u0003$?#3f"));
        Assert.AreEqual(GdbPacketStream.Interrupt, p.ReadPacket());
        Assert.AreEqual("?", p.ReadPacket());
    }

    [TestMethod]
    public void AReplyIsResentUntilAcknowledged()
    {
        var c = new ScriptedConnection("-+");
        new GdbPacketStream(c).WritePacket("OK");
        Assert.AreEqual("$OK#9a$OK#9a", c.Sent);
    }

    [TestMethod]
    public void NoAckModeNeitherSendsNorWaitsForAcks()
    {
        var c = new ScriptedConnection("$g#67");
        var p = new GdbPacketStream(c) { NoAck = true };
        Assert.AreEqual("g", p.ReadPacket());
        p.WritePacket("OK");
        Assert.AreEqual("$OK#9a", c.Sent);
    }

    [TestMethod]
    public void RegisterValuesTravelInTargetByteOrder()
    {
        Assert.AreEqual("12345678", GdbHex.Value(0x12345678, bigEndian: true));
        Assert.AreEqual("78563412", GdbHex.Value(0x12345678, bigEndian: false));
        Assert.IsTrue(GdbHex.TryParseValue("78563412", bigEndian: false, out uint v));
        Assert.AreEqual(0x12345678u, v);
        Assert.IsFalse(GdbHex.TryParseValue("7856", bigEndian: false, out _));
    }
}
