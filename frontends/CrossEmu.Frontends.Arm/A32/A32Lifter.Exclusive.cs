using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>
/// Exclusive loads and stores on the IR's load-linked / store-conditional ops, CLREX, and the
/// deprecated SWP/SWPB built on the same ops.
/// </summary>
internal sealed partial class A32Lifter
{
    /// <summary>
    /// An exclusive access's address, which must be aligned to the access size whatever the
    /// monitor's state (ExclusiveMonitorsPass); otherwise an alignment fault (SIGBUS), as QEMU gives.
    /// </summary>
    Value ExclusiveAddress(int rn, int size)
    {
        var addr = R(rn);
        b.ExitTrapIf(addr, b.Ne32(b.And32(addr, Imm32((uint)size - 1)), Imm32(0)), (long)ExitReason.AlignmentFault, pc);
        return addr;
    }

    // ldrex rt, [rn]
    public bool Trans_LDREX(ref A32Arg_ldrex a)
    {
        if (AnyPc(a.rt, a.rn, 0)) return false;
        SetR(a.rt, b.LoadLinked32(ExclusiveAddress(a.rn, 4)));
        return true;
    }

    // ldrexb rt, [rn]
    public bool Trans_LDREXB(ref A32Arg_ldrex a)
    {
        if (AnyPc(a.rt, a.rn, 0)) return false;
        SetR(a.rt, b.LoadLinked8(R(a.rn)));
        return true;
    }

    // ldrexh rt, [rn]
    public bool Trans_LDREXH(ref A32Arg_ldrex a)
    {
        if (AnyPc(a.rt, a.rn, 0)) return false;
        SetR(a.rt, b.LoadLinked16(ExclusiveAddress(a.rn, 2)));
        return true;
    }

    // ldrexd rt, rt2, [rn] (rt even, rt2 = rt + 1)
    public bool Trans_LDREXD(ref A32Arg_ldrex a)
    {
        if ((a.rt & 1) != 0 || a.rt == 14 || IsPc(a.rn)) return false;
        SetPair(a.rt, a.rt + 1, b.LoadLinked64(ExclusiveAddress(a.rn, 8)));
        return true;
    }

    /// <summary>rd = 0 when the conditional store happened, 1 when it did not.</summary>
    void SetStatus(int rd, Value stored) => SetR(rd, b.Bool1To32(b.Not1(stored)));

    static bool BadStrex(int rd, int rn, int rt) => AnyPc(rd, rn, rt) || rd == rn || rd == rt;

    // strex rd, rt, [rn]
    public bool Trans_STREX(ref A32Arg_strex a)
    {
        if (BadStrex(a.rd, a.rn, a.rt)) return false;
        SetStatus(a.rd, b.StoreCond32(ExclusiveAddress(a.rn, 4), R(a.rt)));
        return true;
    }

    // strexb rd, rt, [rn]
    public bool Trans_STREXB(ref A32Arg_strex a)
    {
        if (BadStrex(a.rd, a.rn, a.rt)) return false;
        SetStatus(a.rd, b.StoreCond8(R(a.rn), R(a.rt)));
        return true;
    }

    // strexh rd, rt, [rn]
    public bool Trans_STREXH(ref A32Arg_strex a)
    {
        if (BadStrex(a.rd, a.rn, a.rt)) return false;
        SetStatus(a.rd, b.StoreCond16(ExclusiveAddress(a.rn, 2), R(a.rt)));
        return true;
    }

    // strexd rd, rt, rt2, [rn] (rt even, rt2 = rt + 1)
    public bool Trans_STREXD(ref A32Arg_strex a)
    {
        if (BadStrex(a.rd, a.rn, a.rt) || (a.rt & 1) != 0 || a.rt == 14 || a.rd == a.rt + 1) return false;
        SetStatus(a.rd, b.StoreCond64(ExclusiveAddress(a.rn, 8), Pair(a.rt, a.rt + 1)));
        return true;
    }

    // clrex
    public bool Trans_CLREX(ref A32UncondArg_CLREX a)
    {
        b.ClearLinked();
        return true;
    }

    /// <summary>
    /// rt = [rn], [rn] = rt2, atomically: a load-linked / store-conditional pair; when the store
    /// fails (another thread wrote the word) the block exits to run the instruction again.
    /// </summary>
    bool Swap(int rn, int rt, int rt2, bool isByte)
    {
        if (AnyPc(rn, rt, rt2)) return false;
        Value addr = R(rn), v = R(rt2);
        Value old = isByte ? b.LoadLinked8(addr) : b.LoadLinked32(addr);
        Value stored = isByte ? b.StoreCond8(addr, v) : b.StoreCond32(addr, v);
        int retry = b.NewLabel();
        b.BrIf(b.Not1(stored), retry);
        SetR(rt, old);
        b.ExitJump(pc + 4);
        b.Label(retry);
        b.ExitJump(pc);
        endsBlock = true;
        return true;
    }

    // swp rt, rt2, [rn]
    public bool Trans_SWP(ref A32Arg_SWP a) => Swap(a.rn, a.rt, a.rt2, isByte: false);

    // swpb rt, rt2, [rn]
    public bool Trans_SWPB(ref A32Arg_SWPB a) => Swap(a.rn, a.rt, a.rt2, isByte: true);
}
