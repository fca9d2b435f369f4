namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>
/// Undefined and refused encodings end the block with ExitReason.Undefined (SIGILL) at the
/// instruction, the word as the argument, and no state change. Rows whose text starts with '#'
/// are hand-encoded (the assembler would refuse them).
/// </summary>
[TestClass]
public sealed class UndefinedTests
{
    [TestMethod]
    [DataRow("e7f000f0", "udf #0", "", "exit=Undefined pc=0x10000 arg=0xe7f000f0")]
    [DataRow("f0000000", "# unallocated unconditional space", "", "exit=Undefined pc=0x10000 arg=0xf0000000")]
    [DataRow("f57ff01f", "clrex", "", "")]
    [DataRow("f57ff02f", "# clrex-like with op 2: unallocated", "", "exit=Undefined pc=0x10000 arg=0xf57ff02f")]
    [DataRow("ee0d0f70", "mcr p15, 0, r0, c13, c0, 3", "", "exit=Undefined pc=0x10000 arg=0xee0d0f70")]
    [DataRow("ee1d0f50", "mrc p15, 0, r0, c13, c0, 2", "", "exit=Undefined pc=0x10000 arg=0xee1d0f50")]
    [DataRow("ee100e10", "mrc p14, 0, r0, c0, c0, 0", "", "exit=Undefined pc=0x10000 arg=0xee100e10")]
    [DataRow("ee100f10", "mrc p15, 0, r0, c0, c0, 0", "", "exit=Undefined pc=0x10000 arg=0xee100f10")]
    [DataRow("ee300a81", "# vadd.f32 s0, s1, s2 (VFP: no FPU)", "", "exit=Undefined pc=0x10000 arg=0xee300a81")]
    [DataRow("ed900a00", "# vldr s0, [r0] (VFP: no FPU)", "", "exit=Undefined pc=0x10000 arg=0xed900a00")]
    [DataRow("f2000d00", "# vadd.f32 d0, d0, d0 (NEON)", "", "exit=Undefined pc=0x10000 arg=0xf2000d00")]
    [DataRow("e8d00002", "ldm r0, {r1}^", "r0=0x20000", "exit=Undefined pc=0x10000 arg=0xe8d00002")]
    [DataRow("e8c00002", "stm r0, {r1}^", "r0=0x20000", "exit=Undefined pc=0x10000 arg=0xe8c00002")]
    [DataRow("e8900000", "# ldm r0, {} (empty list)", "", "exit=Undefined pc=0x10000 arg=0xe8900000")]
    [DataRow("e14f0000", "mrs r0, spsr", "", "exit=Undefined pc=0x10000 arg=0xe14f0000")]
    [DataRow("e168f000", "msr SPSR_f, r0", "", "exit=Undefined pc=0x10000 arg=0xe168f000")]
    [DataRow("e1600070", "smc #0", "", "exit=Undefined pc=0x10000 arg=0xe1600070")]
    [DataRow("e1400070", "hvc #0", "", "exit=Undefined pc=0x10000 arg=0xe1400070")]
    [DataRow("f96d0513", "srsdb sp!, #19", "", "exit=Undefined pc=0x10000 arg=0xf96d0513")]
    [DataRow("f8bd0a00", "rfeia sp!", "", "exit=Undefined pc=0x10000 arg=0xf8bd0a00")]
    [DataRow("f1010200", "setend be", "", "exit=Undefined pc=0x10000 arg=0xf1010200")]
    [DataRow("e1c210d0", "# ldrd r1, r2, [r2] (odd first register)", "", "exit=Undefined pc=0x10000 arg=0xe1c210d0")]
    [DataRow("e1a00090", "# 0001 1010 ...1001 with bits 11:8 != 1111", "", "exit=Undefined pc=0x10000 arg=0xe1a00090")]
    [DataRow("e7f000f0", "# udf as a second word: the first runs", "", "exit=Undefined pc=0x10000 arg=0xe7f000f0")]
    [DataRow("e2800001 e7f000f0", "# add r0, r0, #1; udf #0", "r0=1", "r0=2 exit=Undefined pc=0x10004 arg=0xe7f000f0")]
    [DataRow("17f000f0", "# udf with condition ne: skipped when z=1", "z=1", "")]
    [DataRow("17f000f0", "# udf with condition ne: taken when z=0", "z=0", "exit=Undefined pc=0x10000 arg=0x17f000f0")]
    [DataRow("e0100f92", "# mul pc, r2, r15 (pc operands)", "", "exit=Undefined pc=0x10000 arg=0xe0100f92")]
    public void Undefined(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);
}
