namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>LDM/STM in the four modes, with and without writeback, PUSH/POP, pc in the list.</summary>
[TestClass]
public sealed class LoadStoreMultipleTests
{
    const string Mem = "r0=0x20010 [0x20008]=8 [0x2000c]=12 [0x20010]=16 [0x20014]=20 [0x20018]=24";

    [TestMethod]
    [DataRow("e890000e", "ldm r0, {r1, r2, r3}", Mem, "r1=0x10 r2=0x14 r3=0x18")]
    [DataRow("e8b00006", "ldm r0!, {r1, r2}", Mem, "r0=0x20018 r1=0x10 r2=0x14")]
    [DataRow("e9900006", "ldmib r0, {r1, r2}", Mem, "r1=0x14 r2=0x18")]
    [DataRow("e9b00006", "ldmib r0!, {r1, r2}", Mem, "r0=0x20018 r1=0x14 r2=0x18")]
    [DataRow("e8100006", "ldmda r0, {r1, r2}", Mem, "r1=0xc r2=0x10")]
    [DataRow("e8300006", "ldmda r0!, {r1, r2}", Mem, "r0=0x20008 r1=0xc r2=0x10")]
    [DataRow("e9100006", "ldmdb r0, {r1, r2}", Mem, "r1=0x8 r2=0xc")]
    [DataRow("e930000e", "ldmdb r0!, {r1, r2, r3}", Mem, "r0=0x20004 r1=0x0 r2=0x8 r3=0xc")]
    [DataRow("e8900003", "ldm r0, {r0, r1}", Mem, "r0=0x10 r1=0x14")]
    [DataRow("e8904000", "ldm r0, {r14}", Mem, "r14=0x10")]
    [DataRow("e8bd0070", "pop {r4, r5, r6}", "sp=0x2000c [0x2000c]=1 [0x20010]=2 [0x20014]=3", "r4=0x1 r5=0x2 r6=0x3 r13=0x20018")]
    [DataRow("e880000e", "stm r0, {r1, r2, r3}", "r0=0x20010 r1=1 r2=2 r3=3", "[0x20010]=0x1 [0x20014]=0x2 [0x20018]=0x3")]
    [DataRow("e8a00006", "stm r0!, {r1, r2}", "r0=0x20010 r1=1 r2=2", "r0=0x20018 [0x20010]=0x1 [0x20014]=0x2")]
    [DataRow("e9800006", "stmib r0, {r1, r2}", "r0=0x20010 r1=1 r2=2", "[0x20014]=0x1 [0x20018]=0x2")]
    [DataRow("e9a00006", "stmib r0!, {r1, r2}", "r0=0x20010 r1=1 r2=2", "r0=0x20018 [0x20014]=0x1 [0x20018]=0x2")]
    [DataRow("e8000006", "stmda r0, {r1, r2}", "r0=0x20010 r1=1 r2=2", "[0x2000c]=0x1 [0x20010]=0x2")]
    [DataRow("e8200006", "stmda r0!, {r1, r2}", "r0=0x20010 r1=1 r2=2", "r0=0x20008 [0x2000c]=0x1 [0x20010]=0x2")]
    [DataRow("e9000006", "stmdb r0, {r1, r2}", "r0=0x20010 r1=1 r2=2", "[0x20008]=0x1 [0x2000c]=0x2")]
    [DataRow("e92d4030", "push {r4, r5, lr}", "sp=0x20100 r4=4 r5=5 lr=0x14", "r13=0x200f4 [0x200f4]=0x4 [0x200f8]=0x5 [0x200fc]=0x14")]
    [DataRow("e8800003", "stm r0, {r0, r1}", "r0=0x20010 r1=1", "[0x20010]=0x20010 [0x20014]=0x1")]
    [DataRow("e8808002", "stm r0, {r1, pc}", "r0=0x20010 r1=1", "[0x20010]=0x1 [0x20014]=0x10008")]
    [DataRow("e92d5fff", "stmdb sp!, {r0-r12, lr}", "sp=0x20100 r0=0",
        "r13=0x200c8 [0x200cc]=0xdead0001 [0x200d0]=0xdead0002 [0x200d4]=0xdead0003 [0x200d8]=0xdead0004 [0x200dc]=0xdead0005 " +
        "[0x200e0]=0xdead0006 [0x200e4]=0xdead0007 [0x200e8]=0xdead0008 [0x200ec]=0xdead0009 [0x200f0]=0xdead000a " +
        "[0x200f4]=0xdead000b [0x200f8]=0xdead000c [0x200fc]=0xdead000e")]
    public void Multiple(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("e8bd8030", "pop {r4, r5, pc}", "sp=0x2000c [0x2000c]=1 [0x20010]=2 [0x20014]=0x10200", "r4=1 r5=2 sp=0x20018 pc=0x10200")]
    [DataRow("e49df004", "pop {pc}", "sp=0x2000c [0x2000c]=0x10201", "sp=0x20010 exit=Unsupported pc=0x10000 arg=1")]
    [DataRow("e9108030", "ldmdb r0, {r4, r5, pc}", Mem, "r4=0 r5=8 pc=0xc")]
    [DataRow("e9b08002", "ldmib r0!, {r1, pc}", "r0=0x20010 [0x20014]=7 [0x20018]=0x400", "r1=7 r0=0x20018 pc=0x400")]
    [DataRow("e8900006", "ldm r0, {r1, r2}", "r0=0x21ffc [0x21ffc]=5", "exit=MemoryFault pc=0x10000 fault=0x22000")]
    [DataRow("e8a00006", "stm r0!, {r1, r2}", "r0=0x21ffc r1=5 r2=6", "[0x21ffc]=5 exit=MemoryFault pc=0x10000 fault=0x22000")]
    public void WithPcAndFaults(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);
}
