using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Release 2 bit-field and byte operations: EXT, INS, WSBH, SEB, SEH. Field bounds that the
/// manual calls UNPREDICTABLE (EXT past bit 31, INS with msb below lsb) are reserved
/// instructions, as in QEMU.
/// </summary>
internal sealed partial class MipsLifter
{
    static uint LowMask(int bits) => bits >= 32 ? uint.MaxValue : (1u << bits) - 1;

    // ext rt, rs, pos, size (msbd = size - 1)
    public bool Trans_EXT(ref Mips32Arg_EXT a)
    {
        int size = a.msbd + 1;
        if (a.lsb + size > 32) return false;
        Value v = R(a.rs);
        if (a.lsb + size == 32) v = a.lsb == 0 ? v : b.Shr32(v, Imm32(a.lsb));
        else v = And(a.lsb == 0 ? v : b.Shr32(v, Imm32(a.lsb)), Imm32(LowMask(size)));
        SetR(a.rt, v);
        return true;
    }

    // ins rt, rs, pos, size (msb = pos + size - 1)
    public bool Trans_INS(ref Mips32Arg_INS a)
    {
        if (a.msb < a.lsb) return false;
        uint mask = LowMask(a.msb - a.lsb + 1) << a.lsb;
        Value field = And(a.lsb == 0 ? R(a.rs) : b.Shl32(R(a.rs), Imm32(a.lsb)), Imm32(mask));
        SetR(a.rt, Or(And(R(a.rt), Imm32(~mask)), field));
        return true;
    }

    // wsbh rd, rt: swap the bytes of each halfword
    public bool Trans_WSBH(ref Mips32Arg_rtd a)
    {
        SetR(a.rd, a.rt == 0 ? Imm32(0) : b.Ror32(b.Bswap32(R(a.rt)), Imm32(16)));
        return true;
    }

    // seb rd, rt
    public bool Trans_SEB(ref Mips32Arg_rtd a)
    {
        SetR(a.rd, a.rt == 0 ? Imm32(0) : b.SExt8To32(R(a.rt)));
        return true;
    }

    // seh rd, rt
    public bool Trans_SEH(ref Mips32Arg_rtd a)
    {
        SetR(a.rd, a.rt == 0 ? Imm32(0) : b.SExt16To32(R(a.rt)));
        return true;
    }
}
