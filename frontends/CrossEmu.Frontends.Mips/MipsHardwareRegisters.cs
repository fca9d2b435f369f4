using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips;

/// <summary>IR helpers behind the RDHWR registers that generated code cannot compute itself.</summary>
public static unsafe class MipsHardwareRegisters
{
    public static readonly IrHelper CycleCounter = IrHelpers.Register(typeof(MipsHardwareRegisters), nameof(ReadCycleCounter));

    /// <summary>RDHWR $2 (CC): the guest instructions executed so far (the header counts them per block).</summary>
    public static ulong ReadCycleCounter(byte* state, ulong a, ulong b, ulong c) => ((CpuHeader*)state)->InsnCount;
}
