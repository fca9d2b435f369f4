namespace CrossEmu.Isa.Translation;

/// <summary>How the block goes on after an instruction (QEMU's is_jmp), as its lifter answers.</summary>
public enum InsnEnd : byte
{
    /// <summary>The next instruction follows in the block, if the budget allows.</summary>
    Next,

    /// <summary>The block ends after this instruction (a branch, a trap, a system instruction).</summary>
    EndsBlock,

    /// <summary>
    /// A branch with a delay slot: the loop lifts the next instruction as its slot, then the
    /// frontend emits the branch's exits and the block ends.
    /// </summary>
    DelaySlot,
}
