using CrossEmu.Conformance;
using CrossEmu.Conformance.Decoder;
using CrossEmu.Conformance.Differential;
using CrossEmu.Frontends.Arm;
using CrossEmu.Frontends.Arm.Disassembler;
using CrossEmu.Isa;
using CrossEmu.Isa.Guests;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Arm;
using CrossEmu.Machines.Linux.Elf;

namespace CrossEmu.Guests;

/// <summary>ARM, A32 (ARM state), little endian, Linux EABI: what `qemu-arm` runs.</summary>
public sealed class ArmGuest : ILinuxGuest, IConformanceGuest
{
    public static ArmGuest Instance { get; } = new();

    ArmGuest() { }

    public string Name => "arm";
    public IReadOnlyList<string> Aliases { get; } = ["armel"];

    // EF_ARM_EABI_MASK: 0 is the old ABI (OABI), whose syscalls (svc 0x900000+n) are not served.
    public ElfMatch Elf { get; } = new(ElfConstants.MachineArm, BigEndian: false,
        flags => (flags & 0xff000000) == 0 ? "old ARM ABI (OABI) binaries are not supported, only EABI" : null);

    public bool BigEndian => false;
    public IGuestFrontend CreateFrontend() => new ArmFrontend();
    public RegisterTable Registers => ArmRegisters.Table;
    public IGuestDisassembler CreateDisassembler() => new ArmDisassembler();
    public string ReferenceQemu => "qemu-arm";

    public LinuxAbi LinuxAbi => ArmEabi.Instance;

    public string? DebianArchitecture => "armel";

    public IDecoderUnderTest CreateDecoderUnderTest() => new ArmDecoderUnderTest(this);
    public IsaProfile CreateDifferentialProfile() => new ArmProfile(this);
}
