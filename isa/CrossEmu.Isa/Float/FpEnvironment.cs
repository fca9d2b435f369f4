namespace CrossEmu.Isa.Float;

/// <summary>
/// The mode an operation runs in. FlushToZero replaces results that are tiny before rounding
/// with a zero of the same sign (inputs are never flushed here); FlushRaisesUnderflow says
/// whether that raises Underflow (ARM) or no flag at all (MIPS FCSR.FS as QEMU models it).
/// TininessBeforeRounding selects how underflow is detected (ARM before, MIPS after).
/// </summary>
public readonly record struct FpEnvironment(
    FpRounding Rounding,
    bool FlushToZero = false,
    bool FlushRaisesUnderflow = false,
    bool TininessBeforeRounding = false)
{
    public static readonly FpEnvironment NearestEven = new(FpRounding.NearestEven);
}
