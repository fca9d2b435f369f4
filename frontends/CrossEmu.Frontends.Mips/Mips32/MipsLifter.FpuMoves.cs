using CrossEmu.Frontends.Mips.Fpu;
using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Mips.Mips32;

// FPU moves: between GPRs and CP1, register to register (MOV/ABS/NEG are bit operations on
// this CPU: no NaN check, FCSR untouched, as in QEMU), conditional moves, control registers.
internal sealed partial class MipsLifter
{
    /// <summary>mfc1 rt, fs</summary>
    public bool Trans_MFC1(ref MipsFpuArg_gpr_fpr a)
    {
        SetR(a.rt, F(a.fs));
        return true;
    }

    /// <summary>mtc1 rt, fs</summary>
    public bool Trans_MTC1(ref MipsFpuArg_gpr_fpr a)
    {
        SetF(a.fs, R(a.rt));
        return true;
    }

    /// <summary>mfhc1 rt, fs (FR = 0: the odd half of the pair)</summary>
    public bool Trans_MFHC1(ref MipsFpuArg_gpr_fpr a)
    {
        SetR(a.rt, F(a.fs | 1));
        return true;
    }

    /// <summary>mthc1 rt, fs (FR = 0: the odd half of the pair)</summary>
    public bool Trans_MTHC1(ref MipsFpuArg_gpr_fpr a)
    {
        SetF(a.fs | 1, R(a.rt));
        return true;
    }

    /// <summary>cfc1 rt, fs: FIR, the FCCR/FEXR/FENR views, FCSR; registers 1 and 5 read 0, any other reads FCSR (as QEMU).</summary>
    public bool Trans_CFC1(ref MipsFpuArg_gpr_fpr a)
    {
        Value v;
        switch (a.fs)
        {
            case MipsFcsr.FirReg: v = Imm32(MipsFcsr.Fir); break;
            case 1 or 5: v = Imm32(0); break;
            case MipsFcsr.FccrReg:
                var fcsr = Fcsr();
                v = b.Or32(b.And32(b.Shr32(fcsr, Imm32(24)), Imm32(0xFE)), b.And32(b.Shr32(fcsr, Imm32(23)), Imm32(1)));
                break;
            case MipsFcsr.FexrReg: v = b.And32(Fcsr(), Imm32(MipsFcsr.CauseMask | MipsFcsr.FlagsMask)); break;
            case MipsFcsr.FenrReg:
                var f = Fcsr();
                v = b.Or32(b.And32(f, Imm32(MipsFcsr.EnablesMask | 3)), b.And32(b.Shr32(f, Imm32(22)), Imm32(4)));
                break;
            default: v = Fcsr(); break;
        }
        SetR(a.rt, v);
        return true;
    }

    /// <summary>
    /// ctc1 rt, fs: FCSR, or its FCCR/FEXR/FENR views; other registers ignore writes. As in QEMU, an
    /// FCCR write with any bit above 7 is ignored, and so is an FEXR or FENR write with any of bits
    /// 22:18 set (bits FCSR does not have); other bits outside the view are dropped. A new FCSR with an enabled cause traps after the write.
    /// </summary>
    const uint ViewReserved = 0x007C_0000;

    public bool Trans_CTC1(ref MipsFpuArg_gpr_fpr a)
    {
        var v = R(a.rt);
        var old = Fcsr();
        Value fcsr, accepted;
        switch (a.fs)
        {
            case MipsFcsr.FcsrReg:
                fcsr = b.Or32(b.And32(v, Imm32(MipsFcsr.WritableMask)), b.And32(old, Imm32(~MipsFcsr.WritableMask)));
                accepted = IrBuilder.Imm1(true);
                break;
            case MipsFcsr.FccrReg:
                accepted = Accepted(v, ~0xFFu, out var keep);
                fcsr = b.Or32(b.And32(old, Imm32(~0xFE80_0000u)),
                    b.Or32(b.Shl32(b.And32(v, Imm32(0xFE)), Imm32(24)), b.Shl32(b.And32(v, Imm32(1)), Imm32(23))));
                fcsr = b.Select32(accepted, fcsr, keep);
                break;
            case MipsFcsr.FexrReg:
                const uint fexr = MipsFcsr.CauseMask | MipsFcsr.FlagsMask;
                accepted = Accepted(v, ViewReserved, out keep);
                fcsr = b.Select32(accepted, b.Or32(b.And32(old, Imm32(~fexr)), b.And32(v, Imm32(fexr))), keep);
                break;
            case MipsFcsr.FenrReg:
                const uint fenr = MipsFcsr.EnablesMask | 3;
                accepted = Accepted(v, ViewReserved, out keep);
                fcsr = b.Or32(b.And32(old, Imm32(~(fenr | MipsFcsr.FlushToZero))),
                    b.Or32(b.And32(v, Imm32(fenr)), b.Shl32(b.And32(v, Imm32(4)), Imm32(22))));
                fcsr = b.Select32(accepted, fcsr, keep);
                break;
            default:
                return true;
        }
        b.SetReg32(fcsr, MipsRegs.Fcsr);
        RaiseIfFcsrTraps(fcsr, accepted);
        return true;

        // a view write is accepted when it sets none of the reserved bits
        Value Accepted(Value value, uint reserved, out Value unchanged)
        {
            unchanged = old;
            return b.Eq32(b.And32(value, Imm32(reserved)), Imm32(0));
        }
    }

