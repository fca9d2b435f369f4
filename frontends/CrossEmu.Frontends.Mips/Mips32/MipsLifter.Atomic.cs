using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Load-linked / store-conditional on the IR's exclusive-monitor ops, and SYNC. LL must be word
/// aligned (AlignmentFault otherwise); a misaligned SC just fails, as in QEMU. The monitor
/// works on raw memory, so big-endian values are swapped on the way in and out like any other
/// access.
/// </summary>
internal sealed partial class MipsLifter
{
    // ll rt, offset(base)
    public bool Trans_LL(ref Mips32Arg_rri a)
    {
        Value v = b.LoadLinked32(Aligned(Address(a.rs, a.imm), 4));
        SetR(a.rt, bigEndian ? b.Bswap32(v) : v);
        return true;
    }

    // sc rt, offset(base): rt = 1 when the store happened, else 0. A misaligned address cannot
    // be the linked one (LL faults on those), so like QEMU it fails without touching memory.
    public bool Trans_SC(ref Mips32Arg_rri a)
    {
        Value addr = Address(a.rs, a.imm);
        if (addr.IsConstant)
        {
            SetR(a.rt, (addr.Constant & 3) != 0 ? Imm32(0) : StoreConditional(addr, a.rt));
            return true;
        }
        int misaligned = b.NewLabel(), done = b.NewLabel();
        b.BrIf(b.Ne32(b.And32(addr, Imm32(3)), Imm32(0)), misaligned);
        SetR(a.rt, StoreConditional(addr, a.rt));
        b.Br(done);
        b.Label(misaligned);
        SetR(a.rt, Imm32(0));
        b.Label(done);
        return true;
    }

    Value StoreConditional(Value addr, int rt)
    {
        Value v = R(rt);
        return b.Bool1To32(b.StoreCond32(addr, bigEndian ? b.Bswap32(v) : v));
    }

    // sync stype (every stype is a full barrier here)
    public bool Trans_SYNC(ref Mips32Arg_SYNC a)
    {
        b.Fence();
        return true;
    }
}
