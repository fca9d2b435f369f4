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

    /// <summary>A deep copy (passes rewrite blocks in place).</summary>
    public IrBlock Clone()
    {
        var copy = new IrBlock(GuestPc) { GuestInsnCount = GuestInsnCount, GuestEnd = GuestEnd, LabelCount = LabelCount };
        var map = new Dictionary<IrInst, IrInst>();
        foreach (var i in Insts)
        {
            var args = i.Args.Select(a => a.Def is { } d ? new Value(map[d]) : a).ToArray();
            var c = new IrInst(i.Op, i.Type, args, i.Aux, i.Aux2) { Id = i.Id };
            map[i] = c;
            copy.Insts.Add(c);
        }
        return copy;
    }

    public override string ToString() => IrPrinter.Format(this);
}
