namespace CrossEmu.Isa.Ir.Passes;

/// <summary>Shared plumbing of the passes: replacing a value everywhere and dropping instructions.</summary>
internal sealed class IrRewriter
{
    readonly Dictionary<IrInst, Value> replacements = new();
    readonly HashSet<IrInst> removed = new();

    public void Replace(IrInst inst, Value with) => replacements[inst] = with;
    public void Remove(IrInst inst) => removed.Add(inst);
    public bool Changed => replacements.Count > 0 || removed.Count > 0;

    public Value Resolve(Value v)
    {
        while (v.Def is { } d && replacements.TryGetValue(d, out var r)) v = r;
        return v;
    }

    /// <summary>Rewrites the args of one instruction (for passes that rewrite as they go).</summary>
    public void RewriteArgs(IrInst inst)
    {
        // A flag op names its AddC32 (whose operands it reads), never a replacement value.
        if (inst.Op is Opcode.CarryOf32 or Opcode.OverflowOf32) return;
        for (int a = 0; a < inst.Args.Length; a++) inst.Args[a] = Resolve(inst.Args[a]);
    }

    public bool Apply(IrBlock block)
    {
        if (!Changed) return false;
        foreach (var i in block.Insts) RewriteArgs(i);
        // A replaced AddC32 stays while a flag op still reads its operands.
        var stillRead = new HashSet<IrInst>(block.Insts.Where(i => !removed.Contains(i) && !replacements.ContainsKey(i))
            .SelectMany(i => i.Args).Where(a => a.Def != null).Select(a => a.Def!));
        block.Insts.RemoveAll(i => removed.Contains(i) || (replacements.ContainsKey(i) && !stillRead.Contains(i)));
        block.Renumber();
        return true;
    }
}
