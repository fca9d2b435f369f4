using CrossEmu.Isa.Float;

namespace CrossEmu.Frontends.Mips.Fpu;

public static unsafe partial class MipsFpuHelpers
{
    /// <summary>
    /// c.cond.fmt cc, fs, ft (and cabs.cond.fmt, comparing magnitudes). extra = cond | abs &lt;&lt; 4
    /// | cc &lt;&lt; 5. cond bit 0 accepts unordered, bit 1 equal, bit 2 less; bit 3 makes the
    /// compare signalling (Invalid on any NaN, not only on a signalling one).
    /// </summary>
    public static ulong Compare(byte* state, ulong regs, ulong d, ulong extra)
    {
        var s = (MipsCpuState*)state;
        int cond = (int)(extra & 15), cc = (int)((extra >> 5) & 7);
        bool abs = (extra & 16) != 0;
        bool unordered, signalling;
        double a, b;
        if (d != 0)
        {
            ulong x = s->GetDouble(Fs(regs)), y = s->GetDouble(Ft(regs));
            if (abs) { x &= ~(1UL << 63); y &= ~(1UL << 63); }
            unordered = MipsNaN.IsNaN64(x) || MipsNaN.IsNaN64(y);
            signalling = MipsNaN.IsSignaling64(x) || MipsNaN.IsSignaling64(y);
            a = BitConverter.UInt64BitsToDouble(x);
            b = BitConverter.UInt64BitsToDouble(y);
        }
        else
        {
            uint x = s->F[Fs(regs)], y = s->F[Ft(regs)];
            if (abs) { x &= ~(1u << 31); y &= ~(1u << 31); }
            unordered = MipsNaN.IsNaN32(x) || MipsNaN.IsNaN32(y);
            signalling = MipsNaN.IsSignaling32(x) || MipsNaN.IsSignaling32(y);
            a = BitConverter.UInt32BitsToSingle(x);
            b = BitConverter.UInt32BitsToSingle(y);
        }
        bool invalid = (cond & 8) != 0 ? unordered : signalling;
        bool result = unordered ? (cond & 1) != 0 : ((cond & 2) != 0 && a == b) || ((cond & 4) != 0 && a < b);
        uint trap = MipsFcsr.Commit(s, invalid ? FpExceptions.Invalid : FpExceptions.None);
        if (trap == 0)
        {
            uint bit = 1u << MipsFcsr.ConditionBit(cc);
            s->Fcsr = result ? s->Fcsr | bit : s->Fcsr & ~bit;
        }
        return trap;
    }
}
