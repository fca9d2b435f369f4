using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>
/// Lifts one block of A32 code to IR. The generated decoders (a32.decode, a32uncond.decode) call
/// one Trans_ method per pattern; the methods live in one partial-class file per instruction
/// group, the shared pieces (conditions, shifter, register access, pc writes) in
/// A32Lifter.Helpers.cs. One instance per block: it holds the builder and the current instruction.
/// </summary>
internal sealed partial class A32Lifter : IA32Translator, IA32UncondTranslator
{
    readonly IrBuilder b;

    /// <summary>Address and word of the instruction being lifted.</summary>
    uint pc, insn;

    /// <summary>Set by an instruction after which the block must end (it may change pc).</summary>
    bool endsBlock;

    /// <summary>A write to r15 requested by the instruction, carried out after its other writes.</summary>
    Value pendingPc;
    ExitKind pendingKind;

    A32Lifter(uint start) => b = new IrBuilder(start);

    public static IrBlock Lift(uint start, ICodeReader code, int maxInsns)
    {
        var lifter = new A32Lifter(start);
        lifter.LiftBlock(code, Math.Max(1, maxInsns));
        return lifter.b.Block;
    }

    void LiftBlock(ICodeReader code, int maxInsns)
    {
        uint at = b.Block.GuestPc;
        int count = 0;
        while (true)
        {
            if (count == maxInsns) { b.ExitJump(at); break; }
            if (!code.TryRead32(at, out uint word))
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
        pendingPc = default;
        b.InsnStart(at, word);

        uint cond = word >> 28;
        int skip = -1;
        if (cond < 0xE)
        {
            skip = b.NewLabel();
            b.BrIf(ConditionFails(cond), skip);
        }

        bool decoded = cond == 0xF ? A32UncondDecoder.Decode(this, word) : A32Decoder.Decode(this, word);
        if (!decoded)
            Undefined();
        else if (pendingPc.IsValid)
            WritePc(pendingPc, pendingKind);

        if (skip >= 0)
            b.Label(skip);
    }

    /// <summary>Ends the block with SIGILL for the current word (undefined or refused encoding).</summary>
    void Undefined()
    {
        b.ExitTrap(Imm32(insn), (long)ExitReason.Undefined, pc);
        endsBlock = true;
    }
}
