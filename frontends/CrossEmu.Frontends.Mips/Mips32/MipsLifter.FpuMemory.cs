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
    /// <summary>lwc1 ft, offset(base)</summary>
    public bool Trans_LWC1(ref MipsFpuArg_ldst a)
    {
        SetF(a.ft, Load(4, false, Aligned(Address(a.@base, a.offset), 4)));
        return true;
    }

    /// <summary>ldc1 ft, offset(base)</summary>
    public bool Trans_LDC1(ref MipsFpuArg_ldst a)
    {
        SetFPair(a.ft, Load64(Aligned(Address(a.@base, a.offset), 8)));
        return true;
    }

    /// <summary>swc1 ft, offset(base)</summary>
    public bool Trans_SWC1(ref MipsFpuArg_ldst a)
    {
        Store(4, Aligned(Address(a.@base, a.offset), 4), F(a.ft));
        return true;
    }

    /// <summary>sdc1 ft, offset(base)</summary>
    public bool Trans_SDC1(ref MipsFpuArg_ldst a)
    {
        Store64(Aligned(Address(a.@base, a.offset), 8), FPair(a.ft));
        return true;
    }

    /// <summary>lwxc1 fd, index(base)</summary>
    public bool Trans_LWXC1(ref MipsFpuArg_ldst_x a)
    {
        SetF(a.fd, Load(4, false, Aligned(Add(R(a.@base), R(a.index)), 4)));
        return true;
    }

    /// <summary>ldxc1 fd, index(base)</summary>
    public bool Trans_LDXC1(ref MipsFpuArg_ldst_x a)
    {
        if (OddDouble(1, a.fd)) return false;
        SetFPair(a.fd, Load64(Aligned(Add(R(a.@base), R(a.index)), 8)));
        return true;
    }

    /// <summary>swxc1 fs, index(base) (fs arrives as a.fd)</summary>
    public bool Trans_SWXC1(ref MipsFpuArg_ldst_x a)
    {
        Store(4, Aligned(Add(R(a.@base), R(a.index)), 4), F(a.fd));
        return true;
    }

    /// <summary>sdxc1 fs, index(base) (fs arrives as a.fd)</summary>
    public bool Trans_SDXC1(ref MipsFpuArg_ldst_x a)
    {
        if (OddDouble(1, a.fd)) return false;
        Store64(Aligned(Add(R(a.@base), R(a.index)), 8), FPair(a.fd));
        return true;
    }

    /// <summary>prefx hint, index(base): a hint, nothing to do</summary>
    public bool Trans_PREFX(ref MipsFpuArg_PREFX a) => true;
}
