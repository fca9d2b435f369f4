namespace CrossEmu.Isa.Guests;

/// <summary>
/// One guest ISA, declared once: its names, which ELF files it runs, its frontend, its registers
/// (names, gdb numbering, the `-d cpu` layout), its disassembler and its reference emulator. The
/// CLI, the gdb stub, the conformance tool, the benchmarks and the ELF loader ask a
/// <see cref="GuestIsaRegistry"/> of these instead of switching on a name. Layers above add what
/// they need of an ISA as interfaces of their own (the Linux runtime's ABI, the conformance
/// profile), which the one descriptor per ISA implements.
/// </summary>
public interface IGuestIsa
{
    /// <summary>The name users and files use: `conformance --isa`, `bench --arch`, test folders (arm, mips, mipsel).</summary>
    string Name { get; }

    /// <summary>Other names it answers to on the command line.</summary>
    IReadOnlyList<string> Aliases { get; }

    /// <summary>The ELF files it runs.</summary>
    ElfMatch Elf { get; }

    /// <summary>Byte order of data and instruction words in guest memory.</summary>
    bool BigEndian { get; }

    /// <summary>A frontend that lifts this ISA's code (frontends are stateless and shareable).</summary>
    IGuestFrontend CreateFrontend();

    /// <summary>The architectural registers as debuggers and logs see them.</summary>
    RegisterTable Registers { get; }

    /// <summary>A disassembler for `-d in_asm` and the decoder cross-check.</summary>
    IGuestDisassembler CreateDisassembler();

    /// <summary>The qemu-user binary that runs this ISA's programs, for differential tests and benchmarks.</summary>
    string ReferenceQemu { get; }
}
