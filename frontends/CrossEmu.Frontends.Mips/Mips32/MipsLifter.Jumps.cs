using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Branches and jumps (the delay-slot machinery is in MipsLifter.Branches.cs). A condition the
/// lifter can decide is folded, as QEMU does: an always-taken branch (beq $x, $x; bgez $zero;
/// bal) is unconditional; a never-taken one (bne $x, $x; bltz $zero; bgtz $zero) is a nop with
/// no delay slot, and its likely form skips the next word without decoding it. bltzal $zero still
/// links and keeps its delay slot. Any branch in a delay slot is a reserved instruction.
/// </summary>
internal sealed partial class MipsLifter
{
    static readonly Value True = IrBuilder.Imm1(true), False = IrBuilder.Imm1(false);

    uint RelativeTarget(int imm) => pc + 4 + (uint)(imm << 2);

    /// <summary>A branch with a decided or computed condition; link: GPR 31 or 0.</summary>
    void Branch(int imm, Value cond, bool likely = false, int link = 0)
    {
        if (!cond.IsConstant) { BranchTo(RelativeTarget(imm), cond, likely, link); return; }
        if (cond.Constant != 0) { BranchTo(RelativeTarget(imm), link: link); return; }
        if (inDelaySlot) { Undefined(); return; }
        if (likely)
        {
            // the delay slot is annulled: continue after it
            if (link != 0) SetR(link, Imm32(pc + 8));
            b.ExitJump(pc + 8);
            endsBlock = true;
        }
        else if (link != 0) BranchTo(pc + 8, link: link);
    }

    Value Eq(int rs, int rt) => rs == rt ? True : b.Eq32(R(rs), R(rt));
    Value Ne(int rs, int rt) => rs == rt ? False : b.Ne32(R(rs), R(rt));
    Value LtZero(int rs) => rs == 0 ? False : b.LtS32(R(rs), Imm32(0));
    Value GeZero(int rs) => rs == 0 ? True : b.LeS32(Imm32(0), R(rs));
    Value LeZero(int rs) => rs == 0 ? True : b.LeS32(R(rs), Imm32(0));
    Value GtZero(int rs) => rs == 0 ? False : b.LtS32(Imm32(0), R(rs));

    // beq rs, rt, offset (b offset when rs == rt)
    public bool Trans_BEQ(ref Mips32Arg_rri a) { Branch(a.imm, Eq(a.rs, a.rt)); return true; }
    // bne rs, rt, offset
    public bool Trans_BNE(ref Mips32Arg_rri a) { Branch(a.imm, Ne(a.rs, a.rt)); return true; }
    // blez rs, offset
    public bool Trans_BLEZ(ref Mips32Arg_ri a) { Branch(a.imm, LeZero(a.rs)); return true; }
    // bgtz rs, offset
    public bool Trans_BGTZ(ref Mips32Arg_ri a) { Branch(a.imm, GtZero(a.rs)); return true; }
    // bltz rs, offset
    public bool Trans_BLTZ(ref Mips32Arg_ri a) { Branch(a.imm, LtZero(a.rs)); return true; }
    // bgez rs, offset
    public bool Trans_BGEZ(ref Mips32Arg_ri a) { Branch(a.imm, GeZero(a.rs)); return true; }
    // bltzal rs, offset (links whether taken or not)
    public bool Trans_BLTZAL(ref Mips32Arg_ri a) { Branch(a.imm, LtZero(a.rs), link: MipsCpuState.Ra); return true; }
    // bgezal rs, offset (bal offset when rs is $zero)
    public bool Trans_BGEZAL(ref Mips32Arg_ri a) { Branch(a.imm, GeZero(a.rs), link: MipsCpuState.Ra); return true; }

    // beql rs, rt, offset (likely: the delay slot runs only when taken)
    public bool Trans_BEQL(ref Mips32Arg_rri a) { Branch(a.imm, Eq(a.rs, a.rt), likely: true); return true; }
    // bnel rs, rt, offset
    public bool Trans_BNEL(ref Mips32Arg_rri a) { Branch(a.imm, Ne(a.rs, a.rt), likely: true); return true; }
    // blezl rs, offset
    public bool Trans_BLEZL(ref Mips32Arg_ri a) { Branch(a.imm, LeZero(a.rs), likely: true); return true; }
    // bgtzl rs, offset
    public bool Trans_BGTZL(ref Mips32Arg_ri a) { Branch(a.imm, GtZero(a.rs), likely: true); return true; }
    // bltzl rs, offset
    public bool Trans_BLTZL(ref Mips32Arg_ri a) { Branch(a.imm, LtZero(a.rs), likely: true); return true; }
    // bgezl rs, offset
    public bool Trans_BGEZL(ref Mips32Arg_ri a) { Branch(a.imm, GeZero(a.rs), likely: true); return true; }
    // bltzall rs, offset
    public bool Trans_BLTZALL(ref Mips32Arg_ri a) { Branch(a.imm, LtZero(a.rs), likely: true, link: MipsCpuState.Ra); return true; }
    // bgezall rs, offset
    public bool Trans_BGEZALL(ref Mips32Arg_ri a) { Branch(a.imm, GeZero(a.rs), likely: true, link: MipsCpuState.Ra); return true; }

    /// <summary>J/JAL target: the 256 MB region of the delay slot.</summary>
    uint RegionTarget(int target) => ((pc + 4) & 0xF000_0000) | (uint)target << 2;

    // j target
    public bool Trans_J(ref Mips32Arg_J a)
    {
        BranchTo(RegionTarget(a.target));
        return true;
    }

    // jal target
    public bool Trans_JAL(ref Mips32Arg_JAL a)
    {
        BranchTo(RegionTarget(a.target), link: MipsCpuState.Ra);
        return true;
    }

    // jr rs, jr.hb rs (jr $ra is a return)
    public bool Trans_JR(ref Mips32Arg_JR a)
    {
        JumpTo(R(a.rs), 0, a.rs == MipsCpuState.Ra ? ExitKind.Return : ExitKind.Plain);
        return true;
    }

    // jalr rd, rs, jalr.hb rd, rs (the target is read before rd is written, so rd == rs jumps to the old rs)
    public bool Trans_JALR(ref Mips32Arg_JALR a)
    {
        JumpTo(R(a.rs), a.rd, a.rd != 0 ? ExitKind.Call : ExitKind.Plain);
        return true;
    }
}
