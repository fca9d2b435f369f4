using CrossEmu.Frontends.Mips.Fpu;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Mips32;

// FPU loads and stores: a word to/from one FPR half, a doubleword to/from the even/odd pair,
// in the guest's byte order. As in QEMU, LDC1/SDC1 take any register number (naming its pair)
// while the indexed LDXC1/SDXC1 refuse an odd one. Misaligned addresses raise AlignmentFault
// (SIGBUS), as on QEMU's 24Kf.
internal sealed partial class MipsLifter
{
    /// <summary>The effective address, after raising AlignmentFault when it is not a multiple of size.</summary>
    Value FpuAddress(Func<Value> address, int size)
    {
        var first = address();
        RaiseIf(b.Ne32(b.And32(first, Imm32(size - 1)), Imm32(0)), ExitReason.AlignmentFault, first);
        return address();     // values do not live across the check's label: compute it again
    }

    Value BaseOffset(int rbase, int offset) => b.Add32(R(rbase), Imm32(offset));

    Value BaseIndex(int rbase, int index) => b.Add32(R(rbase), R(index));

    /// <summary>lwc1 ft, offset(base)</summary>
    public bool Trans_LWC1(ref MipsFpuArg_ldst a)
    {
        int rbase = a.@base, offset = a.offset;
        SetF(a.ft, Load(4, false, FpuAddress(() => BaseOffset(rbase, offset), 4)));
        return true;
    }

    /// <summary>ldc1 ft, offset(base)</summary>
    public bool Trans_LDC1(ref MipsFpuArg_ldst a)
    {
        int rbase = a.@base, offset = a.offset;
        SetFPair(a.ft, Load64(FpuAddress(() => BaseOffset(rbase, offset), 8)));
        return true;
    }

    /// <summary>swc1 ft, offset(base)</summary>
    public bool Trans_SWC1(ref MipsFpuArg_ldst a)
    {
        int rbase = a.@base, offset = a.offset;
        Store(4, FpuAddress(() => BaseOffset(rbase, offset), 4), F(a.ft));
        return true;
    }

    /// <summary>sdc1 ft, offset(base)</summary>
    public bool Trans_SDC1(ref MipsFpuArg_ldst a)
    {
        int rbase = a.@base, offset = a.offset;
        Store64(FpuAddress(() => BaseOffset(rbase, offset), 8), FPair(a.ft));
        return true;
    }

    /// <summary>lwxc1 fd, index(base)</summary>
    public bool Trans_LWXC1(ref MipsFpuArg_ldst_x a)
    {
        int rbase = a.@base, index = a.index;
        SetF(a.fd, Load(4, false, FpuAddress(() => BaseIndex(rbase, index), 4)));
        return true;
    }

    /// <summary>ldxc1 fd, index(base)</summary>
    public bool Trans_LDXC1(ref MipsFpuArg_ldst_x a)
    {
        if (OddDouble(1, a.fd)) return false;
        int rbase = a.@base, index = a.index;
        SetFPair(a.fd, Load64(FpuAddress(() => BaseIndex(rbase, index), 8)));
        return true;
    }

    /// <summary>swxc1 fs, index(base) (fs arrives as a.fd)</summary>
    public bool Trans_SWXC1(ref MipsFpuArg_ldst_x a)
    {
        int rbase = a.@base, index = a.index;
        Store(4, FpuAddress(() => BaseIndex(rbase, index), 4), F(a.fd));
        return true;
    }

    /// <summary>sdxc1 fs, index(base) (fs arrives as a.fd)</summary>
    public bool Trans_SDXC1(ref MipsFpuArg_ldst_x a)
    {
        if (OddDouble(1, a.fd)) return false;
        int rbase = a.@base, index = a.index;
        Store64(FpuAddress(() => BaseIndex(rbase, index), 8), FPair(a.fd));
        return true;
    }

    /// <summary>prefx hint, index(base): a hint, nothing to do</summary>
    public bool Trans_PREFX(ref MipsFpuArg_PREFX a) => true;
}
