using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>Data processing: the 16 ALU operations with their three operand forms, MOVW/MOVT.</summary>
internal sealed partial class A32Lifter
{
    enum Alu { And, Eor, Sub, Rsb, Add, Adc, Sbc, Rsc, Tst, Teq, Cmp, Cmn, Orr, Mov, Bic, Mvn }

    static bool IsLogical(Alu op) => op is Alu.And or Alu.Eor or Alu.Tst or Alu.Teq or Alu.Orr or Alu.Mov or Alu.Bic or Alu.Mvn;

    static bool IsCompare(Alu op) => op is Alu.Tst or Alu.Teq or Alu.Cmp or Alu.Cmn;

    /// <summary>
    /// One ALU instruction. Logical S forms set N, Z and C from the shifter; arithmetic S forms set
    /// N, Z, C, V from the addition (subtraction is a + ~b + 1, so C is NOT borrow). An S form
    /// writing pc is an exception return, UNPREDICTABLE in user mode: we write pc and leave the flags.
    /// </summary>
    bool Alu3(Alu op, int s, int rd, int rn, Operand2 op2, ExitKind pcKind = ExitKind.Plain)
    {
        bool setFlags = s != 0 && (IsCompare(op) || rd != 15);
        bool logical = IsLogical(op);
        Value n = op is Alu.Mov or Alu.Mvn ? default : R(rn);
        Value m = Shifter(op2, setFlags && logical, out Value shifterCarry);
        Value Carry() => Flag(ArmRegs.C);
        Value result = op switch
        {
            Alu.And or Alu.Tst => b.And32(n, m),
            Alu.Eor or Alu.Teq => b.Xor32(n, m),
            Alu.Orr => b.Or32(n, m),
            Alu.Bic => b.And32(n, b.Not32(m)),
            Alu.Mov => m,
            Alu.Mvn => b.Not32(m),
            // without flags, plain adds and subtracts
            Alu.Add when !setFlags => b.Add32(n, m),
            Alu.Sub when !setFlags => b.Sub32(n, m),
            Alu.Rsb when !setFlags => b.Sub32(m, n),
            Alu.Add or Alu.Cmn => b.AddC32(n, m, IrBuilder.Imm1(false)),
            Alu.Adc => b.AddC32(n, m, Carry()),
            Alu.Sub or Alu.Cmp => b.AddC32(n, b.Not32(m), IrBuilder.Imm1(true)),
            Alu.Sbc => b.AddC32(n, b.Not32(m), Carry()),
            Alu.Rsb => b.AddC32(m, b.Not32(n), IrBuilder.Imm1(true)),
            _ => b.AddC32(m, b.Not32(n), Carry()),   // Rsc
        };
        if (setFlags)
        {
            SetNZ(result);
            if (logical)
                SetFlag(ArmRegs.C, shifterCarry);
            else
            {
                SetFlag(ArmRegs.C, b.CarryOf32(result));
                SetFlag(ArmRegs.V, b.OverflowOf32(result));
            }
        }
        if (IsCompare(op))
            return true;
        if (rd == 15) SetPc(result, pcKind);
        else SetR(rd, result);
        return true;
    }

    static Operand2 Shi(int rm, int shty, int shim) => Operand2.ImmShift(rm, shty, shim);
    static Operand2 Shr(int rm, int shty, int rs) => Operand2.RegShift(rm, shty, rs);
    static Operand2 Imm(int imm, int rot) => Operand2.Immediate(imm, rot);

    /// <summary>mov pc, lr is a return.</summary>
    static ExitKind MovKind(int rm, int shty, int shim) => rm == 14 && shty == LSL && shim == 0 ? ExitKind.Return : ExitKind.Plain;

    // ---- register, immediate shift: <op>{s} rd, rn, rm{, <shift> #n}