    /// <summary>mov.fmt fd, fs</summary>
    public bool Trans_MOV(ref MipsFpuArg_ff a) => MoveWithSign(a.d, a.fd, a.fs, v => v);

    /// <summary>abs.fmt fd, fs: clears the sign bit (a NaN too)</summary>
    public bool Trans_ABS(ref MipsFpuArg_ff a) => MoveWithSign(a.d, a.fd, a.fs, v => b.And32(v, Imm32(0x7FFF_FFFFu)));

    /// <summary>neg.fmt fd, fs: flips the sign bit (a NaN too)</summary>
    public bool Trans_NEG(ref MipsFpuArg_ff a) => MoveWithSign(a.d, a.fd, a.fs, v => b.Xor32(v, Imm32(0x8000_0000u)));

    /// <summary>Copies fs to fd, passing the word that holds the sign through sign.</summary>
    bool MoveWithSign(int d, int fd, int fs, Func<Value, Value> sign)
    {
        if (OddDouble(d, fd, fs)) return false;
        if (d == 0)
        {
            SetF(fd, sign(F(fs)));
            return true;
        }
        var lo = F(fs);
        var hi = sign(F(fs + 1));
        SetF(fd, lo);
        SetF(fd + 1, hi);
        return true;
    }

    /// <summary>movf.fmt fd, fs, cc</summary>
    public bool Trans_MOVF_fmt(ref MipsFpuArg_movcf a) => MoveIf(a.d, a.fd, a.fs, b.Not1(FpCondition(a.cc)));

    /// <summary>movt.fmt fd, fs, cc</summary>
    public bool Trans_MOVT_fmt(ref MipsFpuArg_movcf a) => MoveIf(a.d, a.fd, a.fs, FpCondition(a.cc));

    /// <summary>movz.fmt fd, fs, rt</summary>
    public bool Trans_MOVZ_fmt(ref MipsFpuArg_movgpr a) => MoveIf(a.d, a.fd, a.fs, b.Eq32(R(a.rt), Imm32(0)));

    /// <summary>movn.fmt fd, fs, rt</summary>
    public bool Trans_MOVN_fmt(ref MipsFpuArg_movgpr a) => MoveIf(a.d, a.fd, a.fs, b.Ne32(R(a.rt), Imm32(0)));

    /// <summary>fd = cond ? fs : fd; D moves pairs and, as in QEMU, accepts odd register numbers (the pair holding them).</summary>
    bool MoveIf(int d, int fd, int fs, Value cond)
    {
        if (d == 0)
        {
            SetF(fd, b.Select32(cond, F(fs), F(fd)));
            return true;
        }
        var lo = b.Select32(cond, F(fs & ~1), F(fd & ~1));
        var hi = b.Select32(cond, F(fs | 1), F(fd | 1));
        SetF(fd & ~1, lo);
        SetF(fd | 1, hi);
        return true;
    }

    /// <summary>movf rd, rs, cc</summary>
    public bool Trans_MOVF(ref MipsFpuArg_movci a)
    {
        SetR(a.rd, b.Select32(FpCondition(a.cc), R(a.rd), R(a.rs)));
        return true;
    }

    /// <summary>movt rd, rs, cc</summary>
    public bool Trans_MOVT(ref MipsFpuArg_movci a)
    {
        SetR(a.rd, b.Select32(FpCondition(a.cc), R(a.rs), R(a.rd)));
        return true;
    }
}
