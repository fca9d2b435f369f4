namespace CrossEmu.Isa.Ir.Passes;

/// <summary>Removes instructions whose results nobody uses and that have no effect and cannot fault.</summary>
public static class DeadCodeElimination
{
    public static bool Run(IrBlock block)
    {
        var rw = new IrRewriter(block);   // numbers the instructions: uses is indexed by Id
        var uses = new int[block.Insts.Count];
        foreach (var i in block.Insts)
            foreach (var a in i.Args)
                if (a.Def is { } d) uses[d.Id]++;

        // Walk backwards so a chain of dead values goes in one sweep.
        for (int n = block.Insts.Count - 1; n >= 0; n--)
        {
            var i = block.Insts[n];
            if (!i.HasResult || i.Desc.Is(OpFlags.SideEffect | OpFlags.MayFault)) continue;
            if (uses[i.Id] > 0) continue;
            rw.Remove(i);
            foreach (var a in i.Args)
                if (a.Def is { } d) uses[d.Id]--;
        }
        return rw.Apply();
    }
}
