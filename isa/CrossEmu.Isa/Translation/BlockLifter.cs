using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Translation;

/// <summary>
/// The translator loop every frontend shares, after QEMU's translator_loop and TranslatorOps. A
/// frontend's lifter derives from it (one instance per block, its constructor is QEMU's
/// init_disas_context) and supplies the hooks: FetchInsn reads one instruction of any length
/// through the code reader, TranslateInsn lifts it and answers how the block goes on (QEMU's
/// insn_start and translate_insn), EndDelaySlot emits a branch's exits after its slot, StopBlock
/// ends the block (tb_stop). The loop owns the rest, the same for every ISA:
/// <list type="bullet">
/// <item>Budget: at most maxInsns steps (the debugger steps one); a branch and its delay slot
/// are one step, so a branch at the limit keeps its slot.</item>
/// <item>Fetch faults: when the first instruction cannot be fetched (any of its bytes), the
/// block is a memory-fault exit at its pc, the fault address being the first unreadable byte.
/// Later, the block stops before it: the next block starts there and reports the fault itself.
/// An unreadable delay slot faults at its branch, as EPC would report it.</item>
/// <item>Pages: a block may run on across a page boundary, and one instruction may straddle
/// one, as long as every byte it fetches is executable (each fetch checks its own bytes). The
/// translation cache watches every page from GuestPc to GuestEnd, so a write to any of them
/// drops the block. A block never wraps past the top of the address space.</item>
/// <item>Block boundaries the reader asks for (ICodeReader.EndsBlockBefore, a debugger's
/// breakpoint): the block stops before such an instruction unless it is the first or a delay slot.</item>
/// <item>GuestInsnCount counts the lifted instructions (a delay slot included) and GuestEnd is
/// GuestPc plus the sum of their lengths.</item>
/// </list>
/// </summary>
public abstract class BlockLifter
{
    ICodeReader code = null!;

    protected BlockLifter(uint start) => Builder = new IrBuilder(start);

    /// <summary>The block under construction.</summary>
    protected IrBuilder Builder { get; }

    /// <summary>Where FetchInsn reads the guest's code (set while the block is lifted).</summary>
    protected ICodeReader Code => code;

    /// <summary>Lifts the block starting at the constructor's pc; call once.</summary>
    public IrBlock LiftBlock(ICodeReader code, int maxInsns)
    {
        this.code = code;
        var block = Builder.Block;
        int budget = Math.Max(1, maxInsns), steps = 0, lifted = 0;
        uint at = block.GuestPc;
        while (true)
        {
            if (lifted > 0 && code.EndsBlockBefore(at))
            {
                StopBlock(at);
                break;
            }
            var fetch = FetchInsn(at);
            if (!fetch.Fetched)
            {
                if (lifted == 0) Builder.ExitTrap(IrBuilder.Imm32(fetch.UnreadableAt), (long)ExitReason.MemoryFault, at);
                else StopBlock(at);
                break;
            }
            uint insnPc = at;
            var end = TranslateInsn(insnPc, inDelaySlot: false);
            lifted++;
            at += (uint)fetch.Length;
            if (end == InsnEnd.DelaySlot)
            {
                lifted += LiftDelaySlot(insnPc, ref at);
                break;
            }
            // at < insnPc: the instruction ended at the top of the address space.
            if (end == InsnEnd.EndsBlock || ++steps == budget || at < insnPc)
            {
                StopBlock(at);
                break;
            }
        }
        block.GuestInsnCount = lifted;
        block.GuestEnd = at;
        return block;
    }

    /// <summary>Lifts the slot after the branch at branchPc, then the branch's exits; returns the instructions lifted (0 or 1).</summary>
    int LiftDelaySlot(uint branchPc, ref uint at)
    {
        var slot = FetchInsn(at);
        if (slot.Fetched)
        {
            TranslateInsn(at, inDelaySlot: true);
            at += (uint)slot.Length;
        }
        else Builder.ExitTrap(IrBuilder.Imm32(slot.UnreadableAt), (long)ExitReason.MemoryFault, branchPc);
        EndDelaySlot(branchPc, slot.Fetched);
        return slot.Fetched ? 1 : 0;
    }

    /// <summary>
    /// Reads the instruction at pc through Code and keeps it for TranslateInsn. Emits no IR: an
    /// unreadable instruction leaves the block as it was.
    /// </summary>
    protected abstract InsnFetch FetchInsn(uint pc);

    /// <summary>
    /// Lifts the instruction FetchInsn just read, starting with its InsnStart, and says how the
    /// block goes on. For a delay slot the answer is not asked for: the branch ends the block.
    /// </summary>
    protected abstract InsnEnd TranslateInsn(uint pc, bool inDelaySlot);

    /// <summary>
    /// After the delay slot of the branch at branchPc (or the fault exit of an unreadable slot,
    /// slotLifted false): emits the branch's exits on the paths still open.
    /// </summary>
    protected virtual void EndDelaySlot(uint branchPc, bool slotLifted) =>
        throw new InvalidOperationException($"{GetType().Name} has no delay slots");

    /// <summary>
    /// Ends the block before nextPc (an instruction ended it, the budget is spent, or the next
    /// instruction is unreadable): a jump there on a path still open.
    /// </summary>
    protected virtual void StopBlock(uint nextPc)
    {
        if (!Builder.PathEnded) Builder.ExitJump(nextPc);
    }

    /// <summary>Fetches a 32-bit instruction word (little-endian view; big-endian frontends swap).</summary>
    protected InsnFetch Fetch32(uint pc, out uint word) =>
        code.TryRead32(pc, out word) ? InsnFetch.Of(4) : InsnFetch.Unreadable(pc);

    /// <summary>Fetches a 16-bit halfword (little-endian view); a 32-bit Thumb instruction fetches two.</summary>
    protected InsnFetch Fetch16(uint pc, out ushort half) =>
        code.TryRead16(pc, out half) ? InsnFetch.Of(2) : InsnFetch.Unreadable(pc);
}
