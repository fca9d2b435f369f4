using CrossEmu.Isa.Float;

namespace CrossEmu.Frontends.Mips.Fpu;

/// <summary>
/// The CP1 control registers as qemu-mipsel's 24Kf has them. FCSR (31): RM 1:0, flags 6:2,
/// enables 11:7, cause 17:12 (bit 17 E, unimplemented operation: always enabled), cc0 23,
/// FS 24, cc1..cc7 31:25; bits 22:18 read as zero. FCCR (25), FEXR (26) and FENR (28) are
/// views of FCSR. Cause, flag and enable fields share the bit order of FpExceptions (I U O Z V).
/// </summary>
public static class MipsFcsr
{
    /// <summary>FIR (CP1 register 0): F64, L, W, D, S implemented; processor id 0x93.</summary>
    public const uint Fir = 0x0073_9300;

    public const int FirReg = 0, FccrReg = 25, FexrReg = 26, FenrReg = 28, FcsrReg = 31;

    public const uint WritableMask = 0xFF83_FFFF;
    public const uint CauseMask = 0x3_F000, FlagsMask = 0x7C, EnablesMask = 0xF80;
    public const uint UnimplementedCause = 0x2_0000;
    public const uint FlushToZero = 1u << 24;
    public const int CauseShift = 12, FlagsShift = 2, EnablesShift = 7;

    /// <summary>The FCSR bit of condition code cc (0..7).</summary>
    public static int ConditionBit(int cc) => cc == 0 ? 23 : 24 + cc;

    /// <summary>FCSR.RM uses the order of FpRounding; FS flushes tiny results to zero without a flag, as QEMU does.</summary>
    public static FpEnvironment Environment(uint fcsr) =>
        new((FpRounding)(fcsr & 3), FlushToZero: (fcsr & FlushToZero) != 0);

    /// <summary>
    /// Records an instruction's exceptions the way the hardware does: the cause field becomes
    /// exactly this instruction's exceptions; if one of them is enabled the instruction traps
    /// (flags are left alone and the caller must not write its destination), otherwise they
    /// are added to the sticky flags. Returns the cause field when trapping, else 0.
    /// </summary>
    public static unsafe uint Commit(MipsCpuState* s, FpExceptions ex)
    {
        uint cause = (uint)ex & 0x1F;
        uint fcsr = (s->Fcsr & ~CauseMask) | cause << CauseShift;
        bool trap = (cause & (fcsr >> EnablesShift)) != 0;
        if (!trap) fcsr |= cause << FlagsShift;
        s->Fcsr = fcsr;
        return trap ? cause : 0;
    }
}
