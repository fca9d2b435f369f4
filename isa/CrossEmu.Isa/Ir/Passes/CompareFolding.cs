namespace CrossEmu.Isa.Ir.Passes;

/// <summary>
/// Turns conditions computed from the flags of a subtraction back into the comparison they stand
/// for. A compare is lifted as t = AddC32(a, ~b, 1) with N = t &lt; 0, Z = t == 0, C = CarryOf32(t)
/// and V = OverflowOf32(t); a guest condition combines those (GT fails: Z | N ^ V). Each flag
/// identity below holds for every a and b, so each rewrite keeps the value of the instruction it
/// rewrites (in place, for all its uses):
/// <list type="bullet">
/// <item>t == 0 is a == b; CarryOf32(t) is b &lt;=u a; N ^ V is a &lt;s b;</item>
/// <item>!(compare) is the opposite compare; (a == b) | (a &lt; b) is a &lt;= b;
/// (b &lt;= a) &amp; (a != b) is b &lt; a.</item>
/// </list>
/// The compiler then emits one host compare and branch instead of four flag computations and
/// their combination (an ARM merge loop spent two thirds of its code on them). Flags that are
/// still stored keep their own computations; those only the condition read die in dead code
/// elimination. ISA-neutral: it matches IR shapes, not an ISA's instructions.
/// </summary>
public static class CompareFolding
{
    public static bool Run(IrBlock block)
    {
        bool changed = false;
        foreach (var i in block.Insts) changed |= Fold(i);
        return changed;
    }

    static bool Fold(IrInst i)
    {
        var a = i.Args;
        switch (i.Op)
        {
            case Opcode.Eq32 or Opcode.Ne32 when IsZero(a[1]) && Subtraction(a[0]) is (var x, var y):
                return Become(i, i.Op, x, y);
            case Opcode.CarryOf32 when Subtraction(a[0]) is (var x, var y):
                return Become(i, Opcode.LeU32, y, x);
            case Opcode.Xor1 when SignAndOverflowOf(a[0], a[1]) is (var x, var y):
                return Become(i, Opcode.LtS32, x, y);
            case Opcode.Not1 when a[0].Def is { } c && Opposite(c.Op) is (var op, var swap):
                return swap ? Become(i, op, c.Args[1], c.Args[0]) : Become(i, op, c.Args[0], c.Args[1]);
            case Opcode.Or1 when (EqualOr(a[0], a[1]) ?? EqualOr(a[1], a[0])) is (var op, var x, var y):
                return Become(i, op, x, y);
            case Opcode.And1 when (AtLeastAndNotEqual(a[0], a[1]) ?? AtLeastAndNotEqual(a[1], a[0])) is (var op, var x, var y):
                return Become(i, op, x, y);
        }
        return false;
    }

    static bool Become(IrInst i, Opcode op, Value x, Value y)
    {
        i.Op = op;
        i.Args = [x, y];
        return true;
    }

    static bool IsZero(Value v) => v.IsConstant && v.Constant == 0;

    /// <summary>(a, b) when v is AddC32(a, ~b, 1): a - b with the carry and overflow of the subtraction.</summary>
    static (Value A, Value B)? Subtraction(Value v)
    {
        if (v.Def is not { Op: Opcode.AddC32 } add || !add.Args[2].IsConstant || add.Args[2].Constant != 1) return null;
        var notB = add.Args[1];
        if (notB.IsConstant) return (add.Args[0], Value.I32(~(uint)notB.Constant));
        if (notB.Def is { Op: Opcode.Not32 } not) return (add.Args[0], not.Args[0]);
        return null;
    }

    /// <summary>(a, b) when n is t &lt;s 0 and v is OverflowOf32(t) of one subtraction t = a - b.</summary>
    static (Value A, Value B)? SignAndOverflowOf(Value n, Value v)
    {
        if (n.Def is { Op: Opcode.OverflowOf32 }) (n, v) = (v, n);
        if (n.Def is not { Op: Opcode.LtS32 } sign || !IsZero(sign.Args[1])) return null;
        if (v.Def is not { Op: Opcode.OverflowOf32 } overflow || overflow.Args[0] != sign.Args[0]) return null;
        return Subtraction(sign.Args[0]);
    }

    /// <summary>The compare that is false exactly when op is true, and whether its operands swap.</summary>
    static (Opcode Op, bool Swap)? Opposite(Opcode op) => op switch
    {
        Opcode.Eq32 => (Opcode.Ne32, false),
        Opcode.Ne32 => (Opcode.Eq32, false),
        Opcode.LtS32 => (Opcode.LeS32, true),
        Opcode.LeS32 => (Opcode.LtS32, true),
        Opcode.LtU32 => (Opcode.LeU32, true),
        Opcode.LeU32 => (Opcode.LtU32, true),
        _ => null,
    };

    /// <summary>(a == b) | (a &lt; b) as a &lt;= b, signed or unsigned.</summary>
    static (Opcode, Value, Value)? EqualOr(Value equal, Value less)
    {
        if (equal.Def is not { Op: Opcode.Eq32 } eq || less.Def is not { Op: Opcode.LtS32 or Opcode.LtU32 } lt) return null;
        if (!SamePair(eq, lt)) return null;
        return (lt.Op == Opcode.LtS32 ? Opcode.LeS32 : Opcode.LeU32, lt.Args[0], lt.Args[1]);
    }

    /// <summary>(b &lt;= a) &amp; (a != b) as b &lt; a, signed or unsigned.</summary>
    static (Opcode, Value, Value)? AtLeastAndNotEqual(Value atMost, Value notEqual)
    {
        if (atMost.Def is not { Op: Opcode.LeS32 or Opcode.LeU32 } le || notEqual.Def is not { Op: Opcode.Ne32 } ne) return null;
        if (!SamePair(ne, le)) return null;
        return (le.Op == Opcode.LeS32 ? Opcode.LtS32 : Opcode.LtU32, le.Args[0], le.Args[1]);
    }

    /// <summary>Whether an equality compares the same two values as another compare, in either order.</summary>
    static bool SamePair(IrInst equality, IrInst other) =>
        (equality.Args[0] == other.Args[0] && equality.Args[1] == other.Args[1])
        || (equality.Args[0] == other.Args[1] && equality.Args[1] == other.Args[0]);
}
