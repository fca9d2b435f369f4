namespace CrossEmu.Isa.Ir.Passes;

/// <summary>
/// A conditional trap on `(x & m) != 0` that did not fire proves that x is aligned to m + 1 from
/// there on. With x = root + c and c a multiple of m + 1, the root is aligned too, so a later
/// such trap on root + c' (c' also a multiple) cannot fire and is dropped: the alignment checks
/// of sp-relative loads and stores after the first one go away. Facts end at labels (paths join).
/// </summary>
public static class RedundantTrapElimination
{
    public static bool Run(IrBlock block)
    {
        var rw = new IrRewriter(block);
        var alignedMask = new Dictionary<IrInst, uint>();   // root -> low bits known to be zero
        foreach (var i in block.Insts)
        {
            if (i.Op == Opcode.Label) { alignedMask.Clear(); continue; }
            if (i.Op != Opcode.ExitTrapIf || !MatchMisaligned(i.Args[1], out var root, out uint offset, out uint mask)) continue;
            if ((offset & mask) != 0) continue;
            if (alignedMask.TryGetValue(root, out uint known) && (known & mask) == mask) rw.Remove(i);
            else alignedMask[root] = known | mask;
        }
        return rw.Apply();
    }

    /// <summary>cond = Ne32(And32(root + offset, mask), 0) with a low-bits mask (1, 3, 7...).</summary>
    static bool MatchMisaligned(Value cond, out IrInst root, out uint offset, out uint mask)
    {
        root = null!; offset = 0; mask = 0;
        if (cond.Def is not { Op: Opcode.Ne32 } ne || !IsConstant(ne.Args[1], 0)) return false;
        if (ne.Args[0].Def is not { Op: Opcode.And32 } and || !and.Args[1].IsConstant) return false;
        mask = (uint)and.Args[1].Constant;
        if (mask == 0 || (mask & (mask + 1)) != 0) return false;
        var v = and.Args[0];
        for (int depth = 0; depth < 8 && v.Def is { Op: Opcode.Add32 } add && add.Args[1].IsConstant; depth++)
        {
            offset += (uint)add.Args[1].Constant;
            v = add.Args[0];
        }
        if (v.Def is not { } r) return false;
        root = r;
        return true;
    }

    static bool IsConstant(Value v, uint c) => v.IsConstant && (uint)v.Constant == c;
}
