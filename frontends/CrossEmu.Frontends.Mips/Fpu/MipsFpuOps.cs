using CrossEmu.Isa.Float;

namespace CrossEmu.Frontends.Mips.Fpu;

/// <summary>The operations the FPU helpers combine.</summary>
internal enum MipsFpuOp { Add, Sub, Mul, Div, Sqrt }

/// <summary>
/// One IEEE operation with the MIPS NaN rules on top of Isa.Float: a NaN operand gives the
/// default NaN (Invalid when one is signalling), an invalid operation gives the default NaN.
/// Exceptions accumulate into ex, so multi-step instructions (MADD, RSQRT) report their union.
/// </summary>
internal static class MipsFpuOps
{
    public static uint Single(MipsFpuOp op, uint x, uint y, in FpEnvironment env, ref FpExceptions ex)
    {
        bool unary = op == MipsFpuOp.Sqrt;
        if (MipsNaN.IsNaN32(x) || (!unary && MipsNaN.IsNaN32(y)))
        {
            if (MipsNaN.IsSignaling32(x) || (!unary && MipsNaN.IsSignaling32(y))) ex |= FpExceptions.Invalid;
            return MipsNaN.Default32;
        }
        double a = BitConverter.UInt32BitsToSingle(x), b = BitConverter.UInt32BitsToSingle(y);
        var own = FpExceptions.None;
        uint r = (uint)Compute(op, a, b, FpFormat.Single, env, ref own);
        ex |= own;
        return (own & FpExceptions.Invalid) != 0 ? MipsNaN.Default32 : r;
    }

    public static ulong Double(MipsFpuOp op, ulong x, ulong y, in FpEnvironment env, ref FpExceptions ex)
    {
        bool unary = op == MipsFpuOp.Sqrt;
        if (MipsNaN.IsNaN64(x) || (!unary && MipsNaN.IsNaN64(y)))
        {
            if (MipsNaN.IsSignaling64(x) || (!unary && MipsNaN.IsSignaling64(y))) ex |= FpExceptions.Invalid;
            return MipsNaN.Default64;
        }
        double a = BitConverter.UInt64BitsToDouble(x), b = BitConverter.UInt64BitsToDouble(y);
        var own = FpExceptions.None;
        ulong r = Compute(op, a, b, FpFormat.Double, env, ref own);
        ex |= own;
        return (own & FpExceptions.Invalid) != 0 ? MipsNaN.Default64 : r;
    }

    static ulong Compute(MipsFpuOp op, double a, double b, FpFormat f, in FpEnvironment env, ref FpExceptions ex) => op switch
    {
        MipsFpuOp.Add => FpArithmetic.Add(a, b, f, env, ref ex),
        MipsFpuOp.Sub => FpArithmetic.Sub(a, b, f, env, ref ex),
        MipsFpuOp.Mul => FpArithmetic.Mul(a, b, f, env, ref ex),
        MipsFpuOp.Div => FpArithmetic.Div(a, b, f, env, ref ex),
        _ => FpArithmetic.Sqrt(a, f, env, ref ex),
    };
}
