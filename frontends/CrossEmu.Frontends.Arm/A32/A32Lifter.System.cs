using System.Numerics;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>
/// System and hint instructions as user mode sees them: SVC, BKPT, UDF, MRS/MSR on the APSR,
/// the TPIDRURO read, hints, barriers, preloads, SETEND.
/// </summary>
internal sealed partial class A32Lifter
{
    // svc #imm24
    public bool Trans_SVC(ref A32Arg_i a)
    {
        b.ExitTrap(Imm32(a.imm), (long)ExitReason.Syscall, pc + 4);
        endsBlock = true;
        return true;
    }

    // bkpt #imm16
    public bool Trans_BKPT(ref A32Arg_i a)
    {
        b.ExitTrap(Imm32(a.imm), (long)ExitReason.Breakpoint, pc);
        endsBlock = true;
        return true;
    }

    // udf #imm16
    public bool Trans_UDF(ref A32Arg_UDF a)
    {
        Undefined();
        return true;
    }

    // mrs rd, apsr: N Z C V Q, GE[3:0] at 19:16, user mode (0x10), ARM state
    public bool Trans_MRS(ref A32Arg_MRS a)
    {
        if (a.r != 0 || IsPc(a.rd)) return false;   // SPSR: no such thing in user mode
        Value v = Imm32(0x10);
        (int slot, int bit)[] flags = { (ArmRegs.N, 31), (ArmRegs.Z, 30), (ArmRegs.C, 29), (ArmRegs.V, 28), (ArmRegs.Q, 27) };
        foreach (var (slot, bit) in flags)
            v = b.Or32(v, b.Shl32(b.Bool1To32(Flag(slot)), Imm32(bit)));
        v = b.Or32(v, b.Shl32(b.And32(b.GetReg32(ArmRegs.GE), Imm32(0xF)), Imm32(16)));
        SetR(a.rd, v);
        return true;
    }

    /// <summary>MSR to the APSR: mask bit 3 writes N Z C V Q, bit 2 writes GE; the control fields are ignored in user mode.</summary>
    void WriteApsr(Value v, int mask)
    {
        if ((mask & 8) != 0)
        {
            SetFlag(ArmRegs.N, Bit(v, 31));
            SetFlag(ArmRegs.Z, Bit(v, 30));
            SetFlag(ArmRegs.C, Bit(v, 29));
            SetFlag(ArmRegs.V, Bit(v, 28));
            SetFlag(ArmRegs.Q, Bit(v, 27));
        }
        if ((mask & 4) != 0)
            b.SetReg32(b.And32(b.Shr32(v, Imm32(16)), Imm32(0xF)), ArmRegs.GE);
    }

    // msr apsr_<nzcvq|g>, rn (cpsr_f, cpsr_s...)
    public bool Trans_MSR_reg(ref A32Arg_MSR_reg a)
    {
        if (a.r != 0 || IsPc(a.rn)) return false;
        WriteApsr(R(a.rn), a.mask);
        return true;
    }

    // msr apsr_<nzcvq|g>, #const
    public bool Trans_MSR_imm(ref A32Arg_MSR_imm a)
    {
        if (a.r != 0) return false;
        WriteApsr(Imm32(BitOperations.RotateRight((uint)a.imm, 2 * a.rot)), a.mask);
        return true;
    }

    // mrc p15, 0, rt, c13, c0, 3: read TPIDRURO (the TLS pointer set by set_tls)
    public bool Trans_MRC_TPIDRURO(ref A32Arg_MRC_TPIDRURO a)
    {
        if (IsPc(a.rt)) return false;
        SetR(a.rt, b.GetReg32(ArmRegs.TpidrUro));
        return true;
    }

    // ---- hints: no effect for a user-mode emulator

    // nop
    public bool Trans_NOP(ref A32Arg_NOP a) => true;
    // yield
    public bool Trans_YIELD(ref A32Arg_YIELD a) => true;
    // wfe
    public bool Trans_WFE(ref A32Arg_WFE a) => true;
    // wfi
    public bool Trans_WFI(ref A32Arg_WFI a) => true;
    // sev
    public bool Trans_SEV(ref A32Arg_SEV a) => true;
    // any other hint (dbg #n, sevl, csdb...): executes as nop
    public bool Trans_HINT(ref A32Arg_HINT a) => true;

    // ---- barriers

    // dsb #option
    public bool Trans_DSB(ref A32UncondArg_DSB a)
    {
        b.Fence();
        return true;
    }

    // dmb #option
    public bool Trans_DMB(ref A32UncondArg_DMB a)
    {
        b.Fence();
        return true;
    }

    // isb #option: the block boundary is enough; a fence keeps memory ordering simple
    public bool Trans_ISB(ref A32UncondArg_ISB a)
    {
        b.Fence();
        return true;
    }

    // ---- preload hints

    // pld [rn, #+/-imm]
    public bool Trans_PLD_i(ref A32UncondArg_PLD_i a) => true;
    // pldw [rn, #+/-imm]
    public bool Trans_PLDW_i(ref A32UncondArg_PLDW_i a) => true;
    // pli [rn, #+/-imm]
    public bool Trans_PLI_i(ref A32UncondArg_PLI_i a) => true;
    // pld [rn, +/-rm{, shift #n}]
    public bool Trans_PLD_r(ref A32UncondArg_PLD_r a) => true;
    // pldw [rn, +/-rm{, shift #n}]
    public bool Trans_PLDW_r(ref A32UncondArg_PLDW_r a) => true;
    // pli [rn, +/-rm{, shift #n}]
    public bool Trans_PLI_r(ref A32UncondArg_PLI_r a) => true;

    // cps{ie,id} <aif>{, #mode}: no effect in user mode
    public bool Trans_CPS(ref A32UncondArg_CPS a) => true;

    // setend le (nothing to do) / setend be (big-endian data is not supported: undefined)
    public bool Trans_SETEND(ref A32UncondArg_SETEND a) => a.e == 0;
}
