namespace CrossEmu.Machines.Linux.Elf;

/// <summary>Where an ELF file ended up in guest memory.</summary>
public sealed record LoadedElf(
    ElfFile File,
    /// <summary>Added to every p_vaddr (0 for ET_EXEC).</summary>
    uint Bias,
    uint Entry,
    /// <summary>Guest address of the program headers (AT_PHDR).</summary>
    uint ProgramHeaders,
    uint LowAddress,
    /// <summary>End of the highest segment (end of bss); brk starts at the page after.</summary>
    uint HighAddress);
