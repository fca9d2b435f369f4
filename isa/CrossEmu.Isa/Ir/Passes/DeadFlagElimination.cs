using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Ir.Passes;

/// <summary>
/// Flags (I1 guest registers) are set by most ALU instructions and read by few. This pass runs
/// a backward liveness analysis over the whole block, across its internal labels, and drops
/// flag stores that are overwritten on every path before anything reads them. Exits and fault
/// points read every flag, so the guest state stays exact where it can be observed. The flag
/// computations that fed the dropped stores then die in dead code elimination.
/// </summary>
public static class DeadFlagElimination
{
    public static bool Run(IrBlock block, GuestStateLayout layout)
    {
        int flags = layout.FlagCount;
        if (flags == 0 || flags > 64) return false;
        ulong all = flags == 64 ? ulong.MaxValue : (1UL << flags) - 1;

        var liveAtLabel = new Dictionary<long, ulong>();
        var rw = new IrRewriter(block);
        ulong live = all;
        for (int n = block.Insts.Count - 1; n >= 0; n--)
        {
            var i = block.Insts[n];
            switch (i.Op)
            {
                case Opcode.Label: liveAtLabel[i.Aux] = live; continue;
                case Opcode.Br: live = liveAtLabel.GetValueOrDefault(i.Aux, all); continue;
                case Opcode.BrIf: live |= liveAtLabel.GetValueOrDefault(i.Aux, all); continue;
                case Opcode.GetReg1 when layout.FlagBitOf(i.Aux) is >= 0 and var rb: live |= 1UL << rb; continue;
                case Opcode.SetReg1 when layout.FlagBitOf(i.Aux) is >= 0 and var wb:
                    if ((live & (1UL << wb)) == 0) rw.Remove(i);
                    else live &= ~(1UL << wb);
                    continue;
            }
            if (i.Desc.Is(OpFlags.Terminator | OpFlags.MayFault)) live = all;
        }
        return rw.Apply();
    }
}
