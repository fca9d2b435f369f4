using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>
/// Single loads and stores: word, byte, halfword, signed, doubleword; immediate or (shifted)
/// register offset; offset, pre-indexed (!) and post-indexed. P=0 W=1 is the unprivileged
/// form (LDRT...), a plain post-indexed access in user mode. Memory is accessed before any
/// register is written, so a faulting access leaves the registers as they were.
/// </summary>
internal sealed partial class A32Lifter
{
    enum Access { Word, Byte, Half, SByte, SHalf }

    /// <summary>The address to access, and the value written back to rn when the form has writeback.</summary>
    Value Address(int p, int u, int rn, Operand2 offsetOperand, out Value updated)
    {
        Value n = R(rn);
        Value offset = Shifter(offsetOperand, false, out _);
        if (offset.IsConstant && offset.Constant == 0) updated = n;
        else if (n.IsConstant && offset.IsConstant)   // pc-relative literal: fold here
            updated = Imm32(u != 0 ? (uint)n.Constant + (uint)offset.Constant : (uint)n.Constant - (uint)offset.Constant);
        else updated = u != 0 ? b.Add32(n, offset) : b.Sub32(n, offset);
        return p != 0 ? updated : n;
    }

    static bool HasWriteback(int p, int w) => p == 0 || w != 0;

    /// <summary>
    /// Writeback to r15 is UNPREDICTABLE: refused (undefined). Writeback to the loaded register is
    /// UNPREDICTABLE too; like QEMU the loaded value wins.
    /// </summary>
    static bool BadWriteback(int p, int w, int rn) => HasWriteback(p, w) && rn == 15;

    /// <summary>An immediate offset.</summary>
    static Operand2 Offset(int imm) => Operand2.Immediate(imm, 0);

    /// <summary>A register offset, shifted by an immediate.</summary>
    static Operand2 Offset(int rm, int shtype, int shimm) => Operand2.ImmShift(rm, shtype, shimm);

    bool Load(int p, int u, int w, int rn, int rt, Operand2 offset, Access size)
    {
        if (BadWriteback(p, w, rn)) return false;
        if (rt == 15 && size != Access.Word) return false;
        Value addr = Address(p, u, rn, offset, out Value updated);
        Value v = size switch
        {
            Access.Word => b.Load32(addr),
            Access.Byte => b.Load8U(addr),
            Access.Half => b.Load16U(addr),
            Access.SByte => b.Load8S(addr),
            _ => b.Load16S(addr),
        };
        if (HasWriteback(p, w)) SetR(rn, updated);
        if (rt == 15) SetPc(v, rn == 13 ? ExitKind.Return : ExitKind.Plain);
        else SetR(rt, v);
        return true;
    }

    bool Store(int p, int u, int w, int rn, int rt, Operand2 offset, Access size)
    {
        if (BadWriteback(p, w, rn)) return false;
        Value addr = Address(p, u, rn, offset, out Value updated);
        Value v = R(rt);
        switch (size)
        {
            case Access.Word: b.Store32(addr, v); break;
            case Access.Byte: b.Store8(addr, v); break;
            default: b.Store16(addr, v); break;
        }
        if (HasWriteback(p, w)) SetR(rn, updated);
        return true;
    }

    // ---- word and unsigned byte, immediate offset

    // ldr rt, [rn, #+/-imm]{!} / ldr rt, [rn], #+/-imm / ldrt (ldr pc, [sp], #4 is a return)
    public bool Trans_LDR_ri(ref A32Arg_ldst_ri a) => Load(a.p, a.u, a.w, a.rn, a.rt, Offset(a.imm), Access.Word);
    // str rt, [rn, #+/-imm]{!} / str rt, [rn], #+/-imm / strt (push {rt} is str rt, [sp, #-4]!)
    public bool Trans_STR_ri(ref A32Arg_ldst_ri a) => Store(a.p, a.u, a.w, a.rn, a.rt, Offset(a.imm), Access.Word);
    // ldrb rt, [rn, #+/-imm]{!} / ldrb rt, [rn], #+/-imm / ldrbt
    public bool Trans_LDRB_ri(ref A32Arg_ldst_ri a) => Load(a.p, a.u, a.w, a.rn, a.rt, Offset(a.imm), Access.Byte);
    // strb rt, [rn, #+/-imm]{!} / strb rt, [rn], #+/-imm / strbt
    public bool Trans_STRB_ri(ref A32Arg_ldst_ri a) => Store(a.p, a.u, a.w, a.rn, a.rt, Offset(a.imm), Access.Byte);

    // ---- word and unsigned byte, register offset

    // ldr rt, [rn, +/-rm{, shift #n}]{!} / ldr rt, [rn], +/-rm{, shift #n} / ldrt
    public bool Trans_LDR_rr(ref A32Arg_ldst_rr a) => a.rm != 15 && Load(a.p, a.u, a.w, a.rn, a.rt, Offset(a.rm, a.shtype, a.shimm), Access.Word);
    // str rt, [rn, +/-rm{, shift #n}]{!} / str rt, [rn], +/-rm{, shift #n} / strt
    public bool Trans_STR_rr(ref A32Arg_ldst_rr a) => a.rm != 15 && Store(a.p, a.u, a.w, a.rn, a.rt, Offset(a.rm, a.shtype, a.shimm), Access.Word);
    // ldrb rt, [rn, +/-rm{, shift #n}]{!} / ldrb rt, [rn], +/-rm{, shift #n} / ldrbt
    public bool Trans_LDRB_rr(ref A32Arg_ldst_rr a) => a.rm != 15 && Load(a.p, a.u, a.w, a.rn, a.rt, Offset(a.rm, a.shtype, a.shimm), Access.Byte);
    // strb rt, [rn, +/-rm{, shift #n}]{!} / strb rt, [rn], +/-rm{, shift #n} / strbt
    public bool Trans_STRB_rr(ref A32Arg_ldst_rr a) => a.rm != 15 && Store(a.p, a.u, a.w, a.rn, a.rt, Offset(a.rm, a.shtype, a.shimm), Access.Byte);

