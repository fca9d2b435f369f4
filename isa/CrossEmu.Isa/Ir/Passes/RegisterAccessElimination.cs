namespace CrossEmu.Isa.Ir.Passes;

/// <summary>
/// A GetReg where the register's value is known (set or read before on every path to it) reuses
/// that value, and a SetReg overwritten by a later SetReg of the same slot, with no read, fault
/// point or exit between, is dropped. Known values flow across labels: a label keeps those that
/// every branch to it and the fall-through agree on (a conditional instruction's skip branch
/// leaves the flags as they were, so the instructions after it read the compare's values and the
/// compare folds; see CompareFolding). Dropping stores stays within a segment. Fault points keep
/// guest state exact.
/// </summary>
public static class RegisterAccessElimination
{
    public static bool Run(IrBlock block)
    {
        var rw = new IrRewriter(block);
        var known = new Dictionary<long, Value>();          // slot -> current value
        var pendingStore = new Dictionary<long, IrInst>();  // slot -> SetReg not yet observed
        var knownAtLabel = new Dictionary<long, Dictionary<long, Value>>();
        bool pathOpen = true;
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
                case Opcode.Br or Opcode.BrIf:
                    MeetAt(knownAtLabel, i.Aux, known);
                    break;
                case Opcode.Label:
                    known = Join(known, pathOpen, knownAtLabel.GetValueOrDefault(i.Aux));
                    pendingStore.Clear();
                    pathOpen = true;
                    continue;
                case Opcode.CallHelper:
                    known.Clear();   // a helper may write any slot
                    pendingStore.Clear();
                    break;
            }
            var d = i.Desc;
            // Anything that can observe guest state ends the window for dropping stores.
            if (d.Is(OpFlags.MayFault | OpFlags.Terminator) || i.Op == Opcode.BrIf || (d.Is(OpFlags.SideEffect) && i.Op != Opcode.InsnStart))
                pendingStore.Clear();
            if (d.Is(OpFlags.Terminator)) pathOpen = false;
        }
        return rw.Apply();
    }

    /// <summary>A branch to a label: the label keeps the values this path agrees on with the earlier ones.</summary>
    static void MeetAt(Dictionary<long, Dictionary<long, Value>> knownAtLabel, long label, Dictionary<long, Value> known)
    {
        if (!knownAtLabel.TryGetValue(label, out var atLabel)) knownAtLabel[label] = new Dictionary<long, Value>(known);
        else Intersect(atLabel, known);
    }

    /// <summary>What is known after a label: the branches' common values, and the fall-through's if it is open.</summary>
    static Dictionary<long, Value> Join(Dictionary<long, Value> fallThrough, bool pathOpen, Dictionary<long, Value>? branches)
    {
        if (!pathOpen) return branches ?? new Dictionary<long, Value>();
        if (branches != null) Intersect(fallThrough, branches);
        return fallThrough;
    }

    static void Intersect(Dictionary<long, Value> into, Dictionary<long, Value> other)
    {
        List<long>? drop = null;
        foreach (var (slot, value) in into)
            if (!other.TryGetValue(slot, out var v) || v != value) (drop ??= new List<long>()).Add(slot);
        if (drop != null) foreach (var slot in drop) into.Remove(slot);
    }
}
