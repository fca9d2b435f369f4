namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// Branches and jumps with their delay slots: each row is the branch and its delay slot (the
/// block ends there), the expected pc is where execution goes on. The condition and a register
/// target are read before the delay slot runs; the link register is written before it, so the
/// delay slot sees it. Branch-likely instructions annul the slot when not taken. Decided
/// conditions follow qemu: bne $x, $x / bltz $zero / bgtz $zero are nops without a delay slot
/// (their likely forms skip the next word), bltzal $zero links and falls through after its slot.
/// </summary>
[TestClass]
public sealed class BranchTests
{
    [TestMethod]
    [DataRow("10850003 24020005", "beq $a0, $a1, .+16; addiu $v0, $zero, 5", "a0=1 a1=1", "v0=0x5 pc=0x10010")]
    [DataRow("10850003 24020005", "beq $a0, $a1, .+16; addiu $v0, $zero, 5", "a0=1 a1=2", "v0=0x5")]
    [DataRow("1085fffb 00000000", "beq $a0, $a1, .-16; nop", "a0=1 a1=1", "pc=0xfff0")]
    [DataRow("1000000f 00000000", "beq $zero, $zero, .+0x40; nop", "", "pc=0x10040")]
    [DataRow("1084000f 00000000", "beq $a0, $a0, .+0x40; nop", "", "pc=0x10040")]
    [DataRow("14850003 24020005", "bne $a0, $a1, .+16; addiu $v0, $zero, 5", "a0=1 a1=2", "v0=0x5 pc=0x10010")]
    [DataRow("14850003 24020005", "bne $a0, $a1, .+16; addiu $v0, $zero, 5", "a0=1 a1=1", "v0=0x5")]
    [DataRow("14840003 24020005", "bne $a0, $a0, .+16; addiu $v0, $zero, 5", "", "v0=0x5")]
    [DataRow("18800003 00000000", "blez $a0, .+16; nop", "a0=0", "pc=0x10010")]
    [DataRow("18800003 00000000", "blez $a0, .+16; nop", "a0=-1", "pc=0x10010")]
    [DataRow("18800003 00000000", "blez $a0, .+16; nop", "a0=1", "")]
    [DataRow("18000003 00000000", "blez $zero, .+16; nop", "", "pc=0x10010")]
    [DataRow("1c800003 00000000", "bgtz $a0, .+16; nop", "a0=1", "pc=0x10010")]
    [DataRow("1c800003 00000000", "bgtz $a0, .+16; nop", "a0=0", "")]
    [DataRow("1c800003 00000000", "bgtz $a0, .+16; nop", "a0=0x80000000", "")]
    [DataRow("1c000003 24020005", "bgtz $zero, .+16; addiu $v0, $zero, 5", "", "v0=0x5")]
    [DataRow("04800003 00000000", "bltz $a0, .+16; nop", "a0=-1", "pc=0x10010")]
    [DataRow("04800003 00000000", "bltz $a0, .+16; nop", "a0=0", "")]
    [DataRow("04000003 00000000", "bltz $zero, .+16; nop", "", "")]
    [DataRow("04810003 00000000", "bgez $a0, .+16; nop", "a0=0", "pc=0x10010")]
    [DataRow("04810003 00000000", "bgez $a0, .+16; nop", "a0=-1", "")]
    [DataRow("04010003 00000000", "bgez $zero, .+16; nop", "", "pc=0x10010")]
    public void Conditional(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("04900003 00000000", "bltzal $a0, .+16; nop", "a0=-1", "ra=0x10008 pc=0x10010")]
    [DataRow("04900003 00000000", "bltzal $a0, .+16; nop", "a0=1", "ra=0x10008")]
    [DataRow("04100003 00000000", "bltzal $zero, .+16; nop", "", "ra=0x10008")]
    [DataRow("04910003 00000000", "bgezal $a0, .+16; nop", "a0=1", "ra=0x10008 pc=0x10010")]
    [DataRow("04910003 00000000", "bgezal $a0, .+16; nop", "a0=-1", "ra=0x10008")]
    [DataRow("04110007 03e01021", "bal .+0x20; addu $v0, $ra, $zero", "", "v0=0x10008 ra=0x10008 pc=0x10020")]
    [DataRow("0c004010 03e01021", "jal 0x10040; addu $v0, $ra, $zero", "", "v0=0x10008 ra=0x10008 pc=0x10040")]
    [DataRow("08004020 00000000", "j 0x10080; nop", "", "pc=0x10080")]
    [DataRow("00800008 24020005", "jr $a0; addiu $v0, $zero, 5", "a0=0x10040", "v0=0x5 pc=0x10040")]
    [DataRow("00800008 24840004", "jr $a0; addiu $a0, $a0, 4", "a0=0x10040", "a0=0x10044 pc=0x10040")]
    [DataRow("03e00008 00000000", "jr $ra; nop", "ra=0x10100", "pc=0x10100")]
    [DataRow("00800408 00000000", "jr.hb $a0; nop", "a0=0x10040", "pc=0x10040")]
    [DataRow("0080f809 00000000", "jalr $a0; nop", "a0=0x10040", "ra=0x10008 pc=0x10040")]
    [DataRow("00801009 00401821", "jalr $v0, $a0; addu $v1, $v0, $zero", "a0=0x10040", "v0=0x10008 v1=0x10008 pc=0x10040")]
    [DataRow("00802009 00000000", "#jalr $a0, $a0; nop (rd = rs: the jump goes to the old value)", "a0=0x10040", "a0=0x10008 pc=0x10040")]
    [DataRow("00800009 00000000", "jalr $zero, $a0; nop", "a0=0x10040", "pc=0x10040")]
    [DataRow("0080fc09 00000000", "jalr.hb $a0; nop", "a0=0x10040", "ra=0x10008 pc=0x10040")]
    public void LinkAndJump(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("10850003 24840001", "beq $a0, $a1, .+16; addiu $a0, $a0, 1", "a0=1 a1=1", "a0=0x2 pc=0x10010")]
    [DataRow("14850003 24840001", "bne $a0, $a1, .+16; addiu $a0, $a0, 1", "a0=1 a1=2", "a0=0x2 pc=0x10010")]
    [DataRow("14850003 24a5ffff", "bne $a0, $a1, .+16; addiu $a1, $a1, -1", "a0=1 a1=2", "a1=0x1 pc=0x10010")]
    [DataRow("04910003 27ff0004", "bgezal $a0, .+16; addiu $ra, $ra, 4", "a0=1", "ra=0x1000c pc=0x10010")]
    [DataRow("10000003 8c820001", "beq $zero, $zero, .+16; lw $v0, 1($a0)", "a0=0x20010", "exit=AlignmentFault pc=0x10000 arg=0x20011 fault=0x20011")]
    [DataRow("10000003 00841020", "beq $zero, $zero, .+16; add $v0, $a0, $a0", "a0=0x40000000", "exit=IntegerOverflow pc=0x10000")]
    [DataRow("14800003 0005000d", "bne $a0, $zero, .+16; break 5", "a0=1", "exit=Trap pc=0x10000 arg=0x5")]
    [DataRow("10000003 10000007", "beq $zero, $zero, .+16; beq $zero, $zero, .+32", "", "exit=Undefined pc=0x10000 arg=0x10000007")]
    [DataRow("14800003 00800008", "bne $a0, $zero, .+16; jr $a0", "a0=0", "exit=Undefined pc=0x10000 arg=0x800008")]
    [DataRow("00800008 04110001", "jr $a0; bal .+8", "a0=0x10040", "exit=Undefined pc=0x10000 arg=0x4110001")]
    [DataRow("50000003 10000007", "beql $zero, $zero, .+16; beq $zero, $zero, .+32", "", "exit=Undefined pc=0x10000 arg=0x10000007")]
    [DataRow("14000002 10000003 00000000", "bne $zero, $zero, .+12; beq $zero, $zero, .+16; nop", "", "pc=0x10014")]
    [DataRow("1c000002 00800008 00000000", "bgtz $zero, .+12; jr $a0; nop", "a0=0x10040", "pc=0x10040")]
    public void DelaySlots(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("50850003 24020005", "beql $a0, $a1, .+16; addiu $v0, $zero, 5", "a0=1 a1=1", "v0=0x5 pc=0x10010")]
    [DataRow("50850003 24020005", "beql $a0, $a1, .+16; addiu $v0, $zero, 5", "a0=1 a1=2", "")]
    [DataRow("50840003 24020005", "beql $a0, $a0, .+16; addiu $v0, $zero, 5", "", "v0=0x5 pc=0x10010")]
    [DataRow("54850003 24020005", "bnel $a0, $a1, .+16; addiu $v0, $zero, 5", "a0=1 a1=2", "v0=0x5 pc=0x10010")]
    [DataRow("54850003 24020005", "bnel $a0, $a1, .+16; addiu $v0, $zero, 5", "a0=1 a1=1", "")]
    [DataRow("54840003 24020005", "bnel $a0, $a0, .+16; addiu $v0, $zero, 5", "", "")]
    [DataRow("58800003 24020005", "blezl $a0, .+16; addiu $v0, $zero, 5", "a0=0", "v0=0x5 pc=0x10010")]
    [DataRow("58800003 24020005", "blezl $a0, .+16; addiu $v0, $zero, 5", "a0=1", "")]
    [DataRow("5c800003 24020005", "bgtzl $a0, .+16; addiu $v0, $zero, 5", "a0=1", "v0=0x5 pc=0x10010")]
    [DataRow("5c800003 24020005", "bgtzl $a0, .+16; addiu $v0, $zero, 5", "a0=-1", "")]
    [DataRow("5c000003 24020005", "bgtzl $zero, .+16; addiu $v0, $zero, 5", "", "")]
    [DataRow("04820003 24020005", "bltzl $a0, .+16; addiu $v0, $zero, 5", "a0=-1", "v0=0x5 pc=0x10010")]
    [DataRow("04820003 24020005", "bltzl $a0, .+16; addiu $v0, $zero, 5", "a0=0", "")]
    [DataRow("04830003 24020005", "bgezl $a0, .+16; addiu $v0, $zero, 5", "a0=0", "v0=0x5 pc=0x10010")]
    [DataRow("04830003 24020005", "bgezl $a0, .+16; addiu $v0, $zero, 5", "a0=-1", "")]
    [DataRow("04920003 24020005", "bltzall $a0, .+16; addiu $v0, $zero, 5", "a0=-1", "v0=0x5 ra=0x10008 pc=0x10010")]
    [DataRow("04920003 24020005", "bltzall $a0, .+16; addiu $v0, $zero, 5", "a0=1", "ra=0x10008")]
    [DataRow("04120003 24020005", "bltzall $zero, .+16; addiu $v0, $zero, 5", "", "ra=0x10008")]
    [DataRow("04930003 24020005", "bgezall $a0, .+16; addiu $v0, $zero, 5", "a0=1", "v0=0x5 ra=0x10008 pc=0x10010")]
    [DataRow("04930003 24020005", "bgezall $a0, .+16; addiu $v0, $zero, 5", "a0=-1", "ra=0x10008")]
    [DataRow("04130003 03e01021", "bgezall $zero, .+16; addu $v0, $ra, $zero", "", "v0=0x10008 ra=0x10008 pc=0x10010")]
    [DataRow("54850003 8c820001", "bnel $a0, $a1, .+16; lw $v0, 1($a0)", "a0=0x20010 a1=0x20010", "")]
    [DataRow("54850003 8c820001", "bnel $a0, $a1, .+16; lw $v0, 1($a0)", "a0=0x20010 a1=0", "exit=AlignmentFault pc=0x10000 arg=0x20011 fault=0x20011")]
    [DataRow("5484000a ffffffff", "#bnel $a0, $a0, .+44 over an undefined word: skipped, not decoded", "", "")]
    public void Likely(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);
}