    // ---- halfword and signed, immediate offset (imm = imm4H:imm4L)

    // ldrh rt, [rn, #+/-imm]{!} / ldrh rt, [rn], #+/-imm / ldrht
    public bool Trans_LDRH_ri(ref A32Arg_ldst_ri a) => Load(a.p, a.u, a.w, a.rn, a.rt, Offset(a.imm), Access.Half);
    // strh rt, [rn, #+/-imm]{!} / strh rt, [rn], #+/-imm / strht
    public bool Trans_STRH_ri(ref A32Arg_ldst_ri a) => Store(a.p, a.u, a.w, a.rn, a.rt, Offset(a.imm), Access.Half);
    // ldrsb rt, [rn, #+/-imm]{!} / ldrsb rt, [rn], #+/-imm / ldrsbt
    public bool Trans_LDRSB_ri(ref A32Arg_ldst_ri a) => Load(a.p, a.u, a.w, a.rn, a.rt, Offset(a.imm), Access.SByte);
    // ldrsh rt, [rn, #+/-imm]{!} / ldrsh rt, [rn], #+/-imm / ldrsht
    public bool Trans_LDRSH_ri(ref A32Arg_ldst_ri a) => Load(a.p, a.u, a.w, a.rn, a.rt, Offset(a.imm), Access.SHalf);

    // ---- halfword and signed, register offset

    // ldrh rt, [rn, +/-rm]{!} / ldrh rt, [rn], +/-rm / ldrht
    public bool Trans_LDRH_rr(ref A32Arg_ldst_rr a) => a.rm != 15 && Load(a.p, a.u, a.w, a.rn, a.rt, Offset(a.rm, LSL, 0), Access.Half);
    // strh rt, [rn, +/-rm]{!} / strh rt, [rn], +/-rm / strht
    public bool Trans_STRH_rr(ref A32Arg_ldst_rr a) => a.rm != 15 && Store(a.p, a.u, a.w, a.rn, a.rt, Offset(a.rm, LSL, 0), Access.Half);
    // ldrsb rt, [rn, +/-rm]{!} / ldrsb rt, [rn], +/-rm / ldrsbt
    public bool Trans_LDRSB_rr(ref A32Arg_ldst_rr a) => a.rm != 15 && Load(a.p, a.u, a.w, a.rn, a.rt, Offset(a.rm, LSL, 0), Access.SByte);
    // ldrsh rt, [rn, +/-rm]{!} / ldrsh rt, [rn], +/-rm / ldrsht
    public bool Trans_LDRSH_rr(ref A32Arg_ldst_rr a) => a.rm != 15 && Load(a.p, a.u, a.w, a.rn, a.rt, Offset(a.rm, LSL, 0), Access.SHalf);

    // ---- doubleword: rt must be even and not r14; the pair is rt, rt+1. P=0 W=1 is
    // UNPREDICTABLE: undefined, as QEMU does.

    static bool BadDual(int p, int w, int rn, int rt) => (rt & 1) != 0 || rt == 14 || (p == 0 && w != 0) || BadWriteback(p, w, rn);

    bool LoadDual(int p, int u, int w, int rn, int rt, Operand2 offset)
    {
        if (BadDual(p, w, rn, rt)) return false;
        Value addr = Address(p, u, rn, offset, out Value updated);
        Value lo = b.Load32(addr);
        Value hi = b.Load32(b.Add32(addr, Imm32(4)));
        // Writeback last: when it overlaps the pair (UNPREDICTABLE) the base wins, as in QEMU.
        SetR(rt, lo);
        SetR(rt + 1, hi);
        if (HasWriteback(p, w)) SetR(rn, updated);
        return true;
    }

    bool StoreDual(int p, int u, int w, int rn, int rt, Operand2 offset)
    {
        if (BadDual(p, w, rn, rt)) return false;
        Value addr = Address(p, u, rn, offset, out Value updated);
        Value lo = R(rt), hi = R(rt + 1);
        b.Store32(addr, lo);
        b.Store32(b.Add32(addr, Imm32(4)), hi);
        if (HasWriteback(p, w)) SetR(rn, updated);
        return true;
    }

    // ldrd rt, rt2, [rn, #+/-imm]{!} / ldrd rt, rt2, [rn], #+/-imm
    public bool Trans_LDRD_ri(ref A32Arg_ldst_ri a) => LoadDual(a.p, a.u, a.w, a.rn, a.rt, Offset(a.imm));
    // strd rt, rt2, [rn, #+/-imm]{!} / strd rt, rt2, [rn], #+/-imm
    public bool Trans_STRD_ri(ref A32Arg_ldst_ri a) => StoreDual(a.p, a.u, a.w, a.rn, a.rt, Offset(a.imm));
    // ldrd rt, rt2, [rn, +/-rm]{!} / ldrd rt, rt2, [rn], +/-rm
    public bool Trans_LDRD_rr(ref A32Arg_ldst_rr a) => a.rm != 15 && LoadDual(a.p, a.u, a.w, a.rn, a.rt, Offset(a.rm, LSL, 0));
    // strd rt, rt2, [rn, +/-rm]{!} / strd rt, rt2, [rn], +/-rm
    public bool Trans_STRD_rr(ref A32Arg_ldst_rr a) => a.rm != 15 && StoreDual(a.p, a.u, a.w, a.rn, a.rt, Offset(a.rm, LSL, 0));
}
