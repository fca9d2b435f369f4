namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// Byte, halfword and word loads and stores in both byte orders (memory items are values in the
/// guest's order, so a word reads back the same in both; bytes and halves of it differ), faults,
/// and misaligned halfword/word accesses (AlignmentFault with the address: SIGBUS under qemu).
/// </summary>
[TestClass]
public sealed class LoadStoreTests
{
    const string Mem = "a0=0x20010 [0x20010]=0x8899aabb [0x20014]=0x11223344 [0x2000c]=0xccddeeff";

    [TestMethod]
    [DataRow("8c820000", "lw $v0, 0($a0)", Mem, "v0=0x8899aabb")]
    [DataRow("8c820004", "lw $v0, 4($a0)", Mem, "v0=0x11223344")]
    [DataRow("8c82fffc", "lw $v0, -4($a0)", Mem, "v0=0xccddeeff")]
    [DataRow("8c840000", "lw $a0, 0($a0)", Mem, "a0=0x8899aabb")]
    [DataRow("8c800000", "lw $zero, 0($a0)", Mem, "")]
    [DataRow("80820000", "lb $v0, 0($a0)", Mem, "le:v0=0xffffffbb be:v0=0xffffff88")]
    [DataRow("80820001", "lb $v0, 1($a0)", Mem, "le:v0=0xffffffaa be:v0=0xffffff99")]
    [DataRow("80820007", "lb $v0, 7($a0)", Mem, "le:v0=0x11 be:v0=0x44")]
    [DataRow("90820000", "lbu $v0, 0($a0)", Mem, "le:v0=0xbb be:v0=0x88")]
    [DataRow("90820003", "lbu $v0, 3($a0)", Mem, "le:v0=0x88 be:v0=0xbb")]
    [DataRow("84820000", "lh $v0, 0($a0)", Mem, "le:v0=0xffffaabb be:v0=0xffff8899")]
    [DataRow("84820002", "lh $v0, 2($a0)", Mem, "le:v0=0xffff8899 be:v0=0xffffaabb")]
    [DataRow("84820006", "lh $v0, 6($a0)", Mem, "le:v0=0x1122 be:v0=0x3344")]
    [DataRow("94820000", "lhu $v0, 0($a0)", Mem, "le:v0=0xaabb be:v0=0x8899")]
    [DataRow("9482fffe", "lhu $v0, -2($a0)", Mem, "le:v0=0xccdd be:v0=0xeeff")]
    [DataRow("ac850000", "sw $a1, 0($a0)", "a0=0x20010 a1=0x12345678", "[0x20010]=0x12345678")]
    [DataRow("ac85fff0", "sw $a1, -16($a0)", "a0=0x20010 a1=0x12345678", "[0x20000]=0x12345678")]
    [DataRow("ac800000", "sw $zero, 0($a0)", Mem, "[0x20010]=0x0")]
    [DataRow("a4850000", "sh $a1, 0($a0)", "a0=0x20010 a1=0x12345678", "le:[0x20010]=0x5678 be:[0x20010]=0x56780000")]
    [DataRow("a4850002", "sh $a1, 2($a0)", "a0=0x20010 a1=0x12345678", "le:[0x20010]=0x56780000 be:[0x20010]=0x5678")]
    [DataRow("a0850000", "sb $a1, 0($a0)", "a0=0x20010 a1=0x12345678", "le:[0x20010]=0x78 be:[0x20010]=0x78000000")]
    [DataRow("a0850001", "sb $a1, 1($a0)", "a0=0x20010 a1=0x12345678", "le:[0x20010]=0x7800 be:[0x20010]=0x780000")]
    [DataRow("a0850003", "sb $a1, 3($a0)", "a0=0x20010 a1=0x12345678", "le:[0x20010]=0x78000000 be:[0x20010]=0x78")]
    [DataRow("ac850000 8c820000 90830000", "sw $a1, 0($a0); lw $v0, 0($a0); lbu $v1, 0($a0)", "a0=0x20010 a1=0x12345678",
        "v0=0x12345678 [0x20010]=0x12345678 le:v1=0x78 be:v1=0x12")]
    public void Aligned(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("8c820001", "lw $v0, 1($a0)", Mem, "exit=AlignmentFault pc=0x10000 arg=0x20011 fault=0x20011")]
    [DataRow("8c820002", "lw $v0, 2($a0)", Mem, "exit=AlignmentFault pc=0x10000 arg=0x20012 fault=0x20012")]
    [DataRow("8c820003", "lw $v0, 3($a0)", Mem, "exit=AlignmentFault pc=0x10000 arg=0x20013 fault=0x20013")]
    [DataRow("84820001", "lh $v0, 1($a0)", Mem, "exit=AlignmentFault pc=0x10000 arg=0x20011 fault=0x20011")]
    [DataRow("94820003", "lhu $v0, 3($a0)", Mem, "exit=AlignmentFault pc=0x10000 arg=0x20013 fault=0x20013")]
    [DataRow("ac850002", "sw $a1, 2($a0)", Mem, "exit=AlignmentFault pc=0x10000 arg=0x20012 fault=0x20012")]
    [DataRow("a4850001", "sh $a1, 1($a0)", Mem, "exit=AlignmentFault pc=0x10000 arg=0x20011 fault=0x20011")]
    [DataRow("8c800001", "lw $zero, 1($a0)", Mem, "exit=AlignmentFault pc=0x10000 arg=0x20011 fault=0x20011")]
    [DataRow("24020001 8c820002", "addiu $v0, $zero, 1; lw $v0, 2($a0)", Mem, "v0=0x1 exit=AlignmentFault pc=0x10004 arg=0x20012 fault=0x20012")]
    [DataRow("8c021001", "lw $v0, 0x1001($zero)", "", "exit=AlignmentFault pc=0x10000 arg=0x1001 fault=0x1001")]
    public void Misaligned(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("8c820000", "lw $v0, 0($a0)", "a0=0x30000000", "exit=MemoryFault pc=0x10000 fault=0x30000000")]
    [DataRow("90820000", "lbu $v0, 0($a0)", "a0=0x30000003", "exit=MemoryFault pc=0x10000 fault=0x30000003")]
    [DataRow("ac820004", "sw $v0, 4($a0)", "a0=0x30000000", "exit=MemoryFault pc=0x10000 fault=0x30000004")]
    [DataRow("a0820000", "sb $v0, 0($a0)", "a0=0x30000000", "exit=MemoryFault pc=0x10000 fault=0x30000000")]
    [DataRow("24020009 8c830000 2402000a", "addiu $v0, $zero, 9; lw $v1, 0($a0); addiu $v0, $zero, 10", "a0=0x30000000",
        "v0=0x9 exit=MemoryFault pc=0x10004 fault=0x30000000")]
    public void Faults(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);
}
