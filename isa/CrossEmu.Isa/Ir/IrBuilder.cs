namespace CrossEmu.Isa.Ir;

/// <summary>
/// Builds an IrBlock. The typed helper per op (Add32, Load32, ...) is generated from
/// Opcodes.def; this part holds the plumbing and a few conveniences for frontends.
/// </summary>
public sealed partial class IrBuilder
{
    public IrBlock Block { get; }

    public IrBuilder(uint guestPc) { Block = new IrBlock(guestPc); }

    IrInst Append(Opcode op, IrType type, Value[] args, long aux, long aux2)
    {
        var inst = new IrInst(op, type, args, aux, aux2) { Id = Block.Insts.Count };
        Block.Insts.Add(inst);
        return inst;
    }

    static void CheckType(Opcode op, int index, Value v, IrType expected)
    {
        if (v.Type != expected)
            throw new InvalidOperationException($"IR {op}: argument {index} is {v.Type.Name()}, expected {expected.Name()}");
    }

    public int NewLabel() => Block.LabelCount++;

    public static Value Imm32(uint v) => Value.I32(v);
    public static Value Imm32(int v) => Value.I32(v);
    public static Value Imm64(ulong v) => Value.I64(v);
    public static Value Imm1(bool v) => Value.I1(v);

    /// <summary>True when the last instruction ends the current path (no fall-through).</summary>
    public bool PathEnded => Block.Insts.Count > 0 && Block.Insts[^1].Desc.Is(OpFlags.Terminator);
}

public sealed partial class IrBuilder
{
    /// <summary>Calls a registered helper; missing arguments are 0.</summary>
    public Value Call(IrHelper helper, Value a = default, Value b = default, Value c = default) =>
        CallHelper(a.IsValid ? a : Imm64(0UL), b.IsValid ? b : Imm64(0UL), c.IsValid ? c : Imm64(0UL), helper.Id);
}
