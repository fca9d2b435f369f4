using CrossEmu.Isa.Guests;
using CrossEmu.Machines.Linux.Elf;

namespace CrossEmu.Machines.Linux.Abi;

/// <summary>What the Linux user runtime needs of a guest ISA besides the descriptor: its Linux ABI.</summary>
public interface ILinuxGuest : IGuestIsa
{
    LinuxAbi LinuxAbi { get; }

    /// <summary>
    /// The Debian port whose programs this ISA runs (armel, mipsel), for sysroots of real programs;
    /// null when Debian has none (big-endian MIPS has had no port since bookworm).
    /// </summary>
    string? DebianArchitecture { get; }
}

public static class LinuxGuests
{
    /// <summary>The ISA of the registry that runs this ELF file under Linux; GuestLoadException saying why when none does.</summary>
    public static ILinuxGuest ForElf(GuestIsaRegistry guests, ElfFile elf)
    {
        IGuestIsa isa;
        try { isa = guests.ForElf(elf.Machine, ElfConstants.MachineName(elf.Machine), elf.BigEndian, elf.Flags); }
        catch (UnsupportedGuestException e) { throw new GuestLoadException(e.Message); }
        return isa as ILinuxGuest ?? throw new GuestLoadException($"{isa.Name} programs cannot run in user mode: that ISA has no Linux ABI");
    }
}
