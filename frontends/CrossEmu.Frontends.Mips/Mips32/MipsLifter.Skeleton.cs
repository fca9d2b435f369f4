using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Mips32;

// The first instructions, enough to run a syscall loop; the instruction groups move to their own files.
internal sealed partial class MipsLifter
{
    /// <summary>sll rd, rt, sa (sll $0, $0, 0 is nop)</summary>
    public bool Trans_SLL(ref Mips32Arg_SLL a)
    {
        SetR(a.rd, b.Shl32(R(a.rt), Imm32(a.sa)));
        return true;
    }

    /// <summary>jr rs</summary>
    public bool Trans_JR(ref Mips32Arg_JR a)
    {
        JumpTo(R(a.rs), 0, a.rs == MipsCpuState.Ra ? ExitKind.Return : ExitKind.Plain);
        return true;
    }

    /// <summary>jalr rd, rs</summary>
    public bool Trans_JALR(ref Mips32Arg_JALR a)
    {
        JumpTo(R(a.rs), a.rd, ExitKind.Call);
        return true;
    }

    /// <summary>syscall code</summary>
    public bool Trans_SYSCALL(ref Mips32Arg_SYSCALL a)
    {
        b.ExitTrap(Imm32(a.code), (long)ExitReason.Syscall, pc + 4);
        endsBlock = true;
        return true;
    }

    /// <summary>addu rd, rs, rt</summary>
    public bool Trans_ADDU(ref Mips32Arg_rrr a)
    {
        SetR(a.rd, b.Add32(R(a.rs), R(a.rt)));
        return true;
    }

    /// <summary>j target (within the 256 MB region of the delay slot)</summary>
    public bool Trans_J(ref Mips32Arg_J a)
    {
        BranchTo(((pc + 4) & 0xF000_0000) | (uint)a.target << 2);
        return true;
    }

    /// <summary>jal target</summary>
    public bool Trans_JAL(ref Mips32Arg_JAL a)
    {
        BranchTo(((pc + 4) & 0xF000_0000) | (uint)a.target << 2, link: MipsCpuState.Ra);
        return true;
    }

    uint RelativeTarget(int imm) => pc + 4 + (uint)(imm << 2);

    /// <summary>beq rs, rt, offset</summary>
    public bool Trans_BEQ(ref Mips32Arg_rri a)
    {
        BranchTo(RelativeTarget(a.imm), a.rs == a.rt ? default : b.Eq32(R(a.rs), R(a.rt)));
        return true;
    }

    /// <summary>bne rs, rt, offset</summary>
    public bool Trans_BNE(ref Mips32Arg_rri a)
    {
        BranchTo(RelativeTarget(a.imm), b.Ne32(R(a.rs), R(a.rt)));
        return true;
    }

    /// <summary>addiu rt, rs, imm</summary>
    public bool Trans_ADDIU(ref Mips32Arg_rri a)
    {
        SetR(a.rt, b.Add32(R(a.rs), Imm32(a.imm)));
        return true;
    }

    /// <summary>ori rt, rs, imm</summary>
    public bool Trans_ORI(ref Mips32Arg_rri a)
    {
        SetR(a.rt, b.Or32(R(a.rs), Imm32(a.imm)));
        return true;
    }

    /// <summary>lui rt, imm</summary>
    public bool Trans_LUI(ref Mips32Arg_LUI a)
    {
        SetR(a.rt, Imm32((uint)a.imm << 16));
        return true;
    }

    /// <summary>lw rt, offset(rs)</summary>
    public bool Trans_LW(ref Mips32Arg_rri a)
    {
        SetR(a.rt, Load(4, false, b.Add32(R(a.rs), Imm32(a.imm))));
        return true;
    }

    /// <summary>sw rt, offset(rs)</summary>
    public bool Trans_SW(ref Mips32Arg_rri a)
    {
        Store(4, b.Add32(R(a.rs), Imm32(a.imm)), R(a.rt));
        return true;
    }
}
