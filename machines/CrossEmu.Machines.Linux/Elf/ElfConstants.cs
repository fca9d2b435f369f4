namespace CrossEmu.Machines.Linux.Elf;

/// <summary>The ELF numbers the loader needs (System V ABI, gABI).</summary>
public static class ElfConstants
{
    public const byte ClassElf32 = 1, ClassElf64 = 2;
    public const byte DataLittle = 1, DataBig = 2;

    public const ushort TypeRel = 1, TypeExec = 2, TypeDyn = 3, TypeCore = 4;

    public const ushort MachineSparc = 2, Machine386 = 3, MachineMips = 8, MachineSparc32Plus = 18,
        MachineArm = 40, MachineX86_64 = 62, MachineAarch64 = 183;

    public const uint PtNull = 0, PtLoad = 1, PtDynamic = 2, PtInterp = 3, PtNote = 4, PtPhdr = 6, PtTls = 7,
        PtGnuStack = 0x6474e551;

    public const uint PfX = 1, PfW = 2, PfR = 4;

    public const int Elf32HeaderSize = 52, Elf32PhdrSize = 32;

    public static string MachineName(ushort machine) => machine switch
    {
        MachineSparc => "EM_SPARC",
        Machine386 => "EM_386",
        MachineMips => "EM_MIPS",
        MachineSparc32Plus => "EM_SPARC32PLUS",
        MachineArm => "EM_ARM",
        MachineX86_64 => "EM_X86_64",
        MachineAarch64 => "EM_AARCH64",
        _ => $"EM_{machine}",
    };
}
