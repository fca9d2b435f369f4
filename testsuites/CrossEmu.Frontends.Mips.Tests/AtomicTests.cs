namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>LL/SC (word aligned, SC writes 1 or 0 to rt), SYNC.</summary>
[TestClass]
public sealed class AtomicTests
{
    [TestMethod]
    [DataRow("c0820000", "ll $v0, 0($a0)", "a0=0x20010 [0x20010]=0x12345678", "v0=0x12345678")]
    [DataRow("c0820000 24420001 e0820000", "ll $v0, 0($a0); addiu $v0, $v0, 1; sc $v0, 0($a0)", "a0=0x20010 [0x20010]=0x12345678",
        "v0=0x1 [0x20010]=0x12345679")]
    [DataRow("c0820000 e0850000 8c830000", "ll $v0, 0($a0); sc $a1, 0($a0); lw $v1, 0($a0)", "a0=0x20010 a1=7 [0x20010]=0x12345678",
        "v0=0x12345678 v1=0x7 a1=0x1 [0x20010]=0x7")]
    [DataRow("e0850000", "sc $a1, 0($a0)", "a0=0x20010 a1=7 [0x20010]=0x12345678", "a1=0x0")]
    [DataRow("c0820000 e0850004", "ll $v0, 0($a0); sc $a1, 4($a0)", "a0=0x20010 a1=7", "v0=0x0 a1=0x0")]
    [DataRow("c0820000 e0850000 e0860000", "ll $v0, 0($a0); sc $a1, 0($a0); sc $a2, 0($a0)", "a0=0x20010 a1=7 a2=9", "v0=0x0 a1=0x1 a2=0x0 [0x20010]=0x7")]
    [DataRow("c0820002", "ll $v0, 2($a0)", "a0=0x20010", "exit=AlignmentFault pc=0x10000 arg=0x20012 fault=0x20012")]
    [DataRow("e0820001", "sc $v0, 1($a0)", "a0=0x20010", "v0=0x0")]
    [DataRow("c0820000 e0830001", "ll $v0, 0($a0); sc $v1, 1($a0)", "a0=0x20010", "v0=0x0 v1=0x0")]
    [DataRow("c0820000", "ll $v0, 0($a0)", "a0=0x30000000", "exit=MemoryFault pc=0x10000 fault=0x30000000")]
    [DataRow("0000000f", "sync", "", "")]
    [DataRow("0000040f", "sync 0x10", "", "")]
    public void LinkedAndSync(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);
}
