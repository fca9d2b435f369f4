using CrossEmu.Frontends.Mips;
using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Lifts one block of MIPS32 code to IR. The generated decoder (mips32.decode) calls one Trans_
/// method per pattern; the methods live in one partial-class file per instruction group, the
/// shared pieces (registers, memory in the guest's byte order, branches and their delay slots)
/// in MipsLifter.Helpers.cs and MipsLifter.Branches.cs. One instance per block.
///
/// Delay slots: a branch lifter only records the branch (see MipsLifter.Branches.cs); the block
/// loop then lifts the next word as the delay slot and ends the block with the branch's exits.
/// A branch and its delay slot always share a block, so nothing can run between them, and an
/// exception in the delay slot reports the branch's address, as the hardware's EPC does.
/// </summary>
internal sealed partial class MipsLifter : IMips32Translator
{
    readonly IrBuilder b;
    readonly bool bigEndian;

    /// <summary>Address and word of the instruction being lifted.</summary>
    uint pc, insn;

    /// <summary>True while lifting the instruction in a branch delay slot.</summary>
    bool inDelaySlot;

    /// <summary>Set by an instruction after which the block must end (a trap, a syscall).</summary>
    bool endsBlock;

    MipsLifter(uint start, bool bigEndian)
    {
        b = new IrBuilder(start);
        this.bigEndian = bigEndian;
    }

    public static IrBlock Lift(uint start, ICodeReader code, bool bigEndian, int maxInsns)
    {
        var lifter = new MipsLifter(start, bigEndian);
        lifter.LiftBlock(code, Math.Max(1, maxInsns));
        return lifter.b.Block;
    }

    /// <summary>The pc an exception of the current instruction reports (the branch, in a delay slot).</summary>
    uint FaultPc => inDelaySlot ? pc - 4 : pc;

    bool TryFetch(ICodeReader code, uint at, out uint word)
    {
        if (!code.TryRead32(at, out word)) return false;
        if (bigEndian) word = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(word);
        return true;
    }

    void LiftBlock(ICodeReader code, int maxInsns)
    {
        uint at = b.Block.GuestPc;
        int count = 0;
        while (true)
        {
            if (count >= maxInsns) { b.ExitJump(at); break; }
            if (!TryFetch(code, at, out uint word))
            {
                // The first instruction cannot be fetched: a fault at pc. Later: stop before it,
                // the next block reports the fault at its own start.
                if (count == 0) b.ExitTrap(Imm32(at), (long)ExitReason.MemoryFault, at);
                else b.ExitJump(at);
                break;
            }
            LiftInsn(at, word);
            count++;
            at += 4;
            if (branch is { } br)
            {
                count += LiftDelaySlot(code, br);
                break;
            }
            if (endsBlock)
            {
                if (!b.PathEnded) b.ExitJump(at);
                break;
            }
        }
        b.Block.GuestInsnCount = count;
        b.Block.GuestEnd = b.Block.GuestPc + 4u * (uint)count;
    }

    void LiftInsn(uint at, uint word)
    {
        pc = at;
        insn = word;
        endsBlock = false;
        b.InsnStart(FaultPc, word);
        bool decoded = MipsOpcodeSpace.IsFpuWord(word) ? DecodeFpu(word) : Mips32Decoder.Decode(this, word);
        if (!decoded)
            Undefined();
    }


    /// <summary>Ends the block with SIGILL for the current word (reserved instruction).</summary>
    void Undefined()
    {
        b.ExitTrap(Imm32(insn), (long)ExitReason.Undefined, FaultPc);
        endsBlock = true;
    }
}
