using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Arm;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

[TestClass]
public sealed class KuserPageTests
{
    [TestMethod]
    public void PageIsMappedReadExecuteWithTheHelperVersion()
    {
        using var f = new ArmProcessFixture();
        ArmKuserPage.Install(f.Process.AddressSpace);
        Assert.AreEqual(PagePermissions.Read | PagePermissions.Execute, f.Memory.PermissionsAt(0xffff0000));
        Assert.AreEqual(PagePermissions.Read | PagePermissions.Execute, f.Memory.PermissionsAt(0xffff0fff));
        Assert.IsFalse(f.Memory.TryWrite(0xffff0fe0, [0]), "the guest cannot patch the helpers");
        Assert.IsTrue(f.U32(0xffff0ffc) >= 2, "__kuser_helper_version");
        Assert.AreEqual(0xee1d0f70u, f.U32(0xffff0fe0), "mrc p15, 0, r0, c13, c0, 3");
        Assert.AreEqual(0xe12fff1eu, f.U32(0xffff0fe4), "bx lr");
        Assert.IsFalse(f.Process.AddressSpace.IsFree(0xffff0000, 4096));
    }

    /// <summary>Each helper disassembles (with the cross binutils) to what the kernel document specifies.</summary>
    [TestMethod]
    [DataRow(0xfe0u, "mrc\t15, 0, r0, cr13, cr0, {3}|bx\tlr")]
    [DataRow(0xfa0u, "dmb\tish|bx\tlr")]
    [DataRow(0xfc0u, "dmb\tish|ldrex\tr3, [r2]|subs\tr3, r3, r0|strexeq\tr3, r1, [r2]|teqeq\tr3, #1|beq\t0xfc4|rsbs\tr0, r3, #0|b\t0xfa0")]
    [DataRow(0xf60u, "push\t{r4, r5, r6, r7}|ldrd\tr4, [r0]|ldrd\tr6, [r1]|dmb\tish|ldrexd\tr0, [r2]|eors\tr3, r0, r4|eorseq\tr3, r1, r5|" +
        "strexdeq\tr3, r6, [r2]|teqeq\tr3, #1|beq\t0xf70|dmb\tish|rsbs\tr0, r3, #0|pop\t{r4, r5, r6, r7}|bx\tlr")]
    [DataRow(0x500u, "mov\tr7, #119|svc\t0x00000000|mov\tr7, #173|svc\t0x00000000")]
    public void HelperDisassemblesAsSpecified(uint offset, string expected)
    {
        var objdump = ArmToolchain.Which("arm-linux-gnueabi-objdump");
        if (objdump == null) Assert.Inconclusive("arm-linux-gnueabi-objdump is not installed (binutils-arm-linux-gnueabi)");
        string bin = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(bin, ArmKuserPage.Build());
            int count = expected.Split('|').Length;
            var (code, output) = ArmToolchain.RunTool(objdump,
                $"-D -b binary -m arm --start-address=0x{offset:x} --stop-address=0x{offset + 4 * count:x} {bin}");
            Assert.AreEqual(0, code, output);
            var insns = output.Split('\n')
                .Select(l => l.Split('\t'))
                .Where(p => p.Length >= 3 && p[0].TrimEnd().EndsWith(':'))
                .Select(p => System.Text.RegularExpressions.Regex.Replace(string.Join('\t', p.Skip(2)), @"\s*@.*$", "")
                    .Split('\t').Select(s => s.Trim()).Where(s => s != "").Aggregate((a, b) => a + "\t" + b))
                .Select(s => System.Text.RegularExpressions.Regex.Replace(s, @"\t(0x[0-9a-f]+|[0-9a-f]+) <[^>]*>", "\t$1"))
                .Select(s => System.Text.RegularExpressions.Regex.Replace(s, @"^(b\w*)\t([0-9a-f]+)$", "$1\t0x$2"))
                .ToArray();
            Assert.AreEqual(expected, string.Join('|', insns), output);
        }
        finally { File.Delete(bin); }
    }
}
