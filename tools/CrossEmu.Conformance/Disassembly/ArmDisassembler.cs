using Gee.External.Capstone;
using Gee.External.Capstone.Arm;

namespace CrossEmu.Conformance.Disassembly;

/// <summary>A32 disassembly through Capstone.</summary>
public sealed class ArmDisassembler : IGuestDisassembler
{
    readonly CapstoneArmDisassembler capstone = CapstoneDisassembler.CreateArmDisassembler(ArmDisassembleMode.Arm);

    public string Disassemble(uint pc, uint word)
    {
        var insns = capstone.Disassemble(BitConverter.GetBytes(word), pc);
        return insns.Length == 0 ? "(undefined)" : $"{insns[0].Mnemonic} {insns[0].Operand}".TrimEnd();
    }

    public void Dispose() => capstone.Dispose();
}
