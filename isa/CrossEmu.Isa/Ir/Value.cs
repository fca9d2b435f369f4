namespace CrossEmu.Isa.Ir;

/// <summary>
/// An IR value: either the result of an instruction of the same block, or a constant.
/// Values never cross a Label; state that must survive one goes through guest registers.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    public readonly IrInst? Def;
    public readonly ulong Constant;
    public readonly IrType Type;

    public Value(IrInst def) { Def = def; Type = def.Type; Constant = 0; }
    Value(IrType type, ulong constant) { Def = null; Type = type; Constant = type.Mask(constant); }

    public bool IsConstant => Def is null;
    public bool IsValid => Type != IrType.Void;

    public static Value Const(IrType type, ulong v) => new(type, v);
    public static Value I1(bool b) => new(IrType.I1, b ? 1UL : 0UL);
    public static Value I32(uint v) => new(IrType.I32, v);
    public static Value I32(int v) => new(IrType.I32, (uint)v);
    public static Value I64(ulong v) => new(IrType.I64, v);

    public bool Equals(Value o) => Def == o.Def && Constant == o.Constant && Type == o.Type;
    public override bool Equals(object? obj) => obj is Value v && Equals(v);
    public override int GetHashCode() => HashCode.Combine(Def, Constant, Type);
    public static bool operator ==(Value a, Value b) => a.Equals(b);
    public static bool operator !=(Value a, Value b) => !a.Equals(b);

    public override string ToString() => IsConstant
        ? (Type == IrType.I1 ? (Constant != 0 ? "true" : "false") : $"0x{Constant:x}")
        : $"%{Def!.Id}";
}
