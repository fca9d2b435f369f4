namespace CrossEmu.Isa.Ir.Passes;

/// <summary>Removes instructions whose results nobody uses and that have no effect and cannot fault.</summary>
public static class DeadCodeElimination
{
    public static bool Run(IrBlock block)
    {
        var uses = new Dictionary<IrInst, int>();
        foreach (var i in block.Insts)
            foreach (var a in i.Args)
                if (a.Def is { } d) uses[d] = uses.GetValueOrDefault(d) + 1;

        var rw = new IrRewriter();
        // Walk backwards so a chain of dead values goes in one sweep.
        for (int n = block.Insts.Count - 1; n >= 0; n--)
        {
            var i = block.Insts[n];
            if (!i.HasResult || i.Desc.Is(OpFlags.SideEffect | OpFlags.MayFault)) continue;
            if (uses.GetValueOrDefault(i) > 0) continue;
            rw.Remove(i);
            foreach (var a in i.Args)
                if (a.Def is { } d) uses[d]--;
        }
        return rw.Apply(block);
    }
}
