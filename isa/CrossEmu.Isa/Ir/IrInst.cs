namespace CrossEmu.Isa.Ir;

/// <summary>One IR instruction: an op, its argument values and up to two integer operands.</summary>
public sealed class IrInst
{
    public Opcode Op;
    public IrType Type;
    public Value[] Args;
    public long Aux;
    public long Aux2;
    /// <summary>Number in its block, for printing and for backends' value tables.</summary>
    public int Id;

    public IrInst(Opcode op, IrType type, Value[] args, long aux, long aux2)
    {
        Op = op; Type = type; Args = args; Aux = aux; Aux2 = aux2;
    }

    public OpDesc Desc => OpInfo.Of(Op);
    public Value Result => new(this);
    public bool HasResult => Type != IrType.Void;

    public override string ToString() => IrPrinter.Format(this);
}
