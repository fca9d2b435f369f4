using System.Reflection;
using System.Reflection.Emit;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit.Runtime;

namespace CrossEmu.Jit.Compiler;

/// <summary>
/// Lowering of guest memory ops against the memory's fast path (see PageTableLayout): inline,
/// index the page table, test the entry, and access the host address. Whatever the entry refuses
/// (a fault, MMIO, a page holding translated code, an access that crosses a page where pages are
/// not contiguous) calls the memory's slow path from an out-of-line stub, which performs the
/// access or records a fault. User mode and a system-mode TLB are two layouts, one lowering.
/// </summary>
public sealed unsafe partial class RegionCompiler
{
    static readonly MethodInfo SlowLoadAddressMethod = typeof(GuestAccess).GetMethod(nameof(GuestAccess.SlowLoadAddress))!;
    static readonly MethodInfo SlowStoreMethod = typeof(GuestAccess).GetMethod(nameof(GuestAccess.SlowStore))!;
    static readonly MethodInfo TryLoadLinked = typeof(GuestAccess).GetMethod(nameof(GuestAccess.TryLoadLinked))!;
    static readonly MethodInfo TryStoreConditional = typeof(GuestAccess).GetMethod(nameof(GuestAccess.TryStoreConditional))!;
    static readonly MethodInfo MemoryBarrier = typeof(Interlocked).GetMethod(nameof(Interlocked.MemoryBarrier))!;
    static readonly int PageTableOffset = (int)System.Runtime.InteropServices.Marshal.OffsetOf<CpuHeader>(nameof(CpuHeader.PageTable));

    PageTableLayout Pages => targets.Memory.FastPath;

