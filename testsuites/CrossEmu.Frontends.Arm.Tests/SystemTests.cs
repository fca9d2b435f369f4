namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>SVC, BKPT, MRS/MSR, the TPIDRURO read, hints, barriers, preloads, CPS, SETEND.</summary>
[TestClass]
public sealed class SystemTests
{
    [TestMethod]
    [DataRow("ef000000", "svc #0", "", "exit=Syscall pc=0x10004 arg=0")]
    [DataRow("ef900001", "svc #0x900001", "", "exit=Syscall pc=0x10004 arg=0x900001")]
    [DataRow("1f000000", "svcne #0", "z=1", "pc=0x10004")]
    [DataRow("0f000005", "svceq #5", "z=1", "exit=Syscall pc=0x10004 arg=5")]
    [DataRow("e3a07001 ef000000 e3a00005", "mov r7, #1; svc #0; mov r0, #5", "", "r7=1 exit=Syscall pc=0x10008 arg=0")]
    [DataRow("e1212374", "bkpt #0x1234", "", "exit=Breakpoint pc=0x10000 arg=0x1234")]
    [DataRow("e320f000 e1200070", "nop; bkpt #0", "", "exit=Breakpoint pc=0x10004 arg=0")]
    [DataRow("e7f000f0", "udf #0", "", "exit=Undefined pc=0x10000 arg=0xe7f000f0")]
    [DataRow("e7fabcfd", "udf #0xabcd", "", "exit=Undefined pc=0x10000 arg=0xe7fabcfd")]
    public void Traps(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("e10f0000", "mrs r0, apsr", "nzcv=1010 q=1 ge=0b0101", "r0=0xa8050010")]
    [DataRow("e10f0000", "mrs r0, apsr", "nzcv=0101", "r0=0x50000010")]
    [DataRow("e10f0000", "mrs r0, apsr", "", "r0=0x10")]
    [DataRow("e128f000", "msr APSR_nzcvq, r0", "r0=0xf8000000", "nzcv=1111 q=1")]
    [DataRow("e128f000", "msr APSR_nzcvq, r0", "r0=0x00050000 nzcv=1111", "nzcv=0000")]
    [DataRow("e124f000", "msr APSR_g, r0", "r0=0xf00a0000", "ge=0b1010")]
    [DataRow("e12cf000", "msr APSR_nzcvqg, r0", "r0=0x50050000", "nzcv=0101 ge=0b0101")]
    [DataRow("e129f000", "msr CPSR_fc, r0", "r0=0x800001d3", "nzcv=1000")]
    [DataRow("e328f102", "msr APSR_nzcvq, #0x80000000", "nzcv=0111 q=1", "nzcv=1000 q=0")]
    [DataRow("e324f803", "msr APSR_g, #0x30000", "", "ge=0b0011")]
    [DataRow("e32cf101", "msr APSR_nzcvqg, #0x40000000", "ge=0b1111 q=1", "nzcv=0100 q=0 ge=0b0000")]
    [DataRow("ee1d0f70", "mrc p15, 0, r0, c13, c0, 3", "tp=0x12345678", "r0=0x12345678")]
    [DataRow("ee1dcf70", "mrc p15, 0, r12, c13, c0, 3", "tp=0xbeef0000", "r12=0xbeef0000")]
    public void StatusAndThreadRegister(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("e320f000", "nop", "", "")]
    [DataRow("e320f001", "yield", "", "")]
    [DataRow("e320f002", "wfe", "", "")]
    [DataRow("e320f003", "wfi", "", "")]
    [DataRow("e320f004", "sev", "", "")]
    [DataRow("e320f0f5", "dbg #5", "", "")]
    [DataRow("e320f005", "# sevl (ARMv8 hint)", "", "")]
    [DataRow("f57ff05b", "dmb ish", "", "")]
    [DataRow("f57ff04f", "dsb sy", "", "")]
    [DataRow("f57ff06f", "isb sy", "", "")]
    [DataRow("f57ff01f", "clrex", "", "")]
    [DataRow("f5d1f004", "pld [r1, #4]", "r1=0x30000", "")]
    [DataRow("f55ff004", "pld [pc, #-4]", "", "")]
    [DataRow("f591f000", "pldw [r1]", "r1=0x30000", "")]
    [DataRow("f451f004", "pli [r1, #-4]", "r1=0x30000", "")]
    [DataRow("f7d1f002", "pld [r1, r2]", "r1=0x30000 r2=4", "")]
    [DataRow("f791f102", "pldw [r1, r2, lsl #2]", "r1=0x30000 r2=4", "")]
    [DataRow("f651f002", "pli [r1, -r2]", "r1=0x30000 r2=4", "")]
    [DataRow("f1020010", "cps #16", "", "")]
    [DataRow("f10c00c0", "cpsid if", "", "")]
    [DataRow("f1010000", "setend le", "", "")]
    public void HintsAndBarriers(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);
}
