using CrossEmu.Machines.Linux.Arm;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Mips;

namespace CrossEmu.Machines.Linux.Abi;

/// <summary>Picks the guest ABI for an ELF file by e_machine and byte order (GuestLoadException when none fits).</summary>
public static class LinuxAbis
{
    public static LinuxAbi ForElf(ElfFile elf)
    {
        switch (elf.Machine)
        {
            case ElfConstants.MachineArm when !elf.BigEndian:
                // EF_ARM_EABI_MASK: 0 is the old ABI (OABI), whose syscalls (svc 0x900000+n) we do not serve.
                if ((elf.Flags & 0xff000000) == 0) throw new GuestLoadException($"old ARM ABI (OABI) binaries are not supported, only EABI");
                return ArmEabi.Instance;
            case ElfConstants.MachineArm:
                throw new GuestLoadException($"big-endian ARM is not supported");
            case ElfConstants.MachineMips:
                MipsElfFlags.Validate(elf.Flags);
                return elf.BigEndian ? MipsO32.Big : MipsO32.Little;
            default:
                throw new GuestLoadException($"unsupported machine {ElfConstants.MachineName(elf.Machine)} (only ARM and MIPS are supported)");
        }
    }
}
