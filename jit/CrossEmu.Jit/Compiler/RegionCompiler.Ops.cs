using System.Reflection;
using System.Reflection.Emit;
using CrossEmu.Isa.Ir;

namespace CrossEmu.Jit.Compiler;

/// <summary>Lowering of the arithmetic, logic, comparison and conversion ops.</summary>
public sealed partial class RegionCompiler
{
    static MethodInfo Op(string name) => typeof(IlOps).GetMethod(name)!;

    void Bin(IrInst i, OpCode op) { Load(i.Args[0]); Load(i.Args[1]); e.Binary(op); Define(i); }
    void Un(IrInst i, OpCode op) { Load(i.Args[0]); e.Unary(op); Define(i); }
    void Cmp(IrInst i, OpCode op) { Load(i.Args[0]); Load(i.Args[1]); e.Compare(op); Define(i); }
    /// <summary>a &lt;= b as !(a &gt; b).</summary>
    void CmpNot(IrInst i, OpCode op) { Load(i.Args[0]); Load(i.Args[1]); e.Compare(op); e.LdcI4(0); e.Compare(OpCodes.Ceq); Define(i); }
    void ShiftOp(IrInst i, OpCode op, int mask) { Load(i.Args[0]); Load(i.Args[1]); e.LdcI4(mask); e.Binary(OpCodes.And); e.Shift(op); Define(i); }
    void CallOp(IrInst i, string helper) { foreach (var a in i.Args) Load(a); e.Call(Op(helper)); Define(i); }
    void Conv(IrInst i, OpCode op, StackType t) { Load(i.Args[0]); e.Convert(op, t); Define(i); }

    public void VisitAdd32(IrInst i) => Bin(i, OpCodes.Add);
    public void VisitSub32(IrInst i) => Bin(i, OpCodes.Sub);
    public void VisitMul32(IrInst i) => Bin(i, OpCodes.Mul);
    public void VisitAnd32(IrInst i) => Bin(i, OpCodes.And);
    public void VisitOr32(IrInst i) => Bin(i, OpCodes.Or);
    public void VisitXor32(IrInst i) => Bin(i, OpCodes.Xor);
    public void VisitNot32(IrInst i) => Un(i, OpCodes.Not);
    public void VisitNeg32(IrInst i) => Un(i, OpCodes.Neg);
    public void VisitShl32(IrInst i) => ShiftOp(i, OpCodes.Shl, 31);
    public void VisitShr32(IrInst i) => ShiftOp(i, OpCodes.Shr_Un, 31);
    public void VisitSar32(IrInst i) => ShiftOp(i, OpCodes.Shr, 31);
    public void VisitRor32(IrInst i) => CallOp(i, nameof(IlOps.Ror32));
    public void VisitClz32(IrInst i) => CallOp(i, nameof(IlOps.Clz32));
    public void VisitBswap32(IrInst i) => CallOp(i, nameof(IlOps.Bswap32));
    public void VisitBswap16(IrInst i) => CallOp(i, nameof(IlOps.Bswap16));
    public void VisitUDiv32(IrInst i) => CallOp(i, nameof(IlOps.UDiv32));
    public void VisitSDiv32(IrInst i) => CallOp(i, nameof(IlOps.SDiv32));
    public void VisitURem32(IrInst i) => CallOp(i, nameof(IlOps.URem32));
    public void VisitSRem32(IrInst i) => CallOp(i, nameof(IlOps.SRem32));

    public void VisitAddC32(IrInst i)
    {
        Load(i.Args[0]); Load(i.Args[1]); e.Binary(OpCodes.Add); Load(i.Args[2]); e.Binary(OpCodes.Add); Define(i);
    }

    /// <summary>Flags are computed here, from the AddC32's operands, only because something reads them.</summary>
    void FlagOf(IrInst i, string helper)
    {
        foreach (var a in i.Args[0].Def!.Args) Load(a);
        e.Call(Op(helper));
        Define(i);
    }

    public void VisitCarryOf32(IrInst i) => FlagOf(i, nameof(IlOps.Carry32));
    public void VisitOverflowOf32(IrInst i) => FlagOf(i, nameof(IlOps.Overflow32));

