namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// Reserved and privileged encodings end the block with ExitReason.Undefined (SIGILL) at the
/// instruction, the word as the argument, and no state change. Rows whose text starts with '#'
/// are hand-encoded.
/// </summary>
[TestClass]
public sealed class UndefinedTests
{
    [TestMethod]
    [DataRow("40026000", "mfc0 $v0, $12", "", "exit=Undefined pc=0x10000 arg=0x40026000")]
    [DataRow("40826000", "mtc0 $v0, $12", "", "exit=Undefined pc=0x10000 arg=0x40826000")]
    [DataRow("42000018", "eret", "", "exit=Undefined pc=0x10000 arg=0x42000018")]
    [DataRow("42000020", "wait", "", "exit=Undefined pc=0x10000 arg=0x42000020")]
    [DataRow("41606000", "di", "", "exit=Undefined pc=0x10000 arg=0x41606000")]
    [DataRow("bc800000", "cache 0, 0($a0)", "a0=0x20010", "exit=Undefined pc=0x10000 arg=0xbc800000")]
    [DataRow("7000003f", "sdbbp # noqemu (qemu aborts: unhandled debug exception)", "", "exit=Undefined pc=0x10000 arg=0x7000003f")]
    [DataRow("ffffffff", "#all ones", "", "exit=Undefined pc=0x10000 arg=0xffffffff")]
    [DataRow("00851005", "#SPECIAL function 5 # noqemu (qemu runs it as a PMON call)", "", "exit=Undefined pc=0x10000 arg=0x00851005")]
    [DataRow("74000000", "#jalx 0 # noqemu (no MIPS16 here; qemu switches to MIPS16)", "", "exit=Undefined pc=0x10000 arg=0x74000000")]
    [DataRow("48000000", "#COP2", "", "exit=Undefined pc=0x10000 arg=0x48000000")]
    [DataRow("c8000000", "#lwc2", "", "exit=Undefined pc=0x10000 arg=0xc8000000")]
    [DataRow("60000000", "#opcode 24 (MIPS64 daddi)", "", "exit=Undefined pc=0x10000 arg=0x60000000")]
    [DataRow("7c851010", "#addu.qb $v0, $a0, $a1 (DSP: the 24Kf has none)", "", "exit=Undefined pc=0x10000 arg=0x7c851010")]
    [DataRow("24420001 ffffffff", "#addiu $v0, $v0, 1; undefined", "", "v0=0xdead0003 exit=Undefined pc=0x10004 arg=0xffffffff")]
    [DataRow("00221021", "#addu $v0, $at, $v0 with sa = 0 is fine", "", "v0=0xbd5a0003")]
    [DataRow("00221061", "#addu with sa != 0 (qemu ignores sa; reserved here) # noqemu", "", "exit=Undefined pc=0x10000 arg=0x00221061")]
    [DataRow("00221040", "#sll with rs != 0 (qemu ignores rs; reserved here) # noqemu", "", "exit=Undefined pc=0x10000 arg=0x00221040")]
    public void Reserved(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);
}
