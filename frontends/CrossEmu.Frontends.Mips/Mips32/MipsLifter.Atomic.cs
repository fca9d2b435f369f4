using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Load-linked / store-conditional on the IR's exclusive-monitor ops, and SYNC. Both must be
/// word aligned (AlignmentFault otherwise). The monitor works on raw memory, so big-endian
/// values are swapped on the way in and out like any other access.
/// </summary>
internal sealed partial class MipsLifter
{
    // ll rt, offset(base)
    public bool Trans_LL(ref Mips32Arg_rri a)
    {
        if (!CheckAligned(a.rs, a.imm, 4)) return true;
        Value v = b.LoadLinked32(Address(a.rs, a.imm));
        SetR(a.rt, bigEndian ? b.Bswap32(v) : v);
        return true;
    }

    // sc rt, offset(base): rt = 1 when the store happened, else 0
    public bool Trans_SC(ref Mips32Arg_rri a)
    {
        if (!CheckAligned(a.rs, a.imm, 4)) return true;
        Value v = R(a.rt);
        Value stored = b.StoreCond32(Address(a.rs, a.imm), bigEndian ? b.Bswap32(v) : v);
        SetR(a.rt, b.Bool1To32(stored));
        return true;
    }

    // sync stype (every stype is a full barrier here)
    public bool Trans_SYNC(ref Mips32Arg_SYNC a)
    {
        b.Fence();
        return true;
    }
}
