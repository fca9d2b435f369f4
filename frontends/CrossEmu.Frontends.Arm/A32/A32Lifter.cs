using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;
using CrossEmu.Isa.Translation;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>
/// Lifts one block of A32 code to IR. The generated decoders (a32.decode, a32uncond.decode) call
/// one Trans_ method per pattern; the methods live in one partial-class file per instruction
/// group, the shared pieces (conditions, shifter, register access, pc writes) in
/// A32Lifter.Helpers.cs. One instance per block: it holds the builder and the current instruction;
/// the block loop (fetch, budget, fetch faults, block ends) is the shared BlockLifter's.
/// </summary>
internal sealed partial class A32Lifter : BlockLifter, IA32Translator, IA32UncondTranslator
{
    readonly IrBuilder b;

    /// <summary>Address and word of the instruction being lifted.</summary>
    uint pc, insn;

    /// <summary>Set by an instruction after which the block must end (it may change pc).</summary>
    bool endsBlock;

    /// <summary>A write to r15 requested by the instruction, carried out after its other writes.</summary>
    Value pendingPc;
    ExitKind pendingKind;

    A32Lifter(uint start) : base(start) => b = Builder;

    public static IrBlock Lift(uint start, ICodeReader code, int maxInsns) => new A32Lifter(start).LiftBlock(code, maxInsns);

    protected override InsnFetch FetchInsn(uint at) => Fetch32(at, out insn);

    protected override InsnEnd TranslateInsn(uint at, bool inDelaySlot)
    {
        pc = at;
        endsBlock = false;
        pendingPc = default;
        b.InsnStart(at, insn);

        uint cond = insn >> 28;
        int skip = -1;
        if (cond < 0xE)
        {
            skip = b.NewLabel();
            b.BrIf(ConditionFails(cond), skip);
        }

        bool decoded = cond == 0xF ? A32UncondDecoder.Decode(this, insn) : A32Decoder.Decode(this, insn);
        if (!decoded)
            Undefined();
        else if (pendingPc.IsValid)
            WritePc(pendingPc, pendingKind);

        if (skip >= 0)
            b.Label(skip);
        return endsBlock ? InsnEnd.EndsBlock : InsnEnd.Next;
    }

    /// <summary>Ends the block with SIGILL for the current word (undefined or refused encoding).</summary>
    void Undefined()
    {
        b.ExitTrap(Imm32(insn), (long)ExitReason.Undefined, pc);
        endsBlock = true;
    }
}
