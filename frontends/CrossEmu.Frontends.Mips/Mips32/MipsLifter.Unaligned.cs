using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// LWL, LWR, SWL, SWR: the parts of an unaligned word that lie in one aligned word. They work on
/// the aligned word W (read in the guest's byte order) and never fault for alignment.
///
/// The manual defines "left" as the most significant bytes of the register and the memory
/// bytes from the address to the end of the aligned word in big endian, from the start of the
/// aligned word to the address in little endian. With k = address & 3 and s the byte shift
/// (s = k for LWL/SWL in big endian, 3 - k in little endian; the other way round for LWR/SWR):
///   LWL  rt = W &lt;&lt; 8s | rt &amp; ~(~0 &lt;&lt; 8s)       LWR  rt = W &gt;&gt; 8s | rt &amp; ~(~0 &gt;&gt; 8s)
///   SWL  W  = rt &gt;&gt; 8s | W &amp; ~(~0 &gt;&gt; 8s)       SWR  W  = rt &lt;&lt; 8s | W &amp; ~(~0 &lt;&lt; 8s)
/// The stores read, merge and write the whole aligned word (not atomic against another thread
/// writing the other bytes of that word at the same moment).
/// </summary>
internal sealed partial class MipsLifter
{
    /// <summary>8s for an address: (k ^ 3) * 8 when flip, else k * 8.</summary>
    Value ByteShift(Value addr, bool flip)
    {
        Value k = flip ? b.Xor32(addr, Imm32(3)) : addr;
        return b.And32(b.Shl32(k, Imm32(3)), Imm32(24));
    }

    Value AlignedWordAddress(Value addr) => And(addr, Imm32(~3u));

    // lwl rt, offset(base)
    public bool Trans_LWL(ref Mips32Arg_rri a)
    {
        Value addr = Address(a.rs, a.imm);
        Value w = Load(4, false, AlignedWordAddress(addr));
        Value sh = ByteShift(addr, flip: !bigEndian);
        Value keep = b.Not32(b.Shl32(Imm32(uint.MaxValue), sh));
        SetR(a.rt, b.Or32(b.Shl32(w, sh), And(R(a.rt), keep)));
        return true;
    }

    // lwr rt, offset(base)
    public bool Trans_LWR(ref Mips32Arg_rri a)
    {
        Value addr = Address(a.rs, a.imm);
        Value w = Load(4, false, AlignedWordAddress(addr));
        Value sh = ByteShift(addr, flip: bigEndian);
        Value keep = b.Not32(b.Shr32(Imm32(uint.MaxValue), sh));
        SetR(a.rt, b.Or32(b.Shr32(w, sh), And(R(a.rt), keep)));
        return true;
    }

    // swl rt, offset(base)
    public bool Trans_SWL(ref Mips32Arg_rri a)
    {
        Value addr = Address(a.rs, a.imm);
        Value at = AlignedWordAddress(addr);
        Value w = Load(4, false, at);
        Value sh = ByteShift(addr, flip: !bigEndian);
        Value keep = b.Not32(b.Shr32(Imm32(uint.MaxValue), sh));
        Store(4, at, b.Or32(b.Shr32(R(a.rt), sh), b.And32(w, keep)));
        return true;
    }

    // swr rt, offset(base)
    public bool Trans_SWR(ref Mips32Arg_rri a)
    {
        Value addr = Address(a.rs, a.imm);
        Value at = AlignedWordAddress(addr);
        Value w = Load(4, false, at);
        Value sh = ByteShift(addr, flip: bigEndian);
        Value keep = b.Not32(b.Shl32(Imm32(uint.MaxValue), sh));
        Store(4, at, b.Or32(b.Shl32(R(a.rt), sh), b.And32(w, keep)));
        return true;
    }
}
