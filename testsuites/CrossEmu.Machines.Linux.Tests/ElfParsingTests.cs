using CrossEmu.Guests;
using CrossEmu.Machines.Linux;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Arm;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

[TestClass]
public sealed class ElfParsingTests
{
    static string ErrorOf(byte[] bytes)
    {
        var e = Assert.ThrowsExactly<GuestLoadException>(() => LinuxGuests.ForElf(GuestIsas.Registry, ElfFile.Parse(bytes, "prog")));
        Assert.IsFalse(e.Message.Contains('\n'), "the message is one line");
        Assert.IsFalse(e.Message.StartsWith("prog"), "the caller names the file");
        return e.Message;
    }

    [TestMethod]
    public void GoodFileReportsItsHeader()
    {
        var elf = ElfFile.Parse(ElfBuilder.TextAndData(), "prog");
        Assert.AreEqual(ElfConstants.MachineArm, elf.Machine);
        Assert.IsFalse(elf.BigEndian);
        Assert.AreEqual(0x10100u, elf.Entry);
        Assert.AreEqual(ElfConstants.TypeExec, elf.Type);
        Assert.AreEqual(2, elf.LoadSegments.Count());
        Assert.IsNull(elf.Interpreter);
        Assert.IsFalse(elf.WantsExecutableStack, "PT_GNU_STACK without PF_X");
        Assert.AreSame(ArmEabi.Instance, LinuxGuests.ForElf(GuestIsas.Registry, elf).LinuxAbi);
    }

    /// <summary>Linux's binfmt_elf checks neither EI_VERSION nor e_version (qemu-user refuses the first).</summary>
    [TestMethod]
    public void AnyElfVersionLoadsAsLinuxLoadsIt()
    {
        var bytes = ElfBuilder.TextAndData();
        bytes[6] = 0;                                       // EI_VERSION
        BitConverter.GetBytes(7u).CopyTo(bytes, 20);        // e_version (little-endian ARM)
        var elf = ElfFile.Parse(bytes, "prog");
        Assert.AreEqual(0x10100u, elf.Entry);
        Assert.AreSame(ArmEabi.Instance, LinuxGuests.ForElf(GuestIsas.Registry, elf).LinuxAbi);
    }

    [TestMethod]
    public void BigEndianIsReadFromEiData()
    {
        var elf = ElfFile.Parse(ElfBuilder.Build([new TestSegment(0x400000, [0, 0, 0, 0], 4, ElfBuilder.PfR | ElfBuilder.PfX)],
            entry: 0x400000, machine: 8, bigEndian: true), "mips");
        Assert.IsTrue(elf.BigEndian);
        Assert.AreEqual(ElfConstants.MachineMips, elf.Machine);
        Assert.AreEqual(0x400000u, elf.Entry);
        Assert.AreEqual(0x400000u, elf.LoadSegments.Single().VirtualAddress);
    }

    [TestMethod]
    public void MissingGnuStackMeansExecutableStack()
    {
        var elf = ElfFile.Parse(ElfBuilder.Build([new TestSegment(0x10000, [0, 0, 0, 0], 4, ElfBuilder.PfR)], 0x10000, gnuStackFlags: null), "p");
        Assert.IsTrue(elf.WantsExecutableStack);
    }

    [TestMethod]
    public void InterpreterPathIsRead()
    {
        var elf = ElfFile.Parse(ElfBuilder.Build([new TestSegment(0x10000, [0, 0, 0, 0], 4, ElfBuilder.PfR)], 0x10000,
            interpreter: "/lib/ld-linux.so.3"), "p");
        Assert.AreEqual("/lib/ld-linux.so.3", elf.Interpreter);
    }

    [TestMethod]
    public void NotAnElfFile() => StringAssert.Contains(ErrorOf("#!/bin/sh\necho hi\n"u8.ToArray()), "not an ELF file");

    [TestMethod]
    public void EmptyFileIsNotAnElfFile() => StringAssert.Contains(ErrorOf([]), "not an ELF file");

    [TestMethod]
    [DataRow(10)]
    [DataRow(40)]
    public void TruncatedHeader(int length) =>
        StringAssert.Contains(ErrorOf(ElfBuilder.TextAndData()[..length]), "truncated ELF");

    [TestMethod]
    public void ALoadSegmentPastTheEndOfTheFileIsAccepted()
    {
        // Linux maps it; what lies past the end faults when touched (ElfLoadingTests).
        var bytes = ElfBuilder.TextAndData();
        Assert.AreEqual(2, ElfFile.Parse(bytes[..^4], "/tmp/prog").LoadSegments.Count());
    }

    [TestMethod]
    public void TruncatedProgramHeaders() => StringAssert.Contains(ErrorOf(ElfBuilder.TextAndData()[..60]), "truncated ELF");

    [TestMethod]
    [DataRow((ushort)62, "EM_X86_64")]
    [DataRow((ushort)2, "EM_SPARC")]
    [DataRow((ushort)183, "EM_AARCH64")]
    public void WrongMachine(ushort machine, string name)
    {
        var message = ErrorOf(ElfBuilder.TextAndData(machine: machine));
        StringAssert.Contains(message, $"unsupported machine {name} (supported: arm, mips, mipsel)");
    }

    [TestMethod]
    public void Elf64IsRejected()
    {
        var bytes = ElfBuilder.TextAndData();
        bytes[4] = 2;
        StringAssert.Contains(ErrorOf(bytes), "ELF64 not supported");
    }

    [TestMethod]
    public void RelocatableObjectIsRejected() => StringAssert.Contains(ErrorOf(ElfBuilder.TextAndData(type: 1)), "relocatable object");

    [TestMethod]
    public void BigEndianArmIsRejected()
    {
        var bytes = ElfBuilder.Build([new TestSegment(0x10000, [0, 0, 0, 0], 4, ElfBuilder.PfR)], 0x10000, bigEndian: true);
        StringAssert.Contains(ErrorOf(bytes), "big-endian EM_ARM programs are not supported (arm runs little-endian ones)");
    }

    [TestMethod]
    public void OldAbiArmIsRejected()
    {
        var bytes = ElfBuilder.Build([new TestSegment(0x10000, [0, 0, 0, 0], 4, ElfBuilder.PfR)], 0x10000, flags: 0);
        StringAssert.Contains(ErrorOf(bytes), "OABI");
    }

    [TestMethod]
    public void FileSizeLargerThanMemorySizeIsRejected()
    {
        var bytes = ElfBuilder.TextAndData();
        // p_memsz of the first program header := 1, below its p_filesz of 8.
        BitConverter.GetBytes(1u).CopyTo(bytes, 52 + 20);
        StringAssert.Contains(ErrorOf(bytes), "file size larger than memory size");
    }

    [TestMethod]
    public void MissingFileIsALoadError()
    {
        var e = Assert.ThrowsExactly<GuestLoadException>(() => ElfFile.Load("/nonexistent/crossemu-test"));
        StringAssert.StartsWith(e.Message, "cannot read");
    }

    [TestMethod]
    public void RealCrossCompiledProgramParses()
    {
        var exe = ArmToolchain.Compile("int main(void) { return 0; }");
        var elf = ElfFile.Load(exe);
        Assert.AreEqual(ElfConstants.MachineArm, elf.Machine);
        Assert.AreEqual(ElfConstants.TypeExec, elf.Type);
        Assert.IsNull(elf.Interpreter, "built -static");
        Assert.AreEqual(0x05000000u, elf.Flags & 0xff000000, "EABI version 5");
    }
}
