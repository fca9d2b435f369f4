namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// RDHWR (the values qemu-mipsel gives for its 24Kf, except the cycle counter: it counts guest
/// instructions, qemu-user reads 0), PREF, SYNCI. A row runs one block, which the tiers count on
/// entry: the counter read includes the block's own instructions.
/// </summary>
[TestClass]
public sealed class SystemTests
{
    [TestMethod]
    [DataRow("7c02003b", "rdhwr $v0, $0", "", "v0=0x0")]
    [DataRow("7c02083b", "rdhwr $v0, $1", "", "v0=0x20")]
    [DataRow("7c02183b", "rdhwr $v0, $3", "", "v0=0x2")]
    [DataRow("7c02203b", "rdhwr $v0, $4", "", "exit=Undefined pc=0x10000 arg=0x7c02203b")]
    [DataRow("7c02f03b", "rdhwr $v0, $30", "", "exit=Undefined pc=0x10000 arg=0x7c02f03b")]
    [DataRow("7c02e83b", "rdhwr $v0, $29 # noqemu (UserLocal is the TLS pointer glibc set up there)", "ulr=0x7ffe7000", "v0=0x7ffe7000")]
    [DataRow("7c03e83b", "rdhwr $v1, $29 # noqemu", "ulr=0x12340", "v1=0x12340")]
    [DataRow("7c02103b", "rdhwr $v0, $2 # noqemu (qemu-user reads 0; the count includes the current block)", "insns=0x123456789", "v0=0x2345678a")]
    [DataRow("7c00103b", "rdhwr $zero, $2 # noqemu", "insns=5", "")]
    public void HardwareRegisters(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("cc800000", "pref 0, 0($a0)", "a0=0x30000000", "")]
    [DataRow("cc810004", "pref 1, 4($a0)", "a0=0x20010", "")]
    [DataRow("049f0000", "synci 0($a0)", "a0=0x20010", "")]
    [DataRow("049f0000", "synci 0($a0)", "a0=0x30000000", "")]
    public void Hints(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);
}
