using CrossEmu.Isa.Float;

namespace CrossEmu.Frontends.Mips.Fpu;

/// <summary>
/// The IR helpers of the FPU. Each one carries out a whole instruction on the guest state:
/// regs packs the register numbers (fd | fs &lt;&lt; 8 | ft &lt;&lt; 16 | fr &lt;&lt; 24), d selects
/// the format (0 S, 1 D; a D operand n is the pair n &amp; ~1, n | 1). A helper updates FCSR and
/// writes its destination, or, when an enabled exception traps, leaves the destination alone
/// and returns the cause field (nonzero) for the lifter to raise ExitReason.FloatingPoint.
/// </summary>
public static unsafe partial class MipsFpuHelpers
{
    public static int Pack(int fd, int fs, int ft = 0, int fr = 0) => fd | fs << 8 | ft << 16 | fr << 24;

    static int Fd(ulong regs) => (int)(regs & 31);
    static int Fs(ulong regs) => (int)((regs >> 8) & 31);
    static int Ft(ulong regs) => (int)((regs >> 16) & 31);
    static int Fr(ulong regs) => (int)((regs >> 24) & 31);

    public static ulong Add(byte* state, ulong regs, ulong d, ulong _) => Binary((MipsCpuState*)state, MipsFpuOp.Add, regs, d);
    public static ulong Sub(byte* state, ulong regs, ulong d, ulong _) => Binary((MipsCpuState*)state, MipsFpuOp.Sub, regs, d);
    public static ulong Mul(byte* state, ulong regs, ulong d, ulong _) => Binary((MipsCpuState*)state, MipsFpuOp.Mul, regs, d);
    public static ulong Div(byte* state, ulong regs, ulong d, ulong _) => Binary((MipsCpuState*)state, MipsFpuOp.Div, regs, d);
    public static ulong Sqrt(byte* state, ulong regs, ulong d, ulong _) => Binary((MipsCpuState*)state, MipsFpuOp.Sqrt, regs, d);

    /// <summary>recip.fmt: 1 / fs, rounded once.</summary>
    public static ulong Recip(byte* state, ulong regs, ulong d, ulong _)
    {
        var s = (MipsCpuState*)state;
        var env = MipsFcsr.Environment(s->Fcsr);
        var ex = FpExceptions.None;
        return d != 0
            ? Finish(s, Fd(regs), MipsFpuOps.Double(MipsFpuOp.Div, One64, s->GetDouble(Fs(regs)), env, ref ex), ex)
            : Finish(s, Fd(regs), MipsFpuOps.Single(MipsFpuOp.Div, One32, s->F[Fs(regs)], env, ref ex), ex);
    }

    /// <summary>rsqrt.fmt: 1 / sqrt(fs), rounded after the root and again after the division (as QEMU).</summary>
    public static ulong Rsqrt(byte* state, ulong regs, ulong d, ulong _)
    {
        var s = (MipsCpuState*)state;
        var env = MipsFcsr.Environment(s->Fcsr);
        var ex = FpExceptions.None;
        if (d != 0)
        {
            ulong root = MipsFpuOps.Double(MipsFpuOp.Sqrt, s->GetDouble(Fs(regs)), 0, env, ref ex);
            return Finish(s, Fd(regs), MipsFpuOps.Double(MipsFpuOp.Div, One64, root, env, ref ex), ex);
        }
        uint r = MipsFpuOps.Single(MipsFpuOp.Sqrt, s->F[Fs(regs)], 0, env, ref ex);
        return Finish(s, Fd(regs), MipsFpuOps.Single(MipsFpuOp.Div, One32, r, env, ref ex), ex);
    }

    /// <summary>
    /// madd/msub/nmadd/nmsub.fmt fd, fr, fs, ft (kind 0..3): fs * ft rounded, then ± fr rounded
    /// (the 24Kf does not fuse); the N forms negate the result, a NaN included.
    /// </summary>
    public static ulong MulAdd(byte* state, ulong regs, ulong d, ulong kind)
    {
        var s = (MipsCpuState*)state;
        var env = MipsFcsr.Environment(s->Fcsr);
        var ex = FpExceptions.None;
        var second = (kind & 1) != 0 ? MipsFpuOp.Sub : MipsFpuOp.Add;
        bool negate = (kind & 2) != 0;
        if (d != 0)
        {
            ulong p = MipsFpuOps.Double(MipsFpuOp.Mul, s->GetDouble(Fs(regs)), s->GetDouble(Ft(regs)), env, ref ex);
            ulong r = MipsFpuOps.Double(second, p, s->GetDouble(Fr(regs)), env, ref ex);
            return Finish(s, Fd(regs), negate ? r ^ 1UL << 63 : r, ex);
        }
        uint p32 = MipsFpuOps.Single(MipsFpuOp.Mul, s->F[Fs(regs)], s->F[Ft(regs)], env, ref ex);
        uint r32 = MipsFpuOps.Single(second, p32, s->F[Fr(regs)], env, ref ex);
        return Finish(s, Fd(regs), negate ? r32 ^ 1u << 31 : r32, ex);
    }

    const uint One32 = 0x3F80_0000;
    const ulong One64 = 0x3FF0_0000_0000_0000;

    static ulong Binary(MipsCpuState* s, MipsFpuOp op, ulong regs, ulong d)
    {
        var env = MipsFcsr.Environment(s->Fcsr);
        var ex = FpExceptions.None;
        return d != 0
            ? Finish(s, Fd(regs), MipsFpuOps.Double(op, s->GetDouble(Fs(regs)), s->GetDouble(Ft(regs)), env, ref ex), ex)
            : Finish(s, Fd(regs), MipsFpuOps.Single(op, s->F[Fs(regs)], s->F[Ft(regs)], env, ref ex), ex);
    }

    /// <summary>Commits the exceptions; writes the single result unless the instruction traps.</summary>
    static ulong Finish(MipsCpuState* s, int fd, uint r, FpExceptions ex)
    {
        uint trap = MipsFcsr.Commit(s, ex);
        if (trap == 0) s->F[fd] = r;
        return trap;
    }

    /// <summary>Commits the exceptions; writes the double result (the pair of fd) unless the instruction traps.</summary>
    static ulong Finish(MipsCpuState* s, int fd, ulong r, FpExceptions ex)
    {
        uint trap = MipsFcsr.Commit(s, ex);
        if (trap == 0) s->SetDouble(fd, r);
        return trap;
    }
}
