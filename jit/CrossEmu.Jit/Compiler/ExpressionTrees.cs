using CrossEmu.Isa.Ir;

namespace CrossEmu.Jit.Compiler;

/// <summary>
/// Plans which IR values of a block are emitted as part of the IL expression that uses them
/// instead of through a local of their own. RyuJIT builds its trees from the IL stack: a value
/// stored to a (pooled, many-times-assigned) local and loaded once was a local to allocate and
/// copy, and RyuJIT could not forward it into its use (sha256's round loop was a third register
/// moves). A value is inlined when it is pure (or a guest register read that nothing writes
/// before the use), it has exactly one use, and that use is an op whose lowering loads each of
/// its arguments once, in order (not a memory access, which loads its address several times and
/// again in its out-of-line stubs). The IR is not changed: this is a compiler detail.
/// </summary>
internal sealed class ExpressionTrees
{
    /// <summary>Values emitted at their use.</summary>
    public readonly HashSet<IrInst> Inline = new();
    /// <summary>Position (instruction Id) after which a value's local is no longer read.</summary>
    public readonly Dictionary<IrInst, int> LastUse = new();
    /// <summary>Values whose local can be reused once the instruction at a position is emitted.</summary>
    public readonly Dictionary<int, List<IrInst>> ReleasedAt = new();

    /// <summary>The IR values an instruction reads (flag ops read their AddC32's operands).</summary>
    public static IEnumerable<Value> Reads(IrInst i) =>
        i.Op is Opcode.CarryOf32 or Opcode.OverflowOf32 ? i.Args[0].Def!.Args : i.Args;

    public static ExpressionTrees Plan(IrBlock block, bool enabled)
    {
        var plan = new ExpressionTrees();
        var insts = block.Insts;
        var uses = new Dictionary<IrInst, int>();
        var user = new Dictionary<IrInst, IrInst>();
        foreach (var i in insts)
            foreach (var a in Reads(i))
                if (a.Def is { } d) { uses[d] = uses.GetValueOrDefault(d) + 1; user[d] = i; }

        // An inlined value is emitted, and its arguments read, where its use is emitted.
        int EmittedAt(IrInst i) { while (plan.Inline.Contains(i)) i = user[i]; return i.Id; }

        // Last to first, so that a value's use already knows where it will be emitted (a chain of
        // inlined uses may carry a register read past a write of that register).
        if (enabled)
            for (int k = insts.Count - 1; k >= 0; k--)
            {
                var d = insts[k];
                if (uses.GetValueOrDefault(d) == 1 && IsMovable(d) && LoadsArgsOnce(user[d])
                    && ReferencesDirectly(user[d], d) && NothingWritesBetween(insts, d, EmittedAt(user[d])))
                    plan.Inline.Add(d);
            }
        foreach (var i in insts)
        {
            int at = EmittedAt(i);
            foreach (var a in Reads(i))
                if (a.Def is { } d && !plan.Inline.Contains(d))
                    plan.LastUse[d] = Math.Max(plan.LastUse.GetValueOrDefault(d), at);
        }
        foreach (var (d, at) in plan.LastUse)
        {
            if (!plan.ReleasedAt.TryGetValue(at, out var list)) plan.ReleasedAt[at] = list = new List<IrInst>();
            list.Add(d);
        }
        return plan;
    }

    /// <summary>Whether a value may be computed later than where it stands.</summary>
    static bool IsMovable(IrInst d) =>
        d.HasResult && (d.Op is Opcode.GetReg1 or Opcode.GetReg32 or Opcode.GetReg64
            || (d.Desc.Is(OpFlags.Pure) && d.Op is not (Opcode.CarryOf32 or Opcode.OverflowOf32)));

    /// <summary>Lowerings that load each argument exactly once, in argument order, inline.</summary>
    static bool LoadsArgsOnce(IrInst user) =>
        user.Op is Opcode.SetReg1 or Opcode.SetReg32 or Opcode.SetReg64 or Opcode.BrIf or Opcode.ExitIndirect
        || (user.Desc.Is(OpFlags.Pure) && user.Op is not (Opcode.CarryOf32 or Opcode.OverflowOf32));

    /// <summary>The one use is an argument of the user (not a read through a flag op).</summary>
    static bool ReferencesDirectly(IrInst user, IrInst d)
    {
        foreach (var a in user.Args) if (a.Def == d) return true;
        return false;
    }

    /// <summary>A guest register read moves to where its use is emitted only if no write of that register (or a
    /// helper, which may write any) comes between; pure values read only values, which never change.</summary>
    static bool NothingWritesBetween(List<IrInst> insts, IrInst d, int emittedAt)
    {
        if (d.Op is not (Opcode.GetReg1 or Opcode.GetReg32 or Opcode.GetReg64)) return true;
        for (int k = d.Id + 1; k < emittedAt; k++)
        {
            var i = insts[k];
            if (i.Op == Opcode.CallHelper) return false;
            if (i.Op is Opcode.SetReg1 or Opcode.SetReg32 or Opcode.SetReg64 && i.Aux == d.Aux) return false;
        }
        return true;
    }
}
