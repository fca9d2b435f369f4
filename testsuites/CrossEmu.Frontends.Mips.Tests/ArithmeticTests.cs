namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// Add and subtract (the trapping forms raise IntegerOverflow and leave the destination
/// unchanged), set-on-less-than, conditional moves, CLZ/CLO. Rows: encoded words (filled by
/// tools/fill-encodings.py from the assembler text), assembler text, state before, expected
/// changes (computed by tools/qemu-oracle.py with qemu-mips and qemu-mipsel).
/// </summary>
[TestClass]
public sealed class ArithmeticTests
{
    [TestMethod]
    [DataRow("00851021", "addu $v0, $a0, $a1", "a0=5 a1=7", "v0=0xc")]
    [DataRow("00851021", "addu $v0, $a0, $a1", "a0=0xffffffff a1=2", "v0=0x1")]
    [DataRow("00801021", "addu $v0, $a0, $zero", "a0=0x12345678", "v0=0x12345678")]
    [DataRow("00001021", "addu $v0, $zero, $zero", "", "v0=0x0")]
    [DataRow("00850021", "addu $zero, $a0, $a1", "a0=5 a1=7", "")]
    [DataRow("00851020", "add $v0, $a0, $a1", "a0=5 a1=-7", "v0=0xfffffffe")]
    [DataRow("00851020", "add $v0, $a0, $a1", "a0=0x7fffffff a1=1", "exit=IntegerOverflow pc=0x10000")]
    [DataRow("00851020", "add $v0, $a0, $a1", "a0=0x80000000 a1=-1", "exit=IntegerOverflow pc=0x10000")]
    [DataRow("00842020", "add $a0, $a0, $a0", "a0=0x40000000", "exit=IntegerOverflow pc=0x10000")]
    [DataRow("00850020", "add $zero, $a0, $a1", "a0=0x7fffffff a1=1", "exit=IntegerOverflow pc=0x10000")]
    [DataRow("00001020", "add $v0, $zero, $zero", "", "v0=0x0")]
    [DataRow("2482ffff", "addiu $v0, $a0, -1", "a0=0", "v0=0xffffffff")]
    [DataRow("24027fff", "addiu $v0, $zero, 0x7fff", "", "v0=0x7fff")]
    [DataRow("24827fff", "addiu $v0, $a0, 0x7fff", "a0=0x7fffffff", "v0=0x80007ffe")]
    [DataRow("2082ffff", "addi $v0, $a0, -1", "a0=5", "v0=0x4")]
    [DataRow("20820001", "addi $v0, $a0, 1", "a0=0x7fffffff", "exit=IntegerOverflow pc=0x10000")]
    [DataRow("2082fffe", "addi $v0, $a0, -2", "a0=0x80000001", "exit=IntegerOverflow pc=0x10000")]
    [DataRow("20028000", "addi $v0, $zero, -32768", "", "v0=0xffff8000")]
    [DataRow("00851023", "subu $v0, $a0, $a1", "a0=5 a1=7", "v0=0xfffffffe")]
    [DataRow("00051023", "subu $v0, $zero, $a1", "a1=7", "v0=0xfffffff9")]
    [DataRow("00841023", "subu $v0, $a0, $a0", "a0=7", "v0=0x0")]
    [DataRow("00851022", "sub $v0, $a0, $a1", "a0=5 a1=7", "v0=0xfffffffe")]
    [DataRow("00851022", "sub $v0, $a0, $a1", "a0=0x80000000 a1=1", "exit=IntegerOverflow pc=0x10000")]
    [DataRow("00851022", "sub $v0, $a0, $a1", "a0=0x7fffffff a1=-1", "exit=IntegerOverflow pc=0x10000")]
    [DataRow("00051022", "sub $v0, $zero, $a1", "a1=0x80000000", "exit=IntegerOverflow pc=0x10000")]
    [DataRow("00841022", "sub $v0, $a0, $a0", "a0=0x80000000", "v0=0x0")]
    public void AddSubtract(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("0085102a", "slt $v0, $a0, $a1", "a0=-1 a1=1", "v0=0x1")]
    [DataRow("0085102a", "slt $v0, $a0, $a1", "a0=1 a1=-1", "v0=0x0")]
    [DataRow("0084102a", "slt $v0, $a0, $a0", "a0=1", "v0=0x0")]
    [DataRow("0005102a", "slt $v0, $zero, $a1", "a1=0x80000000", "v0=0x0")]
    [DataRow("0085102b", "sltu $v0, $a0, $a1", "a0=-1 a1=1", "v0=0x0")]
    [DataRow("0085102b", "sltu $v0, $a0, $a1", "a0=1 a1=-1", "v0=0x1")]
    [DataRow("0005102b", "sltu $v0, $zero, $a1", "a1=3", "v0=0x1")]
    [DataRow("0005102b", "sltu $v0, $zero, $a1", "a1=0", "v0=0x0")]
    [DataRow("0080102b", "sltu $v0, $a0, $zero", "a0=3", "v0=0x0")]
    [DataRow("2882ffff", "slti $v0, $a0, -1", "a0=-2", "v0=0x1")]
    [DataRow("28820005", "slti $v0, $a0, 5", "a0=5", "v0=0x0")]
    [DataRow("28020005", "slti $v0, $zero, 5", "", "v0=0x1")]
    [DataRow("2c82ffff", "sltiu $v0, $a0, -1", "a0=5", "v0=0x1")]
    [DataRow("2c820001", "sltiu $v0, $a0, 1", "a0=0", "v0=0x1")]
    [DataRow("2c820001", "sltiu $v0, $a0, 1", "a0=3", "v0=0x0")]
    [DataRow("2c820010", "sltiu $v0, $a0, 0x10", "a0=0x80000000", "v0=0x0")]
    [DataRow("2c020000", "sltiu $v0, $zero, 0", "", "v0=0x0")]
    public void SetOnLessThan(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("0085100a", "movz $v0, $a0, $a1", "a0=0x1234 a1=0", "v0=0x1234")]
    [DataRow("0085100a", "movz $v0, $a0, $a1", "a0=0x1234 a1=1", "")]
    [DataRow("0080100a", "movz $v0, $a0, $zero", "a0=0x1234", "v0=0x1234")]
    [DataRow("0045100a", "movz $v0, $v0, $a1", "a1=0", "")]
    [DataRow("0085100b", "movn $v0, $a0, $a1", "a0=0x1234 a1=0x80000000", "v0=0x1234")]
    [DataRow("0085100b", "movn $v0, $a0, $a1", "a0=0x1234 a1=0", "")]
    [DataRow("0080100b", "movn $v0, $a0, $zero", "a0=0x1234", "")]
    [DataRow("0085280b", "movn $a1, $a0, $a1", "a0=0x1234 a1=5", "a1=0x1234")]
    public void ConditionalMoves(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("70821020", "clz $v0, $a0", "a0=0x00010000", "v0=0xf")]
    [DataRow("70821020", "clz $v0, $a0", "a0=0", "v0=0x20")]
    [DataRow("70821020", "clz $v0, $a0", "a0=0x80000000", "v0=0x0")]
    [DataRow("70021020", "clz $v0, $zero", "", "v0=0x20")]
    [DataRow("70821021", "clo $v0, $a0", "a0=0xffff0000", "v0=0x10")]
    [DataRow("70821021", "clo $v0, $a0", "a0=-1", "v0=0x20")]
    [DataRow("70821021", "clo $v0, $a0", "a0=0x7fffffff", "v0=0x0")]
    [DataRow("70021021", "clo $v0, $zero", "", "v0=0x0")]
    [DataRow("70801020", "#clz $v0, $a0 with rt = $zero != rd (ignored, as in qemu)", "a0=0x100", "v0=0x17")]
    public void CountLeading(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);
}
