using CrossEmu.Isa.Guests;
using Gee.External.Capstone;
using Gee.External.Capstone.Mips;

namespace CrossEmu.Frontends.Mips.Disassembler;

/// <summary>MIPS32 disassembly through Capstone, in the guest's byte order.</summary>
public sealed class MipsDisassembler(bool bigEndian) : IGuestDisassembler
{
    readonly CapstoneMipsDisassembler capstone = CapstoneDisassembler.CreateMipsDisassembler(
        MipsDisassembleMode.Bit32 | (bigEndian ? MipsDisassembleMode.BigEndian : MipsDisassembleMode.LittleEndian));

    public DisassembledInstruction? Disassemble(uint pc, ReadOnlySpan<byte> code)
    {
        var insns = capstone.Disassemble(code[..Math.Min(code.Length, 4)].ToArray(), pc);
        return insns.Length == 0 ? null : new DisassembledInstruction(insns[0].Mnemonic, insns[0].Operand, insns[0].Bytes.Length);
    }

    public void Dispose() => capstone.Dispose();
}
