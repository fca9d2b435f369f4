namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>Saturating arithmetic and saturation: Q is set (sticky) when a result saturates.</summary>
[TestClass]
public sealed class SaturatingTests
{
    [TestMethod]
    [DataRow("e1020051", "qadd r0, r1, r2", "r1=1 r2=2", "r0=0x3")]
    [DataRow("e1020051", "qadd r0, r1, r2", "r1=0x7fffffff r2=1", "r0=0x7fffffff q=1")]
    [DataRow("e1020051", "qadd r0, r1, r2", "r1=0x80000000 r2=-1", "r0=0x80000000 q=1")]
    [DataRow("e1020051", "qadd r0, r1, r2", "r1=1 r2=2 q=1", "r0=0x3")]
    [DataRow("e1220051", "qsub r0, r1, r2", "r1=10 r2=3", "r0=0x7")]
    [DataRow("e1220051", "qsub r0, r1, r2", "r1=0x80000000 r2=1", "r0=0x80000000 q=1")]
    [DataRow("e1220051", "qsub r0, r1, r2", "r1=0x7fffffff r2=0x80000000", "r0=0x7fffffff q=1")]
    [DataRow("e1420051", "qdadd r0, r1, r2", "r1=1 r2=2", "r0=0x5")]
    [DataRow("e1420051", "qdadd r0, r1, r2", "r1=0 r2=0x40000000", "r0=0x7fffffff q=1")]
    [DataRow("e1420051", "qdadd r0, r1, r2", "r1=-1 r2=0x40000000", "r0=0x7ffffffe q=1")]
    [DataRow("e1420051", "qdadd r0, r1, r2", "r1=0x7fffffff r2=1", "r0=0x7fffffff q=1")]
    [DataRow("e1620051", "qdsub r0, r1, r2", "r1=10 r2=3", "r0=0x4")]
    [DataRow("e1620051", "qdsub r0, r1, r2", "r1=0 r2=0xc0000000", "r0=0x7fffffff q=1")]
    [DataRow("e1620051", "qdsub r0, r1, r2", "r1=-1 r2=0x40000000", "r0=0x80000000 q=1")]
    public void SaturatingAddSubtract(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);

    [TestMethod]
    [DataRow("e6a70011", "ssat r0, #8, r1", "r1=300", "r0=0x7f q=1")]
    [DataRow("e6a70011", "ssat r0, #8, r1", "r1=-5", "r0=0xfffffffb")]
    [DataRow("e6a70011", "ssat r0, #8, r1", "r1=-129", "r0=0xffffff80 q=1")]
    [DataRow("e6af0211", "ssat r0, #16, r1, lsl #4", "r1=0x1000", "r0=0x7fff q=1")]
    [DataRow("e6a70451", "ssat r0, #8, r1, asr #8", "r1=0x7f00", "r0=0x7f")]
    [DataRow("e6a00051", "ssat r0, #1, r1, asr #32", "r1=0x80000000", "r0=0xffffffff")]
    [DataRow("e6bf0091", "ssat r0, #32, r1, lsl #1", "r1=0x80000001", "r0=0x2")]
    [DataRow("e6e80011", "usat r0, #8, r1", "r1=300", "r0=0xff q=1")]
    [DataRow("e6e80011", "usat r0, #8, r1", "r1=-5", "r0=0x0 q=1")]
    [DataRow("e6e80011", "usat r0, #8, r1", "r1=100", "r0=0x64")]
    [DataRow("e6e00011", "usat r0, #0, r1", "r1=1", "r0=0x0 q=1")]
    [DataRow("e6ff00d1", "usat r0, #31, r1, asr #1", "r1=0xfffffffe", "r0=0x0 q=1")]
    [DataRow("e6f00411", "usat r0, #16, r1, lsl #8", "r1=0x1ff", "r0=0xffff q=1")]
    [DataRow("e6a70f31", "ssat16 r0, #8, r1", "r1=0x0100ff00", "r0=0x7fff80 q=1")]
    [DataRow("e6af0f31", "ssat16 r0, #16, r1", "r1=0x80007fff", "r0=0x80007fff")]
    [DataRow("e6a00f31", "ssat16 r0, #1, r1", "r1=0x0000ffff", "r0=0xffff")]
    [DataRow("e6e80f31", "usat16 r0, #8, r1", "r1=0x0100ff00", "r0=0xff0000 q=1")]
    [DataRow("e6ef0f31", "usat16 r0, #15, r1", "r1=0x7fff0005", "r0=0x7fff0005")]
    [DataRow("e6e00f31", "usat16 r0, #0, r1", "r1=0x00010000", "r0=0x0 q=1")]
    public void Saturate(string words, string asm, string before, string after) => ArmTestCpu.Check(words, before, after);
}
