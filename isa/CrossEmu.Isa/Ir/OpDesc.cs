namespace CrossEmu.Isa.Ir;

[Flags]
public enum OpFlags : byte
{
    None = 0,
    Pure = 1,          // no side effect: removable when unused, foldable on constants
    Commutative = 2,
    SideEffect = 4,
    MayFault = 8,      // a guest-precise point: guest state must be exact before it
    Terminator = 16,   // nothing after it on the same path
}

/// <summary>What the opcode table says about one op.</summary>
public sealed record OpDesc(Opcode Op, string Name, IrType Result, IrType[] Args, OpFlags Flags, string? AuxName, string? Aux2Name)
{
    public bool Is(OpFlags f) => (Flags & f) != 0;
}

public static partial class OpInfo
{
    public static OpDesc Of(Opcode op) => table[(int)op];
    public static IReadOnlyList<OpDesc> All => table;
}
