using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// SYSCALL, the cache hints that are no-ops for a user-mode emulator (PREF, SYNCI), and RDHWR
/// with the values qemu-mipsel gives for its default CPU (24Kf), except the cycle counter,
/// which counts guest instructions (qemu-user always reads 0).
/// </summary>
internal sealed partial class MipsLifter
{
    /// <summary>RDHWR $1 (SYNCI_Step: the cache line size SYNCI works on) and $3 (CCRes).</summary>
    const uint SynciStep = 32, CycleCounterResolution = 2;

    // syscall code (the runtime resumes at the next instruction)
    public bool Trans_SYSCALL(ref Mips32Arg_SYSCALL a)
    {
        b.ExitTrap(Imm32(a.code), (long)ExitReason.Syscall, pc + 4);
        endsBlock = true;
        return true;
    }

    // pref hint, offset(base): a hint, never faults
    public bool Trans_PREF(ref Mips32Arg_rri a) => true;

    // synci offset(base): caches are coherent here; the block ends so that code written
    // before it is fetched afresh
    public bool Trans_SYNCI(ref Mips32Arg_ri a)
    {
        endsBlock = true;
        return true;
    }

    // rdhwr rt, rd: $0 CPUNum, $1 SYNCI_Step, $2 CC, $3 CCRes, $29 UserLocal
    public bool Trans_RDHWR(ref Mips32Arg_rtd a)
    {
        Value v;
        switch (a.rd)
        {
            case 0: v = Imm32(0); break;
            case 1: v = Imm32(SynciStep); break;
            case 2: v = b.Lo64To32(b.Call(MipsHardwareRegisters.CycleCounter)); break;
            case 3: v = Imm32(CycleCounterResolution); break;
            case 29: v = b.GetReg32(MipsRegs.UserLocal); break;
            default: return false;
        }
        SetR(a.rt, v);
        return true;
    }
}
