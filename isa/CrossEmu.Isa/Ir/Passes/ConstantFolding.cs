namespace CrossEmu.Isa.Ir.Passes;

/// <summary>
/// Evaluates pure ops on constants (with PureOps, the reference semantics), applies algebraic
/// identities (x+0, x&amp;~0, shifts by 0...), and resolves branches on constant conditions.
/// </summary>
public static class ConstantFolding
{
    public static bool Run(IrBlock block)
    {
        var rw = new IrRewriter(block);
        foreach (var i in block.Insts)
        {
            rw.RewriteArgs(i);
            if (i.Op == Opcode.BrIf && i.Args[0].IsConstant)
            {
                if (i.Args[0].Constant != 0) { i.Op = Opcode.Br; i.Args = Array.Empty<Value>(); }
                else rw.Remove(i);
                continue;
            }
            if (!i.Desc.Is(OpFlags.Pure)) continue;
            var folded = Fold(i);
            if (folded is { } v) rw.Replace(i, v);
        }
        bool changed = rw.Apply();
        return RemoveUnreachable(block) | changed;
    }

    static Value? Fold(IrInst i)
    {
        var args = i.Args;
        if (i.Op is Opcode.CarryOf32 or Opcode.OverflowOf32)
        {
            var add = args[0].Def;
            if (add is null || !AllConstant(add.Args)) return null;
            return Value.Const(i.Type, PureOps.Eval(i.Op, add.Args[0].Constant, add.Args[1].Constant, add.Args[2].Constant));
        }
        if (AllConstant(args))
        {
            ulong a0 = args.Length > 0 ? args[0].Constant : 0, a1 = args.Length > 1 ? args[1].Constant : 0, a2 = args.Length > 2 ? args[2].Constant : 0;
            return Value.Const(i.Type, PureOps.Eval(i.Op, a0, a1, a2));
        }
        return Simplify(i);
    }

    static bool AllConstant(Value[] args)
    {
        foreach (var a in args)
            if (!a.IsConstant) return false;
        return true;
    }

    static bool IsConst(Value v, ulong c) => v.IsConstant && v.Constant == v.Type.Mask(c);

    /// <summary>Identities with one constant operand.</summary>
    static Value? Simplify(IrInst i)
    {
        var a = i.Args;
        switch (i.Op)
        {
            case Opcode.Add32 or Opcode.Or32 or Opcode.Xor32 or Opcode.Add64 or Opcode.Or64 or Opcode.Xor64:
                if (IsConst(a[1], 0)) return a[0];
                if (IsConst(a[0], 0)) return a[1];
                break;
            case Opcode.Sub32 or Opcode.Sub64 or Opcode.Shl32 or Opcode.Shr32 or Opcode.Sar32 or Opcode.Ror32
                or Opcode.Shl64 or Opcode.Shr64 or Opcode.Sar64:
                if (IsConst(a[1], 0)) return a[0];
                break;
            case Opcode.And32 or Opcode.And64:
                if (IsConst(a[1], ulong.MaxValue)) return a[0];
                if (IsConst(a[0], ulong.MaxValue)) return a[1];
                if (IsConst(a[1], 0) || IsConst(a[0], 0)) return Value.Const(i.Type, 0);
                break;
            case Opcode.Mul32 or Opcode.Mul64:
                if (IsConst(a[1], 1)) return a[0];
                if (IsConst(a[0], 1)) return a[1];
                break;
            case Opcode.And1:
                if (IsConst(a[0], 1)) return a[1];
                if (IsConst(a[1], 1)) return a[0];
                if (IsConst(a[0], 0) || IsConst(a[1], 0)) return Value.I1(false);
                break;
            case Opcode.Or1:
                if (IsConst(a[0], 0)) return a[1];
                if (IsConst(a[1], 0)) return a[0];
                if (IsConst(a[0], 1) || IsConst(a[1], 1)) return Value.I1(true);
                break;
            case Opcode.Select1 or Opcode.Select32 or Opcode.Select64:
                if (a[0].IsConstant) return a[0].Constant != 0 ? a[1] : a[2];
                if (a[1] == a[2]) return a[1];
                break;
            case Opcode.Not1:
                if (a[0].Def is { Op: Opcode.Not1 } inner) return inner.Args[0];
                break;
        }
        return null;
    }

    /// <summary>
    /// Drops instructions after an unconditional exit up to the next label that a reachable branch
    /// still targets, and labels nothing branches to. Branches go forward only, so one pass knows,
    /// at each label, every branch that can reach it (a branch in dropped code does not count: a
    /// value defined before the dropped code could otherwise seem to reach the label's uses).
    /// </summary>
    static bool RemoveUnreachable(IrBlock block)
    {
        var targeted = new bool[Math.Max(block.LabelCount, 1)];
        bool dead = false, changed = false;
        var kept = new List<IrInst>(block.Insts.Count);
        foreach (var i in block.Insts)
        {
            if (i.Op == Opcode.Label)
            {
                if (!targeted[i.Aux]) { changed = true; continue; }   // nobody reachable jumps here: a plain fall-through
                dead = false;
            }
            if (dead) { changed = true; continue; }
            kept.Add(i);
            if (i.Op is Opcode.Br or Opcode.BrIf) targeted[i.Aux] = true;
            if (i.Desc.Is(OpFlags.Terminator)) dead = true;
        }
        if (!changed) return false;
        // A label removed above merged two segments: values may now flow across, which is fine.
        block.Insts.Clear();
        block.Insts.AddRange(kept);
        block.Renumber();
        return true;
    }
}
