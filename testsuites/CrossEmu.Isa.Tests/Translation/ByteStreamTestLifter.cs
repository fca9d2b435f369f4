using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Translation;

namespace CrossEmu.Isa.Tests.Translation;

/// <summary>
/// A made-up ISA of variable length, read as a byte stream as x86 is: the low 3 bits of the first
/// byte are the count of bytes that follow (0 to 7); a first byte with bit 4 set ends the block.
/// </summary>
sealed class ByteStreamTestLifter : BlockLifter
{
    public const byte EndsBlock = 0x10;

    // Read ahead as far as the longest instruction; one buffer per block, not per instruction.
    readonly byte[] window = new byte[8];
    int length;

    ByteStreamTestLifter(uint start) : base(start) { }

    public static IrBlock Lift(uint start, ICodeReader code, int maxInsns = 16) => new ByteStreamTestLifter(start).LiftBlock(code, maxInsns);

    protected override InsnFetch FetchInsn(uint pc)
    {
        int readable = Code.Read(pc, window);
        if (readable == 0) return InsnFetch.Unreadable(pc);
        length = (window[0] & 7) + 1;
        return readable >= length ? InsnFetch.Of(length) : InsnFetch.Unreadable(pc + (uint)readable);
    }

    protected override InsnEnd TranslateInsn(uint pc, bool inDelaySlot)
    {
        Builder.InsnStart(pc, window[0]);
        return (window[0] & EndsBlock) != 0 ? InsnEnd.EndsBlock : InsnEnd.Next;
    }
}
