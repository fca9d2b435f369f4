using System.Reflection;
using System.Reflection.Emit;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit.Runtime;

namespace CrossEmu.Jit.Compiler;

/// <summary>
/// Lowering of guest memory ops. The fast path is inline: one permission-table byte, then the
/// access at base + address. Accesses that straddle a page, stores to pages holding translated
/// code, and faults leave the straight line for out-of-line stubs.
/// </summary>
public sealed unsafe partial class RegionCompiler
{
    static readonly MethodInfo StoreCheckSlow = typeof(GuestAccess).GetMethod(nameof(GuestAccess.StoreCheckSlow))!;
    static readonly MethodInfo FaultMethod = typeof(GuestAccess).GetMethod(nameof(GuestAccess.Fault))!;
    static readonly MethodInfo TryLoadLinked = typeof(GuestAccess).GetMethod(nameof(GuestAccess.TryLoadLinked))!;
    static readonly MethodInfo TryStoreConditional = typeof(GuestAccess).GetMethod(nameof(GuestAccess.TryStoreConditional))!;
    static readonly MethodInfo MemoryBarrier = typeof(Interlocked).GetMethod(nameof(Interlocked.MemoryBarrier))!;


    /// <summary>An out-of-line stub that records a fault at the current instruction and leaves.</summary>
    Label FaultStub(Value address)
    {
        var stub = e.DefineLabel();
        uint pc = currentPc;
        var loadAddress = Deferred(address);
        outOfLine.Add(() =>
        {
            e.Mark(stub);
            e.LdargPtr(0); e.LdcI4((int)pc); loadAddress(); e.Call(FaultMethod);
            SetExit(pc, ExitReason.MemoryFault);
            e.Branch(OpCodes.Br, exitLabel);
        });
        return stub;
    }

    /// <summary>Leaves a bool "may proceed" check to an out-of-line stub that returns to `back` or faults.</summary>
    Label SlowCheckStub(Value address, int size, MethodInfo check, Label back, Label fault)
    {
        var stub = e.DefineLabel();
        int memoryId = targets.MemoryId;
        var loadAddress = Deferred(address);
        outOfLine.Add(() =>
        {
            e.Mark(stub);
            e.LdcI4(memoryId); loadAddress(); e.LdcI4(size); e.Call(check);
            e.Branch(OpCodes.Brfalse, fault);
            e.Branch(OpCodes.Br, back);
        });
        return stub;
    }

    /// <summary>
    /// Loads a value later, from an out-of-line stub: binds the local it lives in now (stubs are
    /// entered from this point, where the local still holds it, even if it is reused later).
    /// </summary>
    Action Deferred(Value v)
    {
        if (v.IsConstant) return () => Load(v);
        var local = valueLocals[v.Def!];
        return () => e.Ldloc(local);
    }

    void HostAddress(Value address)
    {
        e.LdcPtr((nint)targets.MemoryBase);
        Load(address); e.Convert(OpCodes.Conv_U, StackType.Ptr);
        e.Binary(OpCodes.Add);
    }

    /// <summary>Branches to `slow` when the access crosses into the next page.</summary>
    void StraddleCheck(Value address, int size, Label slow)
    {
        if (size == 1) return;
        Load(address); e.LdcI4((int)GuestMemory.PageMask); e.Binary(OpCodes.And);
        e.LdcI4((int)GuestMemory.PageSize - size);
        e.Branch(OpCodes.Bgt_Un, slow);
    }

    /// <summary>An out-of-line stub that leaves at the current instruction for the interpreter.</summary>
    Label DeoptimizeStub()
    {
        var stub = e.DefineLabel();
        uint pc = currentPc;
        outOfLine.Add(() =>
        {
            e.Mark(stub);
            SetExit(pc, ExitReason.Deoptimize);
            e.Branch(OpCodes.Br, exitLabel);
        });
        return stub;
    }

    /// <summary>The permission byte of the page of address + delta.</summary>
    void PermissionByte(Value address, long delta)
    {
        Load(address);
        if (delta != 0) { e.LdcI4((int)delta); e.Binary(OpCodes.Add); }
        e.LdcI4(GuestMemory.PageShift); e.Shift(OpCodes.Shr_Un); e.Convert(OpCodes.Conv_U, StackType.Ptr);
        e.LdcPtr((nint)targets.Permissions);
        e.Binary(OpCodes.Add);
        e.LoadIndirect(OpCodes.Ldind_U1, StackType.I4);
    }

    /// <summary>The group check before the first access of a group: both end pages of its span.</summary>
    void EmitGuard(Value address, AccessGuard g)
    {
        var deopt = DeoptimizeStub();
        var need = g.Write ? PagePermissions.Read | PagePermissions.Write : PagePermissions.Read;
        var mask = g.Write ? need | PagePermissions.CodeWatch : need;
        foreach (long delta in new[] { g.Lo, g.Hi - 1 })
        {
            PermissionByte(address, delta); e.LdcI4((int)mask); e.Binary(OpCodes.And);
            e.LdcI4((int)need);
            e.Branch(OpCodes.Bne_Un, deopt);
        }
    }

