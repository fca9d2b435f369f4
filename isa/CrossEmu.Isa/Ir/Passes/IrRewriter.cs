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
        for (int a = 0; a < inst.Args.Length; a++) inst.Args[a] = Resolve(inst.Args[a]);
    }

    public bool Apply(IrBlock block)
    {
        if (!Changed) return false;
        foreach (var i in block.Insts) RewriteArgs(i);
        block.Insts.RemoveAll(i => removed.Contains(i) || replacements.ContainsKey(i));
        block.Renumber();
        return true;
    }
}
