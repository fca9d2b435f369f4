using CrossEmu.Isa.Ir;

namespace CrossEmu.Jit.Compiler;

/// <summary>One permission check for a group of accesses, placed at the group's first access:
/// bytes [first + Lo, first + Hi) relative to that access's address, writable when Write.</summary>
internal readonly record struct AccessGuard(long Lo, long Hi, bool Write);

/// <summary>
/// Plans which guest memory accesses of a block share one permission check. Accesses through
/// the same base value plus constant offsets (sp + 8, sp + 12...; or constant addresses), with no
/// label between them, that together span at most one page, are checked once, at the first of
/// them, for the whole span (both end pages). When that check fails the compiled code leaves at
/// the first access with ExitReason.Deoptimize and the interpreter runs on from there, so a fault
/// is still reported by the exact instruction. An address aligned down from base + offset (MIPS
/// LWL/LWR and their kind: (base + c) &amp; ~3) touches bytes somewhere in [c - 3, c + size): the
/// group covers that whole range, and when its first access is such an address, the check is
/// widened by the bytes the alignment may have dropped (it is anchored on that address). The IR
/// is not changed: this is a compiler detail.
/// </summary>
internal sealed class AccessGuards
{
    public static readonly AccessGuards None = new();

    /// <summary>The guard to emit before an access (the first of its group).</summary>
    public readonly Dictionary<IrInst, AccessGuard> GuardAt = new();
    /// <summary>Accesses whose own check a group guard replaces.</summary>
    public readonly HashSet<IrInst> Covered = new();

    const long MaxSpan = 4096;

    sealed class Group
    {
        public required IrInst First;
        public required long FirstOffset;
        /// <summary>How far below base + FirstOffset the first access's address may be (its alignment mask).</summary>
        public required long FirstSlop;
        public long Lo, Hi;
        public bool Write;
        public readonly List<IrInst> Members = new();
    }

    /// <summary>Plans a block; groupsAllowedAt(pc) says whether a group may start at a guest pc.</summary>
    public static AccessGuards Plan(IrBlock block, Func<uint, bool> groupsAllowedAt)
    {
        var plan = new AccessGuards();
        var open = new Dictionary<IrInst, Group>();   // root (or the sentinel for constants) -> group
        var constantRoot = new IrInst(Opcode.Label, IrType.Void, [], 0, 0);
        uint pc = block.GuestPc;
        foreach (var i in block.Insts)
        {
            if (i.Op == Opcode.InsnStart) { pc = (uint)i.Aux; continue; }
            if (i.Op == Opcode.Label)
            {
                // paths join here: a guard before the label does not cover what follows it
                foreach (var g in open.Values) plan.Close(g);
                open.Clear();
                continue;
            }
            int size = PlainAccessSize(i.Op, out bool write);
            if (size == 0) continue;
            var (root, offset, slop) = Decompose(i.Args[0]);
            root ??= constantRoot;
            long lo = offset - slop;
            if (open.TryGetValue(root, out var group)
                && Math.Max(group.Hi, offset + size) - Math.Min(group.Lo, lo) + group.FirstSlop <= MaxSpan)
            {
                group.Lo = Math.Min(group.Lo, lo);
                group.Hi = Math.Max(group.Hi, offset + size);
                group.Write |= write;
                group.Members.Add(i);
                continue;
            }
            if (group != null) plan.Close(group);
            open.Remove(root);
            if (!groupsAllowedAt(pc)) continue;
            var fresh = new Group { First = i, FirstOffset = offset, FirstSlop = slop, Lo = lo, Hi = offset + size, Write = write };
            fresh.Members.Add(i);
            open[root] = fresh;
        }
        foreach (var g in open.Values) plan.Close(g);
        return plan;
    }

    void Close(Group g)
    {
        if (g.Members.Count < 2) return;   // a single access keeps its own check
        // Relative to the first access's address, which is base + FirstOffset - s for some s in [0, FirstSlop]:
        // [Lo, Hi + FirstSlop) from it covers [base + Lo, base + Hi) whatever s is.
        GuardAt[g.First] = new AccessGuard(g.Lo - g.FirstOffset, g.Hi - g.FirstOffset + g.FirstSlop, g.Write);
        foreach (var m in g.Members) Covered.Add(m);
    }

    /// <summary>Bytes a plain load or store touches (0 for other ops).</summary>
    static int PlainAccessSize(Opcode op, out bool write)
    {
        write = op is Opcode.Store8 or Opcode.Store16 or Opcode.Store32 or Opcode.Store64;
        return op switch
        {
            Opcode.Load8U or Opcode.Load8S or Opcode.Store8 => 1,
            Opcode.Load16U or Opcode.Load16S or Opcode.Store16 => 2,
            Opcode.Load32 or Opcode.Store32 => 4,
            Opcode.Load64 or Opcode.Store64 => 8,
            _ => 0,
        };
    }

    /// <summary>
    /// An address as root value + constant offset, less up to Slop bytes when it is aligned down
    /// (root null: a constant address).
    /// </summary>
    static (IrInst? Root, long Offset, long Slop) Decompose(Value v)
    {
        if (v.Def is not { Op: Opcode.And32 } aligned || !aligned.Args[1].IsConstant
            || (uint)aligned.Args[1].Constant is not (0xffff_fffc or 0xffff_fff8))
        {
            var (root, offset) = DecomposeSum(v);
            return (root, offset, 0);
        }
        long slop = ~(uint)aligned.Args[1].Constant;
        var (alignedRoot, alignedOffset) = DecomposeSum(aligned.Args[0]);
        return (alignedRoot, alignedOffset, slop);
    }

    /// <summary>A sum as root value + constant offset (root null: a constant).</summary>
    static (IrInst? Root, long Offset) DecomposeSum(Value v)
    {
        long offset = 0;
        for (int depth = 0; depth < 8; depth++)
        {
            if (v.IsConstant) return (null, offset + (uint)v.Constant);
            var d = v.Def!;
            if (d.Op == Opcode.Add32 && d.Args[1].IsConstant) { offset += (int)(uint)d.Args[1].Constant; v = d.Args[0]; }
            else if (d.Op == Opcode.Add32 && d.Args[0].IsConstant) { offset += (int)(uint)d.Args[0].Constant; v = d.Args[1]; }
            else if (d.Op == Opcode.Sub32 && d.Args[1].IsConstant) { offset -= (int)(uint)d.Args[1].Constant; v = d.Args[0]; }
            else return (d, offset);
        }
        return v.IsConstant ? (null, offset + (uint)v.Constant) : (v.Def, offset);
    }
}
