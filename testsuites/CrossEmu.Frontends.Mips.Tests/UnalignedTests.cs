namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// LWL, LWR, SWL, SWR at every alignment in both byte orders: the parts they move depend on the
/// order (le:/be: items), and the usual pairs (lwl/lwr, swl/swr) move a whole unaligned word.
/// </summary>
[TestClass]
public sealed class UnalignedTests
{
    const string Mem = "a0=0x20010 v0=0xaabbccdd [0x20010]=0x11223344 [0x20014]=0x55667788";

    [TestMethod]
    [DataRow("88820000", "lwl $v0, 0($a0)", Mem, "le:v0=0x44bbccdd be:v0=0x11223344")]
    [DataRow("88820001", "lwl $v0, 1($a0)", Mem, "le:v0=0x3344ccdd be:v0=0x223344dd")]
    [DataRow("88820002", "lwl $v0, 2($a0)", Mem, "le:v0=0x223344dd be:v0=0x3344ccdd")]
    [DataRow("88820003", "lwl $v0, 3($a0)", Mem, "le:v0=0x11223344 be:v0=0x44bbccdd")]
    [DataRow("98820000", "lwr $v0, 0($a0)", Mem, "le:v0=0x11223344 be:v0=0xaabbcc11")]
    [DataRow("98820001", "lwr $v0, 1($a0)", Mem, "le:v0=0xaa112233 be:v0=0xaabb1122")]
    [DataRow("98820002", "lwr $v0, 2($a0)", Mem, "le:v0=0xaabb1122 be:v0=0xaa112233")]
    [DataRow("98820003", "lwr $v0, 3($a0)", Mem, "le:v0=0xaabbcc11 be:v0=0x11223344")]
    [DataRow("88800001", "lwl $zero, 1($a0)", Mem, "")]
    [DataRow("98840001", "lwr $a0, 1($a0)", Mem, "le:a0=0x112233 be:a0=0x21122")]
    public void Loads(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("a8820000", "swl $v0, 0($a0)", Mem, "le:[0x20010]=0x112233aa be:[0x20010]=0xaabbccdd")]
    [DataRow("a8820001", "swl $v0, 1($a0)", Mem, "le:[0x20010]=0x1122aabb be:[0x20010]=0x11aabbcc")]
    [DataRow("a8820002", "swl $v0, 2($a0)", Mem, "le:[0x20010]=0x11aabbcc be:[0x20010]=0x1122aabb")]
    [DataRow("a8820003", "swl $v0, 3($a0)", Mem, "le:[0x20010]=0xaabbccdd be:[0x20010]=0x112233aa")]
    [DataRow("b8820000", "swr $v0, 0($a0)", Mem, "le:[0x20010]=0xaabbccdd be:[0x20010]=0xdd223344")]
    [DataRow("b8820001", "swr $v0, 1($a0)", Mem, "le:[0x20010]=0xbbccdd44 be:[0x20010]=0xccdd3344")]
    [DataRow("b8820002", "swr $v0, 2($a0)", Mem, "le:[0x20010]=0xccdd3344 be:[0x20010]=0xbbccdd44")]
    [DataRow("b8820003", "swr $v0, 3($a0)", Mem, "le:[0x20010]=0xdd223344 be:[0x20010]=0xaabbccdd")]
    [DataRow("a8800002", "swl $zero, 2($a0)", Mem, "le:[0x20010]=0x11000000 be:[0x20010]=0x11220000")]
    public void Stores(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("88820003 98820000", "lwl $v0, 3($a0); lwr $v0, 0($a0)", "a0=0x20011 fill=1", "le:v0=0xb31577d9 be:v0=0xb3513bd9")]
    [DataRow("88820000 98820003", "lwl $v0, 0($a0); lwr $v0, 3($a0)", "a0=0x20011 fill=1", "le:v0=0x8def51b3 be:v0=0xd97715b3")]
    [DataRow("88820003 98820000", "lwl $v0, 3($a0); lwr $v0, 0($a0)", "a0=0x20012 fill=1", "le:v0=0x51b31577 be:v0=0x513bd977")]
    [DataRow("88820000 98820003", "lwl $v0, 0($a0); lwr $v0, 3($a0)", "a0=0x20013 fill=1", "le:v0=0x15778def be:v0=0x15b351ef")]
    [DataRow("a8820003 b8820000", "swl $v0, 3($a0); swr $v0, 0($a0)", "a0=0x20011 v0=0x12345678",
        "le:[0x20010]=0x34567800 le:[0x20014]=0x12 be:[0x20010]=0x56780000 be:[0x20014]=0x12345678")]
    [DataRow("a8820000 b8820003", "swl $v0, 0($a0); swr $v0, 3($a0)", "a0=0x20011 v0=0x12345678",
        "le:[0x20010]=0x1234 le:[0x20014]=0x12345678 be:[0x20010]=0x123456 be:[0x20014]=0x78000000")]
    [DataRow("a8820000 b8820003", "swl $v0, 0($a0); swr $v0, 3($a0)", "a0=0x20016 v0=0x12345678",
        "le:[0x20014]=0x123456 le:[0x20018]=0x34567800 be:[0x20014]=0x1234 be:[0x20018]=0x56780000")]
    [DataRow("88820000", "lwl $v0, 0($a0) # noqemu (qemu reports the address, 0x30000001)", "a0=0x30000001", "exit=MemoryFault pc=0x10000 fault=0x30000000")]
    [DataRow("b8820000", "swr $v0, 0($a0) # noqemu (qemu reports the address, 0x30000003)", "a0=0x30000003", "exit=MemoryFault pc=0x10000 fault=0x30000000")]
    public void Pairs(string words, string asm, string before, string after) => MipsTestCpu.Check(words, before, after);
}