    void LoadOp(IrInst i, OpCode load, StackType type)
    {
        var address = i.Args[0];
        if (guards.GuardAt.TryGetValue(i, out var guard)) EmitGuard(address, guard);
        if (!guards.Covered.Contains(i))
        {
            var fault = FaultStub(address);
            // Only the first page is checked (see GuestAccess.CanRead).
            PermissionByte(address, 0); e.LdcI4((int)PagePermissions.Read); e.Binary(OpCodes.And);
            e.Branch(OpCodes.Brfalse, fault);
        }
        HostAddress(address);
        e.LoadIndirect(load, type);
        Define(i);
    }

    void StoreOp(IrInst i, OpCode store, StackType type)
    {
        var address = i.Args[0];
        if (guards.GuardAt.TryGetValue(i, out var guard)) EmitGuard(address, guard);
        if (!guards.Covered.Contains(i))
        {
            int size = Interpreter.IrInterpreter.SizeOf(i.Op);
            var fault = FaultStub(address);
            var back = e.DefineLabel();
            var slow = SlowCheckStub(address, size, StoreCheckSlow, back, fault);
            StraddleCheck(address, size, slow);
            PermissionByte(address, 0); e.LdcI4((int)(PagePermissions.Write | PagePermissions.CodeWatch)); e.Binary(OpCodes.And);
            e.LdcI4((int)PagePermissions.Write);
            e.Branch(OpCodes.Bne_Un, slow);
            e.Mark(back);
        }
        HostAddress(address);
        Load(i.Args[1]);
        e.StoreIndirect(store, type);
    }

    public void VisitLoad8U(IrInst i) => LoadOp(i, OpCodes.Ldind_U1, StackType.I4);
    public void VisitLoad8S(IrInst i) => LoadOp(i, OpCodes.Ldind_I1, StackType.I4);
    public void VisitLoad16U(IrInst i) => LoadOp(i, OpCodes.Ldind_U2, StackType.I4);
    public void VisitLoad16S(IrInst i) => LoadOp(i, OpCodes.Ldind_I2, StackType.I4);
    public void VisitLoad32(IrInst i) => LoadOp(i, OpCodes.Ldind_I4, StackType.I4);
    public void VisitLoad64(IrInst i) => LoadOp(i, OpCodes.Ldind_I8, StackType.I8);
    public void VisitStore8(IrInst i) => StoreOp(i, OpCodes.Stind_I1, StackType.I4);
    public void VisitStore16(IrInst i) => StoreOp(i, OpCodes.Stind_I2, StackType.I4);
    public void VisitStore32(IrInst i) => StoreOp(i, OpCodes.Stind_I4, StackType.I4);
    public void VisitStore64(IrInst i) => StoreOp(i, OpCodes.Stind_I8, StackType.I8);

    void LoadLinkedOp(IrInst i)
    {
        int size = Interpreter.IrInterpreter.SizeOf(i.Op);
        var fault = FaultStub(i.Args[0]);
        e.LdargPtr(0); e.LdcI4(targets.MemoryId); Load(i.Args[0]); e.LdcI4(size); e.LdcI4((int)currentPc); e.Ldloca(scratch64);
        e.Call(TryLoadLinked);
        e.Branch(OpCodes.Brfalse, fault);
        e.Ldloc(scratch64);
        if (i.Type == IrType.I32) e.Convert(OpCodes.Conv_I4, StackType.I4);
        Define(i);
    }

    void StoreCondOp(IrInst i)
    {
        int size = Interpreter.IrInterpreter.SizeOf(i.Op);
        var fault = FaultStub(i.Args[0]);
        e.LdargPtr(0); e.LdcI4(targets.MemoryId); Load(i.Args[0]); e.LdcI4(size);
        Load(i.Args[1]);
        if (i.Args[1].Type == IrType.I32) e.Convert(OpCodes.Conv_U8, StackType.I8);
        e.LdcI4((int)currentPc);
        e.Call(TryStoreConditional);
        e.Stloc(exitReason);              // scratch use: -1 fault, 0 failed, 1 stored
        e.Ldloc(exitReason); e.LdcI4(0); e.Branch(OpCodes.Blt, fault);
        e.Ldloc(exitReason);
        Define(i);
    }

    public void VisitLoadLinked8(IrInst i) => LoadLinkedOp(i);
    public void VisitLoadLinked16(IrInst i) => LoadLinkedOp(i);
    public void VisitLoadLinked32(IrInst i) => LoadLinkedOp(i);
    public void VisitLoadLinked64(IrInst i) => LoadLinkedOp(i);
    public void VisitStoreCond8(IrInst i) => StoreCondOp(i);
    public void VisitStoreCond16(IrInst i) => StoreCondOp(i);
    public void VisitStoreCond32(IrInst i) => StoreCondOp(i);
    public void VisitStoreCond64(IrInst i) => StoreCondOp(i);

    public void VisitClearLinked(IrInst i)
    {
        StatePointer((int)System.Runtime.InteropServices.Marshal.OffsetOf<CpuHeader>(nameof(CpuHeader.LinkValid)));
        e.LdcI4(0);
        e.StoreIndirect(OpCodes.Stind_I4, StackType.I4);
    }

    public void VisitFence(IrInst i) => e.Call(MemoryBarrier);
}
