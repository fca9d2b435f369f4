using System.Buffers.Binary;
using CrossEmu.Isa.Guests;

namespace CrossEmu.Conformance.Decoder;

/// <summary>Capstone's reading of a word: defined when it disassembles to one 4-byte instruction.</summary>
public sealed record CapstoneVerdict(bool Defined, string Mnemonic, string Operands)
{
    public static readonly CapstoneVerdict Undefined = new(false, "", "");

    public override string ToString() => Defined ? $"'{$"{Mnemonic} {Operands}".TrimEnd()}'" : "undefined";
}

/// <summary>
/// The reference decoder for the cross-check: the ISA's own disassembler (Capstone), asked about
/// one 4-byte word in the guest's byte order; a word it reads as anything but one 4-byte
/// instruction counts as undefined.
/// </summary>
public sealed class CapstoneOracle(IGuestDisassembler disassembler, bool bigEndian) : IDisposable
{
    readonly byte[] bytes = new byte[4];

    public CapstoneVerdict Disassemble(uint word)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(bytes, word);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes, word);
        return disassembler.Disassemble(SingleWordCode.Pc, bytes) is { Length: 4 } i
            ? new CapstoneVerdict(true, i.Mnemonic, i.Operands)
            : CapstoneVerdict.Undefined;
    }

    public void Dispose() => disassembler.Dispose();
}
