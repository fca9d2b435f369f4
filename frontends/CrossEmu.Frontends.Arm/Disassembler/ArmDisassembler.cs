using CrossEmu.Isa.Guests;
using Gee.External.Capstone;
using Gee.External.Capstone.Arm;

namespace CrossEmu.Frontends.Arm.Disassembler;

/// <summary>A32 disassembly through Capstone.</summary>
public sealed class ArmDisassembler : IGuestDisassembler
{
    readonly CapstoneArmDisassembler capstone = CapstoneDisassembler.CreateArmDisassembler(ArmDisassembleMode.Arm);

    public DisassembledInstruction? Disassemble(uint pc, ReadOnlySpan<byte> code)
    {
        var insns = capstone.Disassemble(code[..Math.Min(code.Length, 4)].ToArray(), pc);
        return insns.Length == 0 ? null : new DisassembledInstruction(insns[0].Mnemonic, insns[0].Operand, insns[0].Bytes.Length);
    }

    public void Dispose() => capstone.Dispose();
}
