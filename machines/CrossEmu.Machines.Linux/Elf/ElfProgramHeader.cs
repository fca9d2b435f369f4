namespace CrossEmu.Machines.Linux.Elf;

/// <summary>One ELF32 program header.</summary>
public readonly record struct ElfProgramHeader(
    uint Type, uint Offset, uint VirtualAddress, uint FileSize, uint MemorySize, uint Flags, uint Align)
{
    public bool IsLoad => Type == ElfConstants.PtLoad;
    public uint End => VirtualAddress + MemorySize;
}
