using CrossEmu.Conformance;
using CrossEmu.Conformance.Decoder;
using CrossEmu.Conformance.Differential;
using CrossEmu.Frontends.Mips;
using CrossEmu.Frontends.Mips.Disassembler;
using CrossEmu.Isa;
using CrossEmu.Isa.Guests;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Mips;

namespace CrossEmu.Guests;

/// <summary>MIPS32 Release 2, Linux o32, in either byte order: what `qemu-mips` and `qemu-mipsel` run.</summary>
public sealed class MipsGuest : ILinuxGuest, IConformanceGuest
{
    public static MipsGuest Big { get; } = new(bigEndian: true);
    public static MipsGuest Little { get; } = new(bigEndian: false);

    readonly bool bigEndian;

    MipsGuest(bool bigEndian)
    {
        this.bigEndian = bigEndian;
        Name = bigEndian ? "mips" : "mipsel";
        Aliases = bigEndian ? ["mipseb"] : [];
        Elf = new ElfMatch(ElfConstants.MachineMips, bigEndian, MipsElfFlags.Refusal);
    }

    public string Name { get; }
    public IReadOnlyList<string> Aliases { get; }
    public ElfMatch Elf { get; }
    public bool BigEndian => bigEndian;
    public IGuestFrontend CreateFrontend() => new MipsFrontend(bigEndian);
    public RegisterTable Registers => MipsRegisters.Table;
    public IGuestDisassembler CreateDisassembler() => new MipsDisassembler(bigEndian);
    public string ReferenceQemu => "qemu-" + Name;

    public LinuxAbi LinuxAbi => bigEndian ? MipsO32.Big : MipsO32.Little;

    public string? DebianArchitecture => bigEndian ? null : "mipsel";

    /// <summary>Both byte orders decode the same words and share one set of decoder data files.</summary>
    public IDecoderUnderTest CreateDecoderUnderTest() => new MipsDecoderUnderTest(this, dataFamily: "mips");
    public IsaProfile CreateDifferentialProfile() => new MipsProfile(this);
}