    // and{s} rd, rn, rm{, shift #n}
    public bool Trans_AND_rrri(ref A32Arg_s_rrr_shi a) => Alu3(Alu.And, a.s, a.rd, a.rn, Shi(a.rm, a.shty, a.shim));
    // eor{s} rd, rn, rm{, shift #n}
    public bool Trans_EOR_rrri(ref A32Arg_s_rrr_shi a) => Alu3(Alu.Eor, a.s, a.rd, a.rn, Shi(a.rm, a.shty, a.shim));
    // sub{s} rd, rn, rm{, shift #n}
    public bool Trans_SUB_rrri(ref A32Arg_s_rrr_shi a) => Alu3(Alu.Sub, a.s, a.rd, a.rn, Shi(a.rm, a.shty, a.shim));
    // rsb{s} rd, rn, rm{, shift #n}
    public bool Trans_RSB_rrri(ref A32Arg_s_rrr_shi a) => Alu3(Alu.Rsb, a.s, a.rd, a.rn, Shi(a.rm, a.shty, a.shim));
    // add{s} rd, rn, rm{, shift #n}
    public bool Trans_ADD_rrri(ref A32Arg_s_rrr_shi a) => Alu3(Alu.Add, a.s, a.rd, a.rn, Shi(a.rm, a.shty, a.shim));
    // adc{s} rd, rn, rm{, shift #n}
    public bool Trans_ADC_rrri(ref A32Arg_s_rrr_shi a) => Alu3(Alu.Adc, a.s, a.rd, a.rn, Shi(a.rm, a.shty, a.shim));
    // sbc{s} rd, rn, rm{, shift #n}
    public bool Trans_SBC_rrri(ref A32Arg_s_rrr_shi a) => Alu3(Alu.Sbc, a.s, a.rd, a.rn, Shi(a.rm, a.shty, a.shim));
    // rsc{s} rd, rn, rm{, shift #n}
    public bool Trans_RSC_rrri(ref A32Arg_s_rrr_shi a) => Alu3(Alu.Rsc, a.s, a.rd, a.rn, Shi(a.rm, a.shty, a.shim));
    // tst rn, rm{, shift #n}
    public bool Trans_TST_xrri(ref A32Arg_rr_shi a) => Alu3(Alu.Tst, 1, 0, a.rn, Shi(a.rm, a.shty, a.shim));
    // teq rn, rm{, shift #n}
    public bool Trans_TEQ_xrri(ref A32Arg_rr_shi a) => Alu3(Alu.Teq, 1, 0, a.rn, Shi(a.rm, a.shty, a.shim));
    // cmp rn, rm{, shift #n}
    public bool Trans_CMP_xrri(ref A32Arg_rr_shi a) => Alu3(Alu.Cmp, 1, 0, a.rn, Shi(a.rm, a.shty, a.shim));
    // cmn rn, rm{, shift #n}
    public bool Trans_CMN_xrri(ref A32Arg_rr_shi a) => Alu3(Alu.Cmn, 1, 0, a.rn, Shi(a.rm, a.shty, a.shim));
    // orr{s} rd, rn, rm{, shift #n}
    public bool Trans_ORR_rrri(ref A32Arg_s_rrr_shi a) => Alu3(Alu.Orr, a.s, a.rd, a.rn, Shi(a.rm, a.shty, a.shim));
    // mov{s} rd, rm{, shift #n} (also lsl/lsr/asr/ror/rrx rd, rm, #n)
    public bool Trans_MOV_rxri(ref A32Arg_s_rr_shi a) => Alu3(Alu.Mov, a.s, a.rd, 0, Shi(a.rm, a.shty, a.shim), MovKind(a.rm, a.shty, a.shim));
    // bic{s} rd, rn, rm{, shift #n}
    public bool Trans_BIC_rrri(ref A32Arg_s_rrr_shi a) => Alu3(Alu.Bic, a.s, a.rd, a.rn, Shi(a.rm, a.shty, a.shim));
    // mvn{s} rd, rm{, shift #n}
    public bool Trans_MVN_rxri(ref A32Arg_s_rr_shi a) => Alu3(Alu.Mvn, a.s, a.rd, 0, Shi(a.rm, a.shty, a.shim));

    // ---- register-shifted register: <op>{s} rd, rn, rm, <shift> rs

