namespace CrossEmu.Isa.Ir.Passes;

/// <summary>
/// Shared plumbing of the passes: replacing a value everywhere and dropping instructions. Its
/// tables are arrays indexed by instruction Id (the block is renumbered first): every block of a
/// hot region goes through six passes on the compile thread, so each pass should cost little.
/// </summary>
internal sealed class IrRewriter
{
    readonly IrBlock block;
    readonly Value[] replacement;
    readonly bool[] replaced, removed;
    bool changed;

    public IrRewriter(IrBlock block)
    {
        this.block = block;
        block.Renumber();
        int n = block.Insts.Count;
        replacement = new Value[n];
        replaced = new bool[n];
        removed = new bool[n];
    }

    public void Replace(IrInst inst, Value with)
    {
        replacement[inst.Id] = with;
        replaced[inst.Id] = true;
        changed = true;
    }

    public void Remove(IrInst inst)
    {
        removed[inst.Id] = true;
        changed = true;
    }

    public bool Changed => changed;

    public Value Resolve(Value v)
    {
        while (v.Def is { } d && replaced[d.Id]) v = replacement[d.Id];
        return v;
    }

    /// <summary>Rewrites the args of one instruction (for passes that rewrite as they go).</summary>
    public void RewriteArgs(IrInst inst)
    {
        // A flag op names its AddC32 (whose operands it reads), never a replacement value.
        if (inst.Op is Opcode.CarryOf32 or Opcode.OverflowOf32) return;
        var args = inst.Args;
        for (int a = 0; a < args.Length; a++)
            if (args[a].Def is { } d && replaced[d.Id]) args[a] = Resolve(args[a]);
    }

    /// <summary>Rewrites every use and drops what was removed or replaced; false when nothing changed.</summary>
    public bool Apply()
    {
        if (!changed) return false;
        var insts = block.Insts;
        foreach (var i in insts) RewriteArgs(i);
        // A replaced AddC32 stays while a flag op still reads its operands.
        var stillRead = new bool[replaced.Length];
        foreach (var i in insts)
        {
            if (removed[i.Id] || replaced[i.Id]) continue;
            foreach (var a in i.Args)
                if (a.Def is { } d) stillRead[d.Id] = true;
        }
        insts.RemoveAll(i => removed[i.Id] || (replaced[i.Id] && !stillRead[i.Id]));
        block.Renumber();
        return true;
    }
}
