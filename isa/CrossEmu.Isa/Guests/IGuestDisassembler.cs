namespace CrossEmu.Isa.Guests;

/// <summary>One decoded guest instruction as text, and its length in bytes.</summary>
public readonly record struct DisassembledInstruction(string Mnemonic, string Operands, int Length)
{
    public override string ToString() => $"{Mnemonic} {Operands}".TrimEnd();
}

/// <summary>Guest disassembly: for `-d in_asm`, and as the reference of the decoder cross-check.</summary>
public interface IGuestDisassembler : IDisposable
{
    /// <summary>The instruction at the start of code (guest memory at pc, in guest byte order); null when undefined.</summary>
    DisassembledInstruction? Disassemble(uint pc, ReadOnlySpan<byte> code);
}

public static class GuestDisassemblerExtensions
{
    /// <summary>A 4-byte instruction word (its value, as frontends see it) in the guest's byte order, as text.</summary>
    public static string DisassembleWord(this IGuestDisassembler disassembler, uint pc, uint word, bool bigEndian)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (bigEndian) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, word);
        else System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, word);
        return disassembler.Disassemble(pc, bytes)?.ToString() ?? "(undefined)";
    }
}
