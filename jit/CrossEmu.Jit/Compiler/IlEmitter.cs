using System.Reflection;
using System.Reflection.Emit;

namespace CrossEmu.Jit.Compiler;

/// <summary>The types the IL evaluation stack holds in our code.</summary>
public enum StackType : byte { I4, I8, Ptr }

/// <summary>
/// A thin typed layer over ILGenerator: every push and pop is tracked, so a lowering that
/// leaves the stack unbalanced or mixes int32 and int64 fails at compile time with the op's
/// name, instead of producing IL that the runtime rejects (or worse, accepts).
/// </summary>
public sealed class IlEmitter
{
    readonly ILGenerator il;
    readonly List<StackType> stack = new();

    public IlEmitter(ILGenerator il) { this.il = il; }

    public int Depth => stack.Count;

    void Push(StackType t) => stack.Add(t);

    StackType Pop(string what)
    {
        if (stack.Count == 0) throw new InvalidOperationException($"IL stack underflow at {what}");
        var t = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return t;
    }

    void Pop(string what, StackType expected)
    {
        var t = Pop(what);
        if (t != expected) throw new InvalidOperationException($"IL {what}: found {t} on the stack, expected {expected}");
    }

    public void AssertEmpty(string where)
    {
        if (stack.Count != 0) throw new InvalidOperationException($"IL stack not empty at {where}: {string.Join(",", stack)}");
    }

    public LocalBuilder DeclareLocal(Type t) => il.DeclareLocal(t);
    public Label DefineLabel() => il.DefineLabel();
    public void Mark(Label l) => il.MarkLabel(l);

    static StackType TypeOfLocal(LocalBuilder l) =>
        l.LocalType == typeof(long) || l.LocalType == typeof(ulong) ? StackType.I8
        : l.LocalType.IsPointer || l.LocalType == typeof(nint) || l.LocalType == typeof(nuint) ? StackType.Ptr
        : StackType.I4;

    public void Ldloc(LocalBuilder l) { il.Emit(OpCodes.Ldloc, l); Push(TypeOfLocal(l)); }
    public void Stloc(LocalBuilder l) { Pop("stloc", TypeOfLocal(l)); il.Emit(OpCodes.Stloc, l); }
    public void Ldloca(LocalBuilder l) { il.Emit(OpCodes.Ldloca, l); Push(StackType.Ptr); }
    public void LdargPtr(short n) { il.Emit(OpCodes.Ldarg, n); Push(StackType.Ptr); }
    public void LdargI4(short n) { il.Emit(OpCodes.Ldarg, n); Push(StackType.I4); }

    public void LdcI4(int v) { il.Emit(OpCodes.Ldc_I4, v); Push(StackType.I4); }
    public void LdcI8(long v) { il.Emit(OpCodes.Ldc_I8, v); Push(StackType.I8); }
    public void LdcPtr(nint v) { il.Emit(OpCodes.Ldc_I8, (long)v); il.Emit(OpCodes.Conv_U); Push(StackType.Ptr); }

    /// <summary>Binary arithmetic on two values of one type (pointer + int offset allowed).</summary>
    public void Binary(OpCode op)
    {
        var b = Pop(op.Name!);
        var a = Pop(op.Name!);
        if (a == StackType.Ptr && b != StackType.I8) { il.Emit(op); Push(StackType.Ptr); return; }
        if (a != b) throw new InvalidOperationException($"IL {op.Name}: {a} and {b}");
        il.Emit(op);
        Push(a);
    }

    /// <summary>Shift: value of any int type, amount int32.</summary>
    public void Shift(OpCode op)
    {
        Pop(op.Name!, StackType.I4);
        var a = Pop(op.Name!);
        il.Emit(op);
        Push(a);
    }

    public void Unary(OpCode op) { var a = Pop(op.Name!); il.Emit(op); Push(a); }

    /// <summary>Comparison (ceq/clt/cgt and unsigned forms): two values of one type to int32 0/1.</summary>
    public void Compare(OpCode op)
    {
        var b = Pop(op.Name!); var a = Pop(op.Name!);
        if (a != b) throw new InvalidOperationException($"IL {op.Name}: {a} and {b}");
        il.Emit(op);
        Push(StackType.I4);
    }

    public void Convert(OpCode op, StackType result) { Pop(op.Name!); il.Emit(op); Push(result); }

    public void LoadIndirect(OpCode op, StackType result) { Pop(op.Name!, StackType.Ptr); il.Emit(op); Push(result); }

    public void StoreIndirect(OpCode op, StackType value)
    {
        Pop(op.Name!, value); Pop(op.Name!, StackType.Ptr);
        il.Emit(op);
    }

    public void Volatile() => il.Emit(OpCodes.Volatile);

    public void Branch(OpCode op, Label target)
    {
        if (op == OpCodes.Brtrue || op == OpCodes.Brfalse) Pop(op.Name!);
        else if (op != OpCodes.Br)
        {
            var b = Pop(op.Name!);
            var a = Pop(op.Name!);
            if (a != b) throw new InvalidOperationException($"IL {op.Name}: {a} and {b}");
        }
        il.Emit(op, target);
    }

    public void Call(MethodInfo m)
    {
        var ps = m.GetParameters();
        for (int i = ps.Length - 1; i >= 0; i--) Pop($"call {m.Name} arg {i}", StackTypeOf(ps[i].ParameterType));
        il.Emit(OpCodes.Call, m);
        if (m.ReturnType != typeof(void)) Push(StackTypeOf(m.ReturnType));
    }

    /// <summary>Tail-calls a region through a function pointer: int fn(byte* state, int pc).</summary>
    public void TailCallRegion()
    {
        Pop("calli fn", StackType.Ptr); Pop("calli pc", StackType.I4); Pop("calli state", StackType.Ptr);
        il.Emit(OpCodes.Tailcall);
        il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, typeof(int), new[] { typeof(byte*), typeof(int) }, null);
        il.Emit(OpCodes.Ret);
    }

    public void Ret() { Pop("ret", StackType.I4); il.Emit(OpCodes.Ret); AssertEmpty("ret"); }

    public void Pop() { Pop("pop"); il.Emit(OpCodes.Pop); }

    public static StackType StackTypeOf(Type t) =>
        t == typeof(long) || t == typeof(ulong) ? StackType.I8
        : t.IsPointer || t == typeof(nint) || t == typeof(nuint) ? StackType.Ptr
        : StackType.I4;
}
