using CrossEmu.Frontends.Mips;
using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;
using CrossEmu.Isa.Translation;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Lifts one block of MIPS32 code to IR. The generated decoder (mips32.decode) calls one Trans_
/// method per pattern; the methods live in one partial-class file per instruction group, the
/// shared pieces (registers, memory in the guest's byte order, branches and their delay slots)
/// in MipsLifter.Helpers.cs and MipsLifter.Branches.cs. One instance per block.
///
/// Delay slots: a branch lifter only records the branch (see MipsLifter.Branches.cs); the shared
/// block loop (BlockLifter) then lifts the next word as the delay slot, and EndDelaySlot ends the
/// block with the branch's exits.
/// A branch and its delay slot always share a block, so nothing can run between them, and an
/// exception in the delay slot reports the branch's address, as the hardware's EPC does.
/// </summary>
internal sealed partial class MipsLifter : BlockLifter, IMips32Translator
{
    readonly IrBuilder b;
    readonly bool bigEndian;

    /// <summary>Address and word of the instruction being lifted.</summary>
    uint pc, insn;

    /// <summary>True while lifting the instruction in a branch delay slot.</summary>
    bool inDelaySlot;

    /// <summary>Set by an instruction after which the block must end (a trap, a syscall).</summary>
    bool endsBlock;

    MipsLifter(uint start, bool bigEndian) : base(start)
    {
        b = Builder;
        this.bigEndian = bigEndian;
    }

    public static IrBlock Lift(uint start, ICodeReader code, bool bigEndian, int maxInsns) =>
        new MipsLifter(start, bigEndian).LiftBlock(code, maxInsns);

    /// <summary>The pc an exception of the current instruction reports (the branch, in a delay slot).</summary>
    uint FaultPc => inDelaySlot ? pc - 4 : pc;

    protected override InsnFetch FetchInsn(uint at)
    {
        var fetch = Fetch32(at, out insn);
        if (bigEndian) insn = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(insn);
        return fetch;
    }

    protected override InsnEnd TranslateInsn(uint at, bool delaySlot)
    {
        pc = at;
        inDelaySlot = delaySlot;
        endsBlock = false;
        b.InsnStart(FaultPc, insn);
        bool decoded = MipsOpcodeSpace.IsFpuWord(insn) ? DecodeFpu(insn) : Mips32Decoder.Decode(this, insn);
        if (!decoded)
            Undefined();
        return branch != null ? InsnEnd.DelaySlot : endsBlock ? InsnEnd.EndsBlock : InsnEnd.Next;
    }

    /// <summary>Ends the block with SIGILL for the current word (reserved instruction).</summary>
    void Undefined()
    {
        b.ExitTrap(Imm32(insn), (long)ExitReason.Undefined, FaultPc);
        endsBlock = true;
    }
}
