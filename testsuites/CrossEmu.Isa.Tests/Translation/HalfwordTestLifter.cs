using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Translation;

namespace CrossEmu.Isa.Tests.Translation;

/// <summary>
/// A made-up ISA of 16- and 32-bit instructions, as Thumb mixes them (little-endian halfwords):
/// 0xFxxx is the first half of a 32-bit instruction, 0xE000 ends the block, 0xDnnn branches to
/// pc + 2 * nnn after a delay slot, anything else is a 16-bit instruction that does nothing.
/// </summary>
sealed class HalfwordTestLifter : BlockLifter
{
    public const ushort Nop = 0x0000, Wide = 0xF000, Stop = 0xE000;
    public static ushort BranchBy(int halves) => (ushort)(0xD000 | halves);

    uint insn;
    uint? branchTarget;

    HalfwordTestLifter(uint start) : base(start) { }

    public static IrBlock Lift(uint start, ICodeReader code, int maxInsns = 16) => new HalfwordTestLifter(start).LiftBlock(code, maxInsns);

    protected override InsnFetch FetchInsn(uint pc)
    {
        var first = Fetch16(pc, out ushort half);
        insn = half;
        if (!first.Fetched || half >> 12 != 0xF) return first;
        var second = Fetch16(pc + 2, out ushort low);
        insn = (insn << 16) | low;
        return second.Fetched ? InsnFetch.Of(4) : second;
    }

    protected override InsnEnd TranslateInsn(uint pc, bool inDelaySlot)
    {
        Builder.InsnStart(pc, insn);
        if (insn == Stop) return InsnEnd.EndsBlock;
        if (insn >> 12 == 0xD && !inDelaySlot)
        {
            branchTarget = pc + 2 * (insn & 0xFFF);
            return InsnEnd.DelaySlot;
        }
        return InsnEnd.Next;
    }

    protected override void EndDelaySlot(uint branchPc, bool slotLifted)
    {
        if (slotLifted) Builder.ExitJump(branchTarget!.Value);
    }
}
