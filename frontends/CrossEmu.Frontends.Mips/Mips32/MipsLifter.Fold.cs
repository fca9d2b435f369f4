using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Arithmetic that folds what the lifter already knows (constant operands, $zero, identities),
/// so blocks start small for the interpreter and the passes have less to clean up.
/// </summary>
internal sealed partial class MipsLifter
{
    static bool IsConst(Value v, uint c) => v.IsConstant && (uint)v.Constant == c;

    static bool BothConst(Value x, Value y) => x.IsConstant && y.IsConstant;

    Value Add(Value x, Value y)
    {
        if (BothConst(x, y)) return Imm32((uint)x.Constant + (uint)y.Constant);
        if (IsConst(y, 0)) return x;
        if (IsConst(x, 0)) return y;
        return b.Add32(x, y);
    }

    Value Sub(Value x, Value y)
    {
        if (BothConst(x, y)) return Imm32((uint)x.Constant - (uint)y.Constant);
        if (IsConst(y, 0)) return x;
        if (IsConst(x, 0)) return b.Neg32(y);
        return b.Sub32(x, y);
    }

    Value And(Value x, Value y)
    {
        if (BothConst(x, y)) return Imm32((uint)x.Constant & (uint)y.Constant);
        if (IsConst(x, 0) || IsConst(y, 0)) return Imm32(0);
        if (IsConst(y, uint.MaxValue)) return x;
        return b.And32(x, y);
    }

    Value Or(Value x, Value y)
    {
        if (BothConst(x, y)) return Imm32((uint)x.Constant | (uint)y.Constant);
        if (IsConst(y, 0)) return x;
        if (IsConst(x, 0)) return y;
        return b.Or32(x, y);
    }

    Value Xor(Value x, Value y)
    {
        if (BothConst(x, y)) return Imm32((uint)x.Constant ^ (uint)y.Constant);
        if (IsConst(y, 0)) return x;
        if (IsConst(x, 0)) return y;
        return b.Xor32(x, y);
    }

    Value Not(Value x) => x.IsConstant ? Imm32(~(uint)x.Constant) : b.Not32(x);

    /// <summary>The effective address base + offset (offset(base) operands).</summary>
    Value Address(int rs, int offset) => Add(R(rs), Imm32(offset));
}
