using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>ExitIndirect kinds: a hint for the dispatcher's return-address stack.</summary>
internal enum ExitKind { Plain = 0, Call = 1, Return = 2 }

/// <summary>
/// A branch recorded by its lifter, carried out after the delay slot. Condition: null for an
/// unconditional branch (else held in the bcond slot across the delay slot, so the slot's own
/// writes cannot change it). Target: a constant (Target) or, for register jumps, the btarget slot.
/// </summary>
internal sealed record PendingBranch(bool Conditional, bool Likely, uint Target, bool Indirect, ExitKind Kind, int LikelySkipLabel);

internal sealed partial class MipsLifter
{
    PendingBranch? branch;

    /// <summary>
    /// A pc-relative or absolute branch to a constant target. cond is I1 or default (always).
    /// link: the GPR that receives the return address (pc + 8) before the delay slot runs, or 0.
    /// Likely: when not taken the delay slot is annulled (skipped).
    /// </summary>
    void BranchTo(uint target, Value cond = default, bool likely = false, int link = 0)
    {
        if (inDelaySlot) { Undefined(); return; }
        if (link != 0) SetR(link, Imm32(pc + 8));
        int skip = -1;
        if (cond.IsValid)
        {
            if (likely)
            {
                skip = b.NewLabel();
                b.BrIf(b.Not1(cond), skip);
            }
            else b.SetReg1(cond, MipsRegs.BranchCond);
        }
        branch = new PendingBranch(cond.IsValid, likely, target, false, link != 0 ? ExitKind.Call : ExitKind.Plain, skip);
    }

    /// <summary>A jump to the address in a register (JR, JALR): read before the delay slot runs.</summary>
    void JumpTo(Value target, int link, ExitKind kind)
    {
        if (inDelaySlot) { Undefined(); return; }
        b.SetReg32(target, MipsRegs.BranchTarget);
        if (link != 0) SetR(link, Imm32(pc + 8));
        branch = new PendingBranch(false, false, 0, true, kind, -1);
    }

    /// <summary>After the delay slot (or its fault exit): the recorded branch's exits end the block.</summary>
    protected override void EndDelaySlot(uint branchPc, bool slotLifted)
    {
        var br = branch!;
        branch = null;
        uint fallThrough = branchPc + 8;
        if (slotLifted && !b.PathEnded) EmitBranchExits(br, fallThrough);
        if (br.LikelySkipLabel >= 0)
        {
            // not taken: the delay slot was annulled
            b.Label(br.LikelySkipLabel);
            b.ExitJump(fallThrough);
        }
    }

    void EmitBranchExits(PendingBranch br, uint fallThrough)
    {
        if (br.Indirect)
        {
            b.ExitIndirect(b.GetReg32(MipsRegs.BranchTarget), (long)br.Kind);
            return;
        }
        if (br.Conditional && !br.Likely)
        {
            int taken = b.NewLabel();
            b.BrIf(b.GetReg1(MipsRegs.BranchCond), taken);
            b.ExitJump(fallThrough);
            b.Label(taken);
        }
        b.ExitJump(br.Target);
    }
}
