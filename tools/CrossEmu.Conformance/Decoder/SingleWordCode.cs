using CrossEmu.Isa;

namespace CrossEmu.Conformance.Decoder;

/// <summary>
/// Guest code holding one instruction word at Pc, then a filler word (a MIPS branch lifts its
/// delay slot, which must not be the word under test).
/// </summary>
public sealed class SingleWordCode(uint filler) : ICodeReader
{
    public const uint Pc = 0x0001_0000;

    /// <summary>The word as the frontend's code reader returns it (little-endian view of guest memory).</summary>
    public uint Word { get; set; }

    public bool TryRead32(uint address, out uint word)
    {
        word = address == Pc ? Word : filler;
        return address is Pc or Pc + 4;
    }
}
