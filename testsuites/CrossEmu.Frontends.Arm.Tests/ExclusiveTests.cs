namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>LDREX/STREX (word, byte, halfword, doubleword), CLREX, SWP/SWPB.</summary>
[TestClass]
public sealed class ExclusiveTests
{
    const string Mem = "r1=0x20010 [0x20010]=0x11223344 [0x20014]=0x55667788 r3=0xaabbccdd";

    [TestMethod]
    [DataRow("e1910f9f", "ldrex r0, [r1]", Mem, "r0=0x11223344")]
    [DataRow("e1910f9f e1812f93", "ldrex r0, [r1]; strex r2, r3, [r1]", Mem, "r0=0x11223344 r2=0x0 [0x20010]=0xaabbccdd")]
    [DataRow("e1812f93", "strex r2, r3, [r1]", Mem, "r2=0x1")]
    [DataRow("e1910f9f f57ff01f e1812f93", "ldrex r0, [r1]; clrex; strex r2, r3, [r1]", Mem, "r0=0x11223344 r2=0x1")]
    [DataRow("e1910f9f e1842f93", "ldrex r0, [r1]; strex r2, r3, [r4]", Mem + " r4=0x20014", "r0=0x11223344 r2=0x1")]
    [DataRow("e1910f9f e1812f93 e1814f90", "ldrex r0, [r1]; strex r2, r3, [r1]; strex r4, r0, [r1]", Mem, "r0=0x11223344 r2=0x0 r4=0x1 [0x20010]=0xaabbccdd")]
    [DataRow("e1d10f9f", "ldrexb r0, [r1]", Mem, "r0=0x44")]
    [DataRow("e1d10f9f e1c12f93", "ldrexb r0, [r1]; strexb r2, r3, [r1]", Mem, "r0=0x44 r2=0x0 [0x20010]=0x112233dd")]
    [DataRow("e1c12f93", "strexb r2, r3, [r1]", Mem, "r2=0x1")]
    [DataRow("e1f10f9f", "ldrexh r0, [r1]", Mem, "r0=0x3344")]
    [DataRow("e1f10f9f e1e12f93", "ldrexh r0, [r1]; strexh r2, r3, [r1]", Mem, "r0=0x3344 r2=0x0 [0x20010]=0x1122ccdd")]
    [DataRow("e1e12f93", "strexh r2, r3, [r1]", Mem, "r2=0x1")]
    [DataRow("e1b14f9f", "ldrexd r4, r5, [r1]", Mem, "r4=0x11223344 r5=0x55667788")]
    [DataRow("e1b14f9f e1a12f96", "ldrexd r4, r5, [r1]; strexd r2, r6, r7, [r1]", Mem + " r6=1 r7=2",
        "r2=0x0 r4=0x11223344 r5=0x55667788 [0x20010]=0x1 [0x20014]=0x2")]
    [DataRow("e1a12f96", "strexd r2, r6, r7, [r1]", Mem + " r6=1 r7=2", "r2=0x1")]
    [DataRow("e1910f9f e1c12f93", "ldrex r0, [r1]; strexb r2, r3, [r1]", Mem, "r0=0x11223344 r2=1")]
    [DataRow("e1010093", "swp r0, r3, [r1]", Mem, "r0=0x11223344 [0x20010]=0xaabbccdd")]
    [DataRow("e1013093", "swp r3, r3, [r1]", Mem, "r3=0x11223344 [0x20010]=0xaabbccdd")]
    [DataRow("e1410093", "swpb r0, r3, [r1]", Mem, "r0=0x44 [0x20010]=0x112233dd")]
    [DataRow("e1011093", "# swp r1, r3, [r1] (gas refuses rt == rn)", Mem, "r1=0x11223344 [0x20010]=0xaabbccdd")]
    [DataRow("11010093", "swpne r0, r3, [r1]", Mem + " z=1", "")]
    public void Exclusive(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("e1910f9f", "ldrex r0, [r1]", "r1=0x20012", "exit=AlignmentFault pc=0x10000 fault=0x20012")]
    [DataRow("e1b20f9f", "ldrexd r0, r1, [r2]", "r2=0x20014", "exit=AlignmentFault pc=0x10000 fault=0x20014")]
    [DataRow("e1f10f9f", "ldrexh r0, [r1]", "r1=0x20011", "exit=AlignmentFault pc=0x10000 fault=0x20011")]
    [DataRow("e1a12f96", "strexd r2, r6, r7, [r1] (checked whatever the monitor says)", "r1=0x20014", "exit=AlignmentFault pc=0x10000 fault=0x20014")]
    [DataRow("e1812f93", "strex r2, r3, [r1]", "r1=0x20013", "exit=AlignmentFault pc=0x10000 fault=0x20013")]
    [DataRow("e1910f9f", "ldrex r0, [r1]", "r1=0x30000", "exit=MemoryFault pc=0x10000 fault=0x30000")]
    [DataRow("e1010093 e3a05001", "swp r0, r3, [r1]; mov r5, #1", Mem, "r0=0x11223344 [0x20010]=0xaabbccdd pc=0x10004")]
    public void FaultsAndBlockEnds(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);
}
