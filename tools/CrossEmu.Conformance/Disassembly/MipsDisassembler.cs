using System.Buffers.Binary;
using Gee.External.Capstone;
using Gee.External.Capstone.Mips;

namespace CrossEmu.Conformance.Disassembly;

/// <summary>MIPS32 disassembly through Capstone, in the guest's byte order.</summary>
public sealed class MipsDisassembler(bool bigEndian) : IGuestDisassembler
{
    readonly CapstoneMipsDisassembler capstone = CapstoneDisassembler.CreateMipsDisassembler(
        MipsDisassembleMode.Bit32 | (bigEndian ? MipsDisassembleMode.BigEndian : MipsDisassembleMode.LittleEndian));

    public string Disassemble(uint pc, uint word)
    {
        // The word is the instruction's value; Capstone wants its bytes as they sit in guest memory.
        var bytes = new byte[4];
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(bytes, word);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes, word);
        var insns = capstone.Disassemble(bytes, pc);
        return insns.Length == 0 ? "(undefined)" : $"{insns[0].Mnemonic} {insns[0].Operand}".TrimEnd();
    }

    public void Dispose() => capstone.Dispose();
}
