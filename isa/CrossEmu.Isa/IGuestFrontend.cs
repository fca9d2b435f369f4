using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Isa;

/// <summary>What the execution engine needs from an ISA frontend.</summary>
public interface IGuestFrontend
{
    /// <summary>The CPU state the lifted IR reads and writes.</summary>
    GuestStateLayout Layout { get; }

    /// <summary>
    /// Lifts the guest basic block starting at pc. Every path of the result ends in an exit.
    /// A pc the guest cannot execute yields a block that exits with a memory fault at pc.
    /// </summary>
    IrBlock Lift(uint pc, ICodeReader code);

    /// <summary>
    /// Lifts at most maxInstructions guest instructions from pc (a debugger steps one at a time;
    /// a MIPS branch and its delay slot count as one step, as in QEMU).
    /// </summary>
    IrBlock Lift(uint pc, ICodeReader code, int maxInstructions) =>
        throw new NotSupportedException($"{GetType().Name} cannot lift bounded blocks");
}