    /// <summary>An out-of-line stub that leaves at the current instruction with the fault the slow path recorded.</summary>
    Label FaultStub()
    {
        var stub = e.DefineLabel();
        uint pc = currentPc;
        outOfLine.Add(() =>
        {
            e.Mark(stub);
            e.LdcI4((int)pc); e.Stloc(exitPc);
            StatePointer(ExitOffset); e.LoadIndirect(OpCodes.Ldind_I4, StackType.I4); e.Stloc(exitReason);
            e.Branch(OpCodes.Br, exitLabel);
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

    /// <summary>Pushes the address of the page-table entry of address + delta.</summary>
    void EntryAddress(Value address, long delta)
    {
        var pages = Pages;
        if (pages.TablePerCpu) { StatePointer(PageTableOffset); e.LoadIndirect(OpCodes.Ldind_I, StackType.Ptr); }
        else e.LdcPtr((nint)pages.Table);
        Load(address);
        if (delta != 0) { e.LdcI4((int)delta); e.Binary(OpCodes.Add); }
        e.LdcI4(pages.PageShift); e.Shift(OpCodes.Shr_Un);
        if (pages.IndexMask != uint.MaxValue >> pages.PageShift) { e.LdcI4((int)pages.IndexMask); e.Binary(OpCodes.And); }
        e.Convert(OpCodes.Conv_U, StackType.Ptr);
        if (pages.EntryShift != 0) { e.LdcI4(pages.EntryShift); e.Shift(OpCodes.Shl); }
        e.Binary(OpCodes.Add);
    }

    /// <summary>Branches to refused unless the entry of address + delta admits the access under test t.</summary>
    void EntryTest(Value address, long delta, EntryTest t, Label refused)
    {
        EntryAddress(address, delta);
        if (t.Offset != 0) { e.LdcI4(t.Offset); e.Binary(OpCodes.Add); }
        e.LoadIndirect(t.Size == 1 ? OpCodes.Ldind_U1 : OpCodes.Ldind_I4, StackType.I4);
        if (t.Mask != uint.MaxValue) { e.LdcI4((int)t.Mask); e.Binary(OpCodes.And); }
        if (t.ComparesPage)
        {
            Load(address);
            if (delta != 0) { e.LdcI4((int)delta); e.Binary(OpCodes.Add); }
            e.LdcI4((int)~(Pages.PageSize - 1)); e.Binary(OpCodes.And);
            if (t.Expect != 0) { e.LdcI4((int)t.Expect); e.Binary(OpCodes.Or); }
        }
        else e.LdcI4((int)t.Expect);
        e.Branch(OpCodes.Bne_Un, refused);
    }

    /// <summary>Pushes the host address of an access the fast path admitted.</summary>
    void HostAddress(Value address)
    {
        HostBase(address);
        PlusGuestAddress(address);
    }

    /// <summary>Adds the guest address, zero-extended, to the host base on the stack.</summary>
    void PlusGuestAddress(Value address)
    {
        Load(address); e.Convert(OpCodes.Conv_U, StackType.Ptr);
        e.Binary(OpCodes.Add);
    }

    /// <summary>Pushes what the host address of an admitted access is address plus: the layout's base, or the entry's addend.</summary>
    void HostBase(Value address)
    {
        var pages = Pages;
        if (pages.HostBase != null) { e.LdcPtr((nint)pages.HostBase); return; }
        EntryAddress(address, 0);
        if (pages.AddendOffset != 0) { e.LdcI4(pages.AddendOffset); e.Binary(OpCodes.Add); }
        e.LoadIndirect(OpCodes.Ldind_I, StackType.Ptr);
    }

    /// <summary>Branches to `slow` when the access crosses into the next page.</summary>
    void StraddleCheck(Value address, int size, Label slow)
    {
        if (size == 1) return;
        uint pageSize = Pages.PageSize;
        Load(address); e.LdcI4((int)(pageSize - 1)); e.Binary(OpCodes.And);
        e.LdcI4((int)pageSize - size);
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

    /// <summary>The group check before the first access of a group: both end pages of its span.</summary>
    void EmitGuard(Value address, AccessGuard g)
    {
        var deopt = DeoptimizeStub();
        var pages = Pages;
        // A group that writes needs both tests; on one tag (user mode's permission byte) they fold into one.
        EntryTest[] tests = !g.Write ? [pages.Read] : Folded(pages.Read, pages.Write) is { } both ? [both] : [pages.Read, pages.Write];
        foreach (long delta in new[] { g.Lo, g.Hi - 1 })
            foreach (var t in tests) EntryTest(address, delta, t, deopt);
    }

    /// <summary>One test equivalent to passing both, when they test the same tag bits by value (not by page).</summary>
    static EntryTest? Folded(EntryTest a, EntryTest b)
    {
        if (a.Offset != b.Offset || a.Size != b.Size || a.ComparesPage || b.ComparesPage) return null;
        uint common = a.Mask & b.Mask;
        if ((a.Expect & common) != (b.Expect & common)) return null;
        return new EntryTest(a.Offset, a.Size, a.Mask | b.Mask, (a.Expect & a.Mask) | (b.Expect & b.Mask), ComparesPage: false);
    }

    /// <summary>
    /// What the current load's host address is its guest address plus: the fast path's base, or
    /// what the slow path makes of the address it returned.
    /// </summary>
    LocalBuilder? loadBase;

    /// <summary>
    /// A load whose refusal may still succeed (a device, a TLB miss) meets its slow path before the
    /// one host load, at loadBase + address: the fast path sets loadBase to its base, the slow path
    /// to the address it got (RAM, or the CPU's LoadBuffer holding a device's value) minus the guest
    /// address. The loaded value then has a single definition, which RyuJIT folds into what uses it
    /// (a big-endian guest's byte swap becomes one MOVBE; a value defined on two paths did not fold
    /// and mips strmem ran 7-8% slower). Where a refusal is a fault (RefusedLoadsFault), the slow
    /// path never comes back: the load is the fast path alone.
    /// </summary>
    void LoadOp(IrInst i, OpCode load, StackType type)
    {
        var address = i.Args[0];
        int size = Interpreter.IrInterpreter.SizeOf(i.Op);
        if (guards.GuardAt.TryGetValue(i, out var guard)) EmitGuard(address, guard);
        if (guards.Covered.Contains(i)) HostBase(address);
        else if (Pages.RefusedLoadsFault)
        {
            EntryTest(address, 0, Pages.Read, SlowLoadStub(address, size, back: null));
            HostBase(address);
        }
        else
        {
            loadBase ??= e.DeclareLocal(typeof(nint));
            var back = e.DefineLabel();
            var slow = SlowLoadStub(address, size, back);
            if (!Pages.Contiguous) StraddleCheck(address, size, slow);
            EntryTest(address, 0, Pages.Read, slow);
            HostBase(address);
            e.Stloc(loadBase);
            e.Mark(back);
            e.Ldloc(loadBase);
        }
        PlusGuestAddress(address);
        e.LoadIndirect(load, type);
        Define(i);
    }

    /// <summary>
    /// Out of line: the memory's slow load, which gives the address to read or records a fault; then
    /// back with loadBase set, or (back null: a refusal is a fault) straight to the fault exit.
    /// </summary>
    Label SlowLoadStub(Value address, int size, Label? back)
    {
        var stub = e.DefineLabel();
        int memoryId = targets.MemoryId;
        uint pc = currentPc;
        var deferredAddress = Deferred(address);
        var fault = FaultStub();
        var local = back == null ? null : loadBase!;
        outOfLine.Add(() =>
        {
            e.Mark(stub);
            e.LdargPtr(0); e.LdcI4(memoryId); deferredAddress(); e.LdcI4(size); e.LdcI4((int)pc);
            e.Call(SlowLoadAddressMethod);
            if (local == null)
            {
                e.Pop();
                e.Branch(OpCodes.Br, fault);
                return;
            }
            e.Stloc(local);
            e.Ldloc(local);
            e.Branch(OpCodes.Brfalse, fault);
            e.Ldloc(local); deferredAddress(); e.Convert(OpCodes.Conv_U, StackType.Ptr);
            e.Binary(OpCodes.Sub);
            e.Stloc(local);
            e.Branch(OpCodes.Br, back!.Value);
        });
        return stub;
    }

    void StoreOp(IrInst i, OpCode store, StackType type)
    {
        var address = i.Args[0];
        int size = Interpreter.IrInterpreter.SizeOf(i.Op);
        if (guards.GuardAt.TryGetValue(i, out var guard)) EmitGuard(address, guard);
        var done = e.DefineLabel();
        if (!guards.Covered.Contains(i))
        {
            var slow = SlowStoreStub(address, i.Args[1], size, done);
            StraddleCheck(address, size, slow);
            EntryTest(address, 0, Pages.Write, slow);
        }
        HostAddress(address);
        Load(i.Args[1]);
        e.StoreIndirect(store, type);
        e.Mark(done);
    }

    /// <summary>Out of line: the memory's slow store (it performs the store or records a fault), then back to done.</summary>
    Label SlowStoreStub(Value address, Value value, int size, Label done)
    {
        var stub = e.DefineLabel();
        int memoryId = targets.MemoryId;
        uint pc = currentPc;
        var loadAddress = Deferred(address);
        var loadValue = Deferred(value);
        var fault = FaultStub();
        outOfLine.Add(() =>
        {
            e.Mark(stub);
            e.LdargPtr(0); e.LdcI4(memoryId); loadAddress(); e.LdcI4(size);
            loadValue();
            if (value.Type != IrType.I64) e.Convert(OpCodes.Conv_U8, StackType.I8);
            e.LdcI4((int)pc);
            e.Call(SlowStoreMethod);
            e.Branch(OpCodes.Brfalse, fault);
            e.Branch(OpCodes.Br, done);
        });
        return stub;
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
        var fault = FaultStub();
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
        var fault = FaultStub();
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