    public void VisitAdd64(IrInst i) => Bin(i, OpCodes.Add);
    public void VisitSub64(IrInst i) => Bin(i, OpCodes.Sub);
    public void VisitMul64(IrInst i) => Bin(i, OpCodes.Mul);
    public void VisitAnd64(IrInst i) => Bin(i, OpCodes.And);
    public void VisitOr64(IrInst i) => Bin(i, OpCodes.Or);
    public void VisitXor64(IrInst i) => Bin(i, OpCodes.Xor);
    public void VisitNot64(IrInst i) => Un(i, OpCodes.Not);
    public void VisitNeg64(IrInst i) => Un(i, OpCodes.Neg);
    public void VisitShl64(IrInst i) => ShiftOp(i, OpCodes.Shl, 63);
    public void VisitShr64(IrInst i) => ShiftOp(i, OpCodes.Shr_Un, 63);
    public void VisitSar64(IrInst i) => ShiftOp(i, OpCodes.Shr, 63);
    public void VisitUDiv64(IrInst i) => CallOp(i, nameof(IlOps.UDiv64));
    public void VisitSDiv64(IrInst i) => CallOp(i, nameof(IlOps.SDiv64));
    public void VisitURem64(IrInst i) => CallOp(i, nameof(IlOps.URem64));
    public void VisitSRem64(IrInst i) => CallOp(i, nameof(IlOps.SRem64));
    public void VisitClz64(IrInst i) => CallOp(i, nameof(IlOps.Clz64));
    public void VisitBswap64(IrInst i) => CallOp(i, nameof(IlOps.Bswap64));

    public void VisitEq32(IrInst i) => Cmp(i, OpCodes.Ceq);
    public void VisitNe32(IrInst i) => CmpNot(i, OpCodes.Ceq);
    public void VisitLtS32(IrInst i) => Cmp(i, OpCodes.Clt);
    public void VisitLtU32(IrInst i) => Cmp(i, OpCodes.Clt_Un);
    public void VisitLeS32(IrInst i) => CmpNot(i, OpCodes.Cgt);
    public void VisitLeU32(IrInst i) => CmpNot(i, OpCodes.Cgt_Un);
    public void VisitEq64(IrInst i) => Cmp(i, OpCodes.Ceq);
    public void VisitNe64(IrInst i) => CmpNot(i, OpCodes.Ceq);
    public void VisitLtS64(IrInst i) => Cmp(i, OpCodes.Clt);
    public void VisitLtU64(IrInst i) => Cmp(i, OpCodes.Clt_Un);
    public void VisitLeS64(IrInst i) => CmpNot(i, OpCodes.Cgt);
    public void VisitLeU64(IrInst i) => CmpNot(i, OpCodes.Cgt_Un);

    public void VisitAnd1(IrInst i) => Bin(i, OpCodes.And);
    public void VisitOr1(IrInst i) => Bin(i, OpCodes.Or);
    public void VisitXor1(IrInst i) => Bin(i, OpCodes.Xor);
    public void VisitNot1(IrInst i) { Load(i.Args[0]); e.LdcI4(1); e.Binary(OpCodes.Xor); Define(i); }
    public void VisitSelect1(IrInst i) => CallOp(i, nameof(IlOps.Select32));
    public void VisitSelect32(IrInst i) => CallOp(i, nameof(IlOps.Select32));
    public void VisitSelect64(IrInst i) => CallOp(i, nameof(IlOps.Select64));

    public void VisitBool1To32(IrInst i) { Load(i.Args[0]); Define(i); }
    public void VisitZExt8To32(IrInst i) => Conv(i, OpCodes.Conv_U1, StackType.I4);
    public void VisitZExt16To32(IrInst i) => Conv(i, OpCodes.Conv_U2, StackType.I4);
    public void VisitSExt8To32(IrInst i) => Conv(i, OpCodes.Conv_I1, StackType.I4);
    public void VisitSExt16To32(IrInst i) => Conv(i, OpCodes.Conv_I2, StackType.I4);
    public void VisitZExt32To64(IrInst i) => Conv(i, OpCodes.Conv_U8, StackType.I8);
    public void VisitSExt32To64(IrInst i) => Conv(i, OpCodes.Conv_I8, StackType.I8);
    public void VisitLo64To32(IrInst i) => Conv(i, OpCodes.Conv_I4, StackType.I4);
    public void VisitHi64To32(IrInst i) { Load(i.Args[0]); e.LdcI4(32); e.Shift(OpCodes.Shr_Un); e.Convert(OpCodes.Conv_I4, StackType.I4); Define(i); }

    public void VisitPair32To64(IrInst i)
    {
        Load(i.Args[0]); e.Convert(OpCodes.Conv_U8, StackType.I8);
        Load(i.Args[1]); e.Convert(OpCodes.Conv_U8, StackType.I8); e.LdcI4(32); e.Shift(OpCodes.Shl);
        e.Binary(OpCodes.Or);
        Define(i);
    }
}
