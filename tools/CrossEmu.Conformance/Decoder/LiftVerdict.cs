using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Conformance.Decoder;

static class LiftVerdict
{
    /// <summary>True unless the block raises an undefined-instruction exit for the instruction at pc.</summary>
    public static bool Defined(IrBlock block, uint pc) =>
        !block.Insts.Any(i => i.Op == Opcode.ExitTrap && i.Aux == (long)ExitReason.Undefined && i.Aux2 == pc);
}
