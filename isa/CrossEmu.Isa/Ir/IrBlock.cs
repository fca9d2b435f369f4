namespace CrossEmu.Isa.Ir;

/// <summary>
/// The IR of one guest basic block: instructions in order, possibly with internal labels
/// (conditional execution), every path ending in an exit.
/// </summary>
public sealed class IrBlock
{
    public readonly uint GuestPc;
    public readonly List<IrInst> Insts = new();
    /// <summary>Guest instructions this block covers, and the guest bytes it was lifted from.</summary>
    public int GuestInsnCount;
    public uint GuestEnd;
    public int LabelCount;

    public IrBlock(uint guestPc) { GuestPc = guestPc; GuestEnd = guestPc; }

    /// <summary>Renumbers instructions after a pass removed some.</summary>
    public void Renumber()
    {
        for (int i = 0; i < Insts.Count; i++) Insts[i].Id = i;
    }

    /// <summary>
    /// A deep copy (passes rewrite blocks in place). Instructions are numbered by position (as the
    /// verifier checks), so the copy of an argument's definition is found by its Id.
    /// </summary>
    public IrBlock Clone()
    {
        var copy = new IrBlock(GuestPc) { GuestInsnCount = GuestInsnCount, GuestEnd = GuestEnd, LabelCount = LabelCount };
        var insts = copy.Insts;
        insts.Capacity = Insts.Count;
        foreach (var i in Insts)
        {
            var args = i.Args.Length == 0 ? i.Args : new Value[i.Args.Length];
            for (int a = 0; a < args.Length; a++)
                args[a] = i.Args[a].Def is { } d ? new Value(insts[d.Id]) : i.Args[a];
            insts.Add(new IrInst(i.Op, i.Type, args, i.Aux, i.Aux2) { Id = insts.Count });
        }
        return copy;
    }

    public override string ToString() => IrPrinter.Format(this);
}
