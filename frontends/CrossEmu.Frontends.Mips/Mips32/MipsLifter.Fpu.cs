namespace CrossEmu.Frontends.Mips.Mips32;

// The FPU (CP1) lifters: placeholder until fpu.decode lands.
internal sealed partial class MipsLifter
{
    /// <summary>Decodes a word of the FPU's opcode space (see IsFpuWord); false when undefined.</summary>
    bool DecodeFpu(uint word) => false;
}
