namespace CrossEmu.Isa.Ir.Passes;

/// <summary>
/// Within a segment (the code between labels): a GetReg after a SetReg or GetReg of the same
/// slot reuses the known value, and a SetReg overwritten by a later SetReg of the same slot,
/// with no read, fault point or exit between, is dropped. Fault points keep guest state exact.
/// </summary>
public static class RegisterAccessElimination
{
    public static bool Run(IrBlock block)
    {
        var rw = new IrRewriter(block);
        var known = new Dictionary<long, Value>();          // slot -> current value
        var pendingStore = new Dictionary<long, IrInst>();  // slot -> SetReg not yet observed
        foreach (var i in block.Insts)
        {
            rw.RewriteArgs(i);
            switch (i.Op)
            {
                case Opcode.GetReg1 or Opcode.GetReg32 or Opcode.GetReg64:
                    if (known.TryGetValue(i.Aux, out var v)) rw.Replace(i, v);
                    else known[i.Aux] = i.Result;
                    pendingStore.Remove(i.Aux);
                    continue;
                case Opcode.SetReg1 or Opcode.SetReg32 or Opcode.SetReg64:
                    if (pendingStore.TryGetValue(i.Aux, out var earlier)) rw.Remove(earlier);
                    pendingStore[i.Aux] = i;
                    known[i.Aux] = i.Args[0];
                    continue;
                case Opcode.Label or Opcode.CallHelper:
                    // a label joins paths; a helper may write any slot
                    known.Clear();
                    pendingStore.Clear();
                    if (i.Op == Opcode.Label) continue;
                    break;
            }
            var d = i.Desc;
            // Anything that can observe guest state ends the window for dropping stores.
            if (d.Is(OpFlags.MayFault | OpFlags.Terminator) || i.Op == Opcode.BrIf || (d.Is(OpFlags.SideEffect) && i.Op != Opcode.InsnStart))
                pendingStore.Clear();
        }
        return rw.Apply();
    }
}
