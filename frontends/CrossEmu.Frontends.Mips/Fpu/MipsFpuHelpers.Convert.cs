using CrossEmu.Isa.Float;

namespace CrossEmu.Frontends.Mips.Fpu;

public static unsafe partial class MipsFpuHelpers
{
    /// <summary>Rounding of a conversion to W: a fixed FpRounding (ROUND/TRUNC/CEIL/FLOOR), or FCSR.RM (CVT.W).</summary>
    public const int RoundByFcsr = 4;

    /// <summary>The word written for NaN and out-of-range operands (legacy MIPS, any sign).</summary>
    const uint WordInvalid = 0x7FFF_FFFF;

    /// <summary>cvt.w.fmt / round.w / trunc.w / ceil.w / floor.w.fmt fd, fs (rounding: FpRounding or RoundByFcsr).</summary>
    public static ulong ToWord(byte* state, ulong regs, ulong d, ulong rounding)
    {
        var s = (MipsCpuState*)state;
        var mode = rounding == RoundByFcsr ? MipsFcsr.Environment(s->Fcsr).Rounding : (FpRounding)rounding;
        double x;
        if (d != 0)
        {
            ulong v = s->GetDouble(Fs(regs));
            x = MipsNaN.IsNaN64(v) ? double.NaN : BitConverter.UInt64BitsToDouble(v);
        }
        else
        {
            uint v = s->F[Fs(regs)];
            x = MipsNaN.IsNaN32(v) ? double.NaN : BitConverter.UInt32BitsToSingle(v);
        }
        var ex = FpExceptions.None;
        uint r = FpConversions.TryToInt32(x, mode, out int w, ref ex) ? (uint)w : WordInvalid;
        return Finish(s, Fd(regs), r, ex);
    }

    /// <summary>Source formats of CvtToSingle / CvtToDouble.</summary>
    public const int FromSingle = 0, FromDouble = 1, FromWord = 2;

    /// <summary>cvt.s.d / cvt.s.w fd, fs.</summary>
    public static ulong CvtToSingle(byte* state, ulong regs, ulong from, ulong _)
    {
        var s = (MipsCpuState*)state;
        var env = MipsFcsr.Environment(s->Fcsr);
        var ex = FpExceptions.None;
        uint r;
        if (from == FromWord)
            r = (uint)FpConversions.FromInt64((int)s->F[Fs(regs)], FpFormat.Single, env, ref ex);
        else
        {
            ulong v = s->GetDouble(Fs(regs));
            if (MipsNaN.IsNaN64(v))
            {
                if (MipsNaN.IsSignaling64(v)) ex |= FpExceptions.Invalid;
                r = MipsNaN.Default32;
            }
            else r = (uint)FpConversions.FromDouble(BitConverter.UInt64BitsToDouble(v), FpFormat.Single, env, ref ex);
        }
        return Finish(s, Fd(regs), r, ex);
    }

    /// <summary>cvt.d.s / cvt.d.w fd, fs (always exact, but a NaN becomes the default NaN).</summary>
    public static ulong CvtToDouble(byte* state, ulong regs, ulong from, ulong _)
    {
        var s = (MipsCpuState*)state;
        var ex = FpExceptions.None;
        uint v = s->F[Fs(regs)];
        ulong r;
        if (from == FromWord)
            r = BitConverter.DoubleToUInt64Bits((int)v);
        else if (MipsNaN.IsNaN32(v))
        {
            if (MipsNaN.IsSignaling32(v)) ex |= FpExceptions.Invalid;
            r = MipsNaN.Default64;
        }
        else r = BitConverter.DoubleToUInt64Bits(BitConverter.UInt32BitsToSingle(v));
        return Finish(s, Fd(regs), r, ex);
    }
}
