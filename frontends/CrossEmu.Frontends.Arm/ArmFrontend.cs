using CrossEmu.Frontends.Arm.A32;
using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Arm;

/// <summary>
/// The ARM frontend: lifts A32 (ARM state) code to IR. Thumb state is not supported yet:
/// an interworking branch to Thumb exits with <see cref="UnsupportedFeature.ThumbState"/>.
/// Stateless and safe to share between threads (each Lift uses its own lifter).
/// </summary>
public sealed class ArmFrontend : IGuestFrontend
{
    /// <summary>Guest instructions lifted into one block at most.</summary>
    public const int MaxBlockInsns = 48;

    public GuestStateLayout Layout => ArmRegs.Layout;

    public IrBlock Lift(uint pc, ICodeReader code) => A32Lifter.Lift(pc, code, MaxBlockInsns);

    /// <summary>Lifts at most maxInsns instructions (tests lift exactly the words they placed).</summary>
    public IrBlock Lift(uint pc, ICodeReader code, int maxInsns) => A32Lifter.Lift(pc, code, maxInsns);
}
