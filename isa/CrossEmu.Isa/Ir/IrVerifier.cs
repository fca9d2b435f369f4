using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Ir;

/// <summary>
/// Checks the structural rules of an IR block; returns the problems found. Every lifted block goes
/// through it, so it works by instruction position (Id) and label number, with no hashing.
/// </summary>
public static class IrVerifier
{
    public static List<string> Check(IrBlock block, GuestStateLayout? layout = null)
    {
        var errors = new List<string>();
        var insts = block.Insts;
        // Branches go forward only, so a value dominates a later use unless a branch from before its
        // definition lands between the two: passing a label marks the values its earliest branch skips.
        var firstBranchTo = FirstBranches(block);
        var skipped = new bool[insts.Count];
        var labelsSeen = new bool[block.LabelCount];
        var labelsWanted = new bool[block.LabelCount];
        bool pathOpen = true;
        void Fail(IrInst i, string why) => errors.Add($"%{i.Id} {i.Desc.Name}: {why}");
        bool KnownLabel(IrInst i)
        {
            if (i.Aux >= 0 && i.Aux < block.LabelCount) return true;
            Fail(i, $"label {i.Aux} out of range (the block has {block.LabelCount})");
            return false;
        }

        for (int n = 0; n < insts.Count; n++)
        {
            var i = insts[n];
            var d = i.Desc;
            if (i.Id != n) Fail(i, $"numbered {i.Id} at position {n}");
            if (!pathOpen && i.Op != Opcode.Label) Fail(i, "unreachable: follows an exit with no label between");
            if (i.Type != d.Result) Fail(i, $"result type {i.Type.Name()} but the table says {d.Result.Name()}");
            if (i.Args.Length != d.Args.Length) Fail(i, $"{i.Args.Length} arguments, expected {d.Args.Length}");
            for (int a = 0; a < Math.Min(i.Args.Length, d.Args.Length); a++)
            {
                var v = i.Args[a];
                if (v.Type != d.Args[a]) Fail(i, $"argument {a} is {v.Type.Name()}, expected {d.Args[a].Name()}");
                if (v.Def is { } def && !(def.Id >= 0 && def.Id < n && insts[def.Id] == def && !skipped[def.Id]))
                    Fail(i, $"uses %{def.Id}, not defined on every path to it");
            }
            if (i.Op is Opcode.CarryOf32 or Opcode.OverflowOf32 && i.Args[0].Def?.Op != Opcode.AddC32)
                Fail(i, "argument must be the result of an AddC32");
            if (d.AuxName == "slot" && layout != null)
            {
                if (i.Aux < 0 || i.Aux >= layout.Slots.Count) Fail(i, $"no register slot {i.Aux}");
                else
                {
                    var t = i.HasResult ? i.Type : i.Args[0].Type;
                    if (layout[(int)i.Aux].Type != t) Fail(i, $"slot {layout[(int)i.Aux].Name} is {layout[(int)i.Aux].Type.Name()}, accessed as {t.Name()}");
                }
            }
            switch (i.Op)
            {
                case Opcode.Label when KnownLabel(i):
                    if (labelsSeen[i.Aux]) Fail(i, $"label {i.Aux} defined twice");
                    labelsSeen[i.Aux] = true;
                    for (int k = firstBranchTo[i.Aux] + 1; k < n; k++) skipped[k] = true;
                    pathOpen = true;
                    break;
                case Opcode.Br or Opcode.BrIf when KnownLabel(i):
                    if (labelsSeen[i.Aux]) Fail(i, $"branch back to label {i.Aux}: only forward branches are allowed");
                    labelsWanted[i.Aux] = true;
                    break;
            }
            if (d.Is(OpFlags.Terminator)) pathOpen = false;
        }
        for (int l = 0; l < block.LabelCount; l++)
            if (labelsWanted[l] && !labelsSeen[l]) errors.Add($"label {l} is branched to but never defined");
        if (pathOpen) errors.Add("the block does not end in an exit");
        return errors;
    }

    /// <summary>For each label, the position of the first branch to it (past the end when none does).</summary>
    static int[] FirstBranches(IrBlock block)
    {
        var insts = block.Insts;
        var first = new int[block.LabelCount];
        Array.Fill(first, insts.Count);
        for (int n = 0; n < insts.Count; n++)
            if (insts[n] is { Op: Opcode.Br or Opcode.BrIf } i && i.Aux >= 0 && i.Aux < first.Length && first[i.Aux] > n) first[i.Aux] = n;
        return first;
    }

    public static void Assert(IrBlock block, GuestStateLayout? layout = null)
    {
        var errors = Check(block, layout);
        if (errors.Count > 0)
            throw new InvalidOperationException(
                $"invalid IR for block 0x{block.GuestPc:x8}:\n  " + string.Join("\n  ", errors) + "\n" + IrPrinter.Format(block));
    }
}