    // and{s} rd, rn, rm, shift rs
    public bool Trans_AND_rrrr(ref A32Arg_s_rrr_shr a) => Alu3(Alu.And, a.s, a.rd, a.rn, Shr(a.rm, a.shty, a.rs));
    // eor{s} rd, rn, rm, shift rs
    public bool Trans_EOR_rrrr(ref A32Arg_s_rrr_shr a) => Alu3(Alu.Eor, a.s, a.rd, a.rn, Shr(a.rm, a.shty, a.rs));
    // sub{s} rd, rn, rm, shift rs
    public bool Trans_SUB_rrrr(ref A32Arg_s_rrr_shr a) => Alu3(Alu.Sub, a.s, a.rd, a.rn, Shr(a.rm, a.shty, a.rs));
    // rsb{s} rd, rn, rm, shift rs
    public bool Trans_RSB_rrrr(ref A32Arg_s_rrr_shr a) => Alu3(Alu.Rsb, a.s, a.rd, a.rn, Shr(a.rm, a.shty, a.rs));
    // add{s} rd, rn, rm, shift rs
    public bool Trans_ADD_rrrr(ref A32Arg_s_rrr_shr a) => Alu3(Alu.Add, a.s, a.rd, a.rn, Shr(a.rm, a.shty, a.rs));
    // adc{s} rd, rn, rm, shift rs
    public bool Trans_ADC_rrrr(ref A32Arg_s_rrr_shr a) => Alu3(Alu.Adc, a.s, a.rd, a.rn, Shr(a.rm, a.shty, a.rs));
    // sbc{s} rd, rn, rm, shift rs
    public bool Trans_SBC_rrrr(ref A32Arg_s_rrr_shr a) => Alu3(Alu.Sbc, a.s, a.rd, a.rn, Shr(a.rm, a.shty, a.rs));
    // rsc{s} rd, rn, rm, shift rs
    public bool Trans_RSC_rrrr(ref A32Arg_s_rrr_shr a) => Alu3(Alu.Rsc, a.s, a.rd, a.rn, Shr(a.rm, a.shty, a.rs));
    // tst rn, rm, shift rs
    public bool Trans_TST_xrrr(ref A32Arg_rr_shr a) => Alu3(Alu.Tst, 1, 0, a.rn, Shr(a.rm, a.shty, a.rs));
    // teq rn, rm, shift rs
    public bool Trans_TEQ_xrrr(ref A32Arg_rr_shr a) => Alu3(Alu.Teq, 1, 0, a.rn, Shr(a.rm, a.shty, a.rs));
    // cmp rn, rm, shift rs
    public bool Trans_CMP_xrrr(ref A32Arg_rr_shr a) => Alu3(Alu.Cmp, 1, 0, a.rn, Shr(a.rm, a.shty, a.rs));
    // cmn rn, rm, shift rs
    public bool Trans_CMN_xrrr(ref A32Arg_rr_shr a) => Alu3(Alu.Cmn, 1, 0, a.rn, Shr(a.rm, a.shty, a.rs));
    // orr{s} rd, rn, rm, shift rs
    public bool Trans_ORR_rrrr(ref A32Arg_s_rrr_shr a) => Alu3(Alu.Orr, a.s, a.rd, a.rn, Shr(a.rm, a.shty, a.rs));
    // mov{s} rd, rm, shift rs (also lsl/lsr/asr/ror{s} rd, rm, rs)
    public bool Trans_MOV_rxrr(ref A32Arg_s_rr_shr a) => Alu3(Alu.Mov, a.s, a.rd, 0, Shr(a.rm, a.shty, a.rs));
    // bic{s} rd, rn, rm, shift rs
    public bool Trans_BIC_rrrr(ref A32Arg_s_rrr_shr a) => Alu3(Alu.Bic, a.s, a.rd, a.rn, Shr(a.rm, a.shty, a.rs));
    // mvn{s} rd, rm, shift rs
    public bool Trans_MVN_rxrr(ref A32Arg_s_rr_shr a) => Alu3(Alu.Mvn, a.s, a.rd, 0, Shr(a.rm, a.shty, a.rs));

    // ---- immediate: <op>{s} rd, rn, #const

