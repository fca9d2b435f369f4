namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>B, BL, BX, BXJ, BLX; interworking to Thumb exits as unsupported.</summary>
[TestClass]
public sealed class BranchTests
{
    [TestMethod]
    [DataRow("ea000002", "b .+16", "", "pc=0x10010")]
    [DataRow("eafffffc", "b .-8", "", "pc=0xfff8")]
    // (no "b ." row: a block jumping to itself is a loop the IL tier runs forever)
    [DataRow("eaffffff", "b .+4", "", "pc=0x10004")]
    [DataRow("eb000002", "bl .+16", "", "lr=0x10004 pc=0x10010")]
    [DataRow("ebffbffe", "bl .-0x10000", "", "lr=0x10004 pc=0")]
    [DataRow("0a000002", "beq .+16", "z=1", "pc=0x10010")]
    [DataRow("0a000002", "beq .+16", "z=0", "pc=0x10004")]
    [DataRow("1b000002", "blne .+16", "z=1", "pc=0x10004")]
    [DataRow("1b000002", "blne .+16", "z=0", "lr=0x10004 pc=0x10010")]
    [DataRow("e2800001 ea000000 e2800001", "add r0, r0, #1; b .+8; add r0, r0, #1", "r0=1", "r0=2 pc=0x1000c")]
    public void Immediate(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("e12fff1e", "bx lr", "lr=0x10100", "pc=0x10100")]
    [DataRow("e12fff10", "bx r0", "r0=0x10102", "pc=0x10100")]
    [DataRow("e12fff10", "bx r0", "r0=0x10101", "exit=Unsupported pc=0x10000 arg=1")]
    [DataRow("012fff1e", "bxeq lr", "lr=0x10100 z=0", "pc=0x10004")]
    [DataRow("e12fff20", "bxj r0", "r0=0x10100", "pc=0x10100")]
    [DataRow("e12fff20", "bxj r0", "r0=0x10105", "exit=Unsupported pc=0x10000 arg=1")]
    [DataRow("e12fff33", "blx r3", "r3=0x10200", "lr=0x10004 pc=0x10200")]
    [DataRow("e12fff3e", "blx lr", "lr=0x10200", "lr=0x10004 pc=0x10200")]
    [DataRow("e12fff33", "blx r3", "r3=0x10201", "lr=0x10004 exit=Unsupported pc=0x10000 arg=1")]
    [DataRow("112fff33", "blxne r3", "r3=0x10200 z=1", "pc=0x10004")]
    [DataRow("fa000002", "blx .+16", "", "exit=Unsupported pc=0x10000 arg=1")]
    [DataRow("fb000002", "blx .+18", "", "exit=Unsupported pc=0x10000 arg=1")]
    public void Register(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);
}
