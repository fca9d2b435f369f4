namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// Conditional traps, BREAK and SYSCALL: ExitReason.Trap with the code Linux computes (register
/// traps: bits 15:6; immediate traps: 0; break: bits 25:6 with the halves swapped when the upper
/// one is used, so "break 7" is 7). A trap instruction's code carries MipsTrap.FromTrapInstruction
/// (bit 31): Linux reports its SIGTRAP as SI_KERNEL, BREAK's as TRAP_BRKPT.
/// </summary>
[TestClass]
public sealed class TrapTests
{
    [TestMethod]
    [DataRow("008501f4", "teq $a0, $a1, 7", "a0=0 a1=0", "exit=Trap pc=0x10000 arg=0x80000007")]
    [DataRow("008501f4", "teq $a0, $a1, 7", "a0=0 a1=1", "")]
    [DataRow("0080fff4", "teq $a0, $zero, 0x3ff", "a0=0", "exit=Trap pc=0x10000 arg=0x800003ff")]
    [DataRow("000001b4", "teq $zero, $zero, 6", "", "exit=Trap pc=0x10000 arg=0x80000006")]
    [DataRow("00850076", "tne $a0, $a1, 1", "a0=0 a1=1", "exit=Trap pc=0x10000 arg=0x80000001")]
    [DataRow("00850076", "tne $a0, $a1, 1", "a0=1 a1=1", "")]
    [DataRow("00840036", "tne $a0, $a0", "", "")]
    [DataRow("008500b0", "tge $a0, $a1, 2", "a0=1 a1=-1", "exit=Trap pc=0x10000 arg=0x80000002")]
    [DataRow("008500b0", "tge $a0, $a1, 2", "a0=-1 a1=1", "")]
    [DataRow("008400b0", "tge $a0, $a0, 2", "", "exit=Trap pc=0x10000 arg=0x80000002")]
    [DataRow("008500f1", "tgeu $a0, $a1, 3", "a0=-1 a1=1", "exit=Trap pc=0x10000 arg=0x80000003")]
    [DataRow("008500f1", "tgeu $a0, $a1, 3", "a0=1 a1=-1", "")]
    [DataRow("00850132", "tlt $a0, $a1, 4", "a0=-1 a1=1", "exit=Trap pc=0x10000 arg=0x80000004")]
    [DataRow("00850132", "tlt $a0, $a1, 4", "a0=1 a1=1", "")]
    [DataRow("00850173", "tltu $a0, $a1, 5", "a0=1 a1=-1", "exit=Trap pc=0x10000 arg=0x80000005")]
    [DataRow("00850173", "tltu $a0, $a1, 5", "a0=-1 a1=1", "")]
    [DataRow("00840173", "tltu $a0, $a0, 5", "", "")]
    [DataRow("24020001 008001f4 24020002", "addiu $v0, $zero, 1; teq $a0, $zero, 7; addiu $v0, $zero, 2", "a0=0", "v0=0x1 exit=Trap pc=0x10004 arg=0x80000007")]
    [DataRow("24020001 008001f4 24020002", "addiu $v0, $zero, 1; teq $a0, $zero, 7; addiu $v0, $zero, 2", "a0=1", "v0=0x2")]
    public void RegisterTraps(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("048cfffb", "teqi $a0, -5", "a0=-5", "exit=Trap pc=0x10000 arg=0x80000000")]
    [DataRow("048cfffb", "teqi $a0, -5", "a0=5", "")]
    [DataRow("040c0000", "teqi $zero, 0", "", "exit=Trap pc=0x10000 arg=0x80000000")]
    [DataRow("040c0001", "teqi $zero, 1", "", "")]
    [DataRow("048e0003", "tnei $a0, 3", "a0=4", "exit=Trap pc=0x10000 arg=0x80000000")]
    [DataRow("048e0003", "tnei $a0, 3", "a0=3", "")]
    [DataRow("0488ffff", "tgei $a0, -1", "a0=0", "exit=Trap pc=0x10000 arg=0x80000000")]
    [DataRow("0488ffff", "tgei $a0, -1", "a0=-2", "")]
    [DataRow("04080001", "tgei $zero, 1", "", "")]
    [DataRow("0489ffff", "tgeiu $a0, -1", "a0=-1", "exit=Trap pc=0x10000 arg=0x80000000")]
    [DataRow("0489ffff", "tgeiu $a0, -1", "a0=5", "")]
    [DataRow("04090000", "tgeiu $zero, 0", "", "exit=Trap pc=0x10000 arg=0x80000000")]
    [DataRow("048a0000", "tlti $a0, 0", "a0=-1", "exit=Trap pc=0x10000 arg=0x80000000")]
    [DataRow("048a0000", "tlti $a0, 0", "a0=0", "")]
    [DataRow("048b0010", "tltiu $a0, 0x10", "a0=3", "exit=Trap pc=0x10000 arg=0x80000000")]
    [DataRow("048b0010", "tltiu $a0, 0x10", "a0=-1", "")]
    [DataRow("040b0001", "tltiu $zero, 1", "", "exit=Trap pc=0x10000 arg=0x80000000")]
    public void ImmediateTraps(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("0000000d", "break", "", "exit=Trap pc=0x10000 arg=0x0")]
    [DataRow("0007000d", "break 7", "", "exit=Trap pc=0x10000 arg=0x7")]
    [DataRow("0006000d", "break 6", "", "exit=Trap pc=0x10000 arg=0x6")]
    [DataRow("000001cd", "break 0, 7", "", "exit=Trap pc=0x10000 arg=0x7")]
    [DataRow("0001008d", "break 1, 2", "", "exit=Trap pc=0x10000 arg=0x801")]
    [DataRow("03ffffcd", "break 0x3ff, 0x3ff", "", "exit=Trap pc=0x10000 arg=0xfffff")]
    [DataRow("24020001 0005000d", "addiu $v0, $zero, 1; break 5", "", "v0=0x1 exit=Trap pc=0x10004 arg=0x5")]
    public void Break(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("0000000c", "syscall # noqemu", "", "exit=Syscall pc=0x10004 arg=0")]
    [DataRow("0048d14c", "syscall 0x12345 # noqemu", "", "exit=Syscall pc=0x10004 arg=0x12345")]
    [DataRow("24020fa1 0000000c 24020001", "addiu $v0, $zero, 4001; syscall; addiu $v0, $zero, 1 # noqemu", "", "v0=4001 exit=Syscall pc=0x10008 arg=0")]
    public void Syscall(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);
}