    // and{s} rd, rn, #const
    public bool Trans_AND_rri(ref A32Arg_s_rri a) => Alu3(Alu.And, a.s, a.rd, a.rn, Imm(a.imm, a.rot));
    // eor{s} rd, rn, #const
    public bool Trans_EOR_rri(ref A32Arg_s_rri a) => Alu3(Alu.Eor, a.s, a.rd, a.rn, Imm(a.imm, a.rot));
    // sub{s} rd, rn, #const (adr rd, label when rn is pc)
    public bool Trans_SUB_rri(ref A32Arg_s_rri a) => Alu3(Alu.Sub, a.s, a.rd, a.rn, Imm(a.imm, a.rot));
    // rsb{s} rd, rn, #const
    public bool Trans_RSB_rri(ref A32Arg_s_rri a) => Alu3(Alu.Rsb, a.s, a.rd, a.rn, Imm(a.imm, a.rot));
    // add{s} rd, rn, #const (adr rd, label when rn is pc)
    public bool Trans_ADD_rri(ref A32Arg_s_rri a) => Alu3(Alu.Add, a.s, a.rd, a.rn, Imm(a.imm, a.rot));
    // adc{s} rd, rn, #const
    public bool Trans_ADC_rri(ref A32Arg_s_rri a) => Alu3(Alu.Adc, a.s, a.rd, a.rn, Imm(a.imm, a.rot));
    // sbc{s} rd, rn, #const
    public bool Trans_SBC_rri(ref A32Arg_s_rri a) => Alu3(Alu.Sbc, a.s, a.rd, a.rn, Imm(a.imm, a.rot));
    // rsc{s} rd, rn, #const
    public bool Trans_RSC_rri(ref A32Arg_s_rri a) => Alu3(Alu.Rsc, a.s, a.rd, a.rn, Imm(a.imm, a.rot));
    // tst rn, #const
    public bool Trans_TST_xri(ref A32Arg_ri_rot a) => Alu3(Alu.Tst, 1, 0, a.rn, Imm(a.imm, a.rot));
    // teq rn, #const
    public bool Trans_TEQ_xri(ref A32Arg_ri_rot a) => Alu3(Alu.Teq, 1, 0, a.rn, Imm(a.imm, a.rot));
    // cmp rn, #const
    public bool Trans_CMP_xri(ref A32Arg_ri_rot a) => Alu3(Alu.Cmp, 1, 0, a.rn, Imm(a.imm, a.rot));
    // cmn rn, #const
    public bool Trans_CMN_xri(ref A32Arg_ri_rot a) => Alu3(Alu.Cmn, 1, 0, a.rn, Imm(a.imm, a.rot));
    // orr{s} rd, rn, #const
    public bool Trans_ORR_rri(ref A32Arg_s_rri a) => Alu3(Alu.Orr, a.s, a.rd, a.rn, Imm(a.imm, a.rot));
    // mov{s} rd, #const
    public bool Trans_MOV_rxi(ref A32Arg_s_ri a) => Alu3(Alu.Mov, a.s, a.rd, 0, Imm(a.imm, a.rot));
    // bic{s} rd, rn, #const
    public bool Trans_BIC_rri(ref A32Arg_s_rri a) => Alu3(Alu.Bic, a.s, a.rd, a.rn, Imm(a.imm, a.rot));
    // mvn{s} rd, #const
    public bool Trans_MVN_rxi(ref A32Arg_s_ri a) => Alu3(Alu.Mvn, a.s, a.rd, 0, Imm(a.imm, a.rot));

    // ---- 16-bit immediates

    // movw rd, #imm16
    public bool Trans_MOVW(ref A32Arg_ri16 a)
    {
        if (IsPc(a.rd)) return false;
        SetR(a.rd, Imm32(a.imm));
        return true;
    }

    // movt rd, #imm16
    public bool Trans_MOVT(ref A32Arg_ri16 a)
    {
        if (IsPc(a.rd)) return false;
        SetR(a.rd, b.Or32(b.And32(R(a.rd), Imm32(0xFFFF)), Imm32((uint)a.imm << 16)));
        return true;
    }
}
