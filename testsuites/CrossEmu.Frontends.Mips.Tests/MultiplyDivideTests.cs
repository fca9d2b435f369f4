namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// MUL, the HI:LO multiplies and multiply-accumulates, divides (division by zero leaves what
/// qemu leaves: LO = rs, HI = 0), and the HI/LO moves.
/// </summary>
[TestClass]
public sealed class MultiplyDivideTests
{
    [TestMethod]
    [DataRow("70851002", "mul $v0, $a0, $a1", "a0=-3 a1=7", "v0=0xffffffeb")]
    [DataRow("70851002", "mul $v0, $a0, $a1", "a0=0x12345678 a1=0x9abcdef0", "v0=0x242d2080")]
    [DataRow("70801002", "mul $v0, $a0, $zero", "a0=5", "v0=0x0")]
    [DataRow("00850018", "mult $a0, $a1", "a0=-3 a1=7", "hi=0xffffffff lo=0xffffffeb")]
    [DataRow("00850018", "mult $a0, $a1", "a0=0x80000000 a1=0x80000000", "hi=0x40000000 lo=0x0")]
    [DataRow("00850019", "multu $a0, $a1", "a0=-1 a1=-1", "hi=0xfffffffe lo=0x1")]
    [DataRow("00850019", "multu $a0, $a1", "a0=0x12345678 a1=0x9abcdef0", "hi=0xb00ea4e lo=0x242d2080")]
    [DataRow("00800018", "mult $a0, $zero", "a0=5", "hi=0x0 lo=0x0")]
    [DataRow("70850000", "madd $a0, $a1", "a0=-3 a1=7 hi=0 lo=100", "lo=0x4f")]
    [DataRow("70850000", "madd $a0, $a1", "a0=-1 a1=1 hi=0 lo=0", "hi=0xffffffff lo=0xffffffff")]
    [DataRow("70850001", "maddu $a0, $a1", "a0=-1 a1=-1 hi=1 lo=0xffffffff", "hi=0x0 lo=0x0")]
    [DataRow("70850004", "msub $a0, $a1", "a0=-3 a1=7 hi=0 lo=0", "lo=0x15")]
    [DataRow("70850004", "msub $a0, $a1", "a0=2 a1=3 hi=0x80000000 lo=0", "hi=0x7fffffff lo=0xfffffffa")]
    [DataRow("70850005", "msubu $a0, $a1", "a0=-1 a1=2 hi=0 lo=0", "hi=0xfffffffe lo=0x2")]
    public void Multiply(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("0085001a", "div $zero, $a0, $a1", "a0=-7 a1=2", "hi=0xffffffff lo=0xfffffffd")]
    [DataRow("0085001a", "div $zero, $a0, $a1", "a0=7 a1=-2", "hi=0x1 lo=0xfffffffd")]
    [DataRow("0085001a", "div $zero, $a0, $a1", "a0=5 a1=0", "hi=0x0 lo=0x5")]
    [DataRow("0085001a", "div $zero, $a0, $a1", "a0=0x80000000 a1=-1", "hi=0x0 lo=0x80000000")]
    [DataRow("0080001a", "div $zero, $a0, $zero", "a0=-5", "hi=0x0 lo=0xfffffffb")]
    [DataRow("0005001a", "div $zero, $zero, $a1", "a1=3", "hi=0x0 lo=0x0")]
    [DataRow("0085001b", "divu $zero, $a0, $a1", "a0=-7 a1=2", "hi=0x1 lo=0x7ffffffc")]
    [DataRow("0085001b", "divu $zero, $a0, $a1", "a0=0x80000000 a1=0xffffffff", "hi=0x80000000 lo=0x0")]
    [DataRow("0085001b", "divu $zero, $a0, $a1", "a0=5 a1=0", "hi=0x0 lo=0x5")]
    [DataRow("0080001b", "divu $zero, $a0, $zero", "a0=5", "hi=0x0 lo=0x5")]
    public void Divide(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("00001010", "mfhi $v0", "hi=0x1234", "v0=0x1234")]
    [DataRow("00001012", "mflo $v0", "lo=0x5678", "v0=0x5678")]
    [DataRow("00800011", "mthi $a0", "a0=0xabcd", "hi=0xabcd")]
    [DataRow("00800013", "mtlo $a0", "a0=0xabcd", "lo=0xabcd")]
    [DataRow("00000011", "mthi $zero", "", "hi=0x0")]
    [DataRow("00000010", "mfhi $zero", "", "")]
    [DataRow("00850019 00001012 00001810", "multu $a0, $a1; mflo $v0; mfhi $v1", "a0=0x10000 a1=0x10003", "v0=0x30000 v1=0x1 hi=0x1 lo=0x30000")]
    public void HiLoMoves(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);
}
