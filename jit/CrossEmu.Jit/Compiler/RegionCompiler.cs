using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Compiler;

/// <summary>
/// Tier 1: compiles a region (several IR blocks) into one static method
/// `int Run(byte* state, int pc)` in a dynamic assembly. Every block of the region is an entry:
/// the method starts at the block of `pc`, so one compilation serves all the ways into a loop.
/// Guest registers live in IL locals for the whole region (loaded at entry, written back at
/// exits) so RyuJIT keeps them in host registers; jumps between blocks of the region are IL
/// branches; exits to other regions are tail calls through the chain table or the indirect map,
/// so compiled code does not return to a dispatcher per block.
/// </summary>
public sealed unsafe partial class RegionCompiler : IIrVisitor
{
    static int regionCounter;

    static readonly int ExitRequestOffset = (int)Marshal.OffsetOf<CpuHeader>(nameof(CpuHeader.ExitRequest));
    static readonly int InsnCountOffset = (int)Marshal.OffsetOf<CpuHeader>(nameof(CpuHeader.InsnCount));
    static readonly int PcOffset = (int)Marshal.OffsetOf<CpuHeader>(nameof(CpuHeader.Pc));
    static readonly int ExitOffset = (int)Marshal.OffsetOf<CpuHeader>(nameof(CpuHeader.Exit));
    static readonly int ExitArgOffset = (int)Marshal.OffsetOf<CpuHeader>(nameof(CpuHeader.ExitArg));
    static readonly int FaultAddressOffset = (int)Marshal.OffsetOf<CpuHeader>(nameof(CpuHeader.FaultAddress));

    readonly GuestStateLayout layout;
    readonly CompileTargets targets;
    readonly Region region;
    IlEmitter e = null!;

    // guest registers of the region, and which the region writes
    readonly Dictionary<int, LocalBuilder> slotLocals = new();
    readonly HashSet<int> dirtySlots = new();
    // IR values held in locals, reused once a value's last use is behind us
    readonly Dictionary<IrInst, LocalBuilder> valueLocals = new();
    readonly Dictionary<StackType, Stack<LocalBuilder>> freeLocals = new();
    ExpressionTrees trees = null!;
    readonly Dictionary<uint, Label> blockLabels = new();
    readonly Dictionary<uint, int> blockIndex = new();
    Dictionary<long, Label> irLabels = new();
    AccessGuards guards = AccessGuards.None;
    readonly List<Action> outOfLine = new();

    LocalBuilder insnCount = null!, exitPc = null!, exitReason = null!, chainFn = null!, scratch64 = null!;
    Label exitLabel, chainLabel, indirectLabel;
    int currentBlock;
    uint currentPc;

    RegionCompiler(GuestStateLayout layout, CompileTargets targets, Region region)
    {
        this.layout = layout; this.targets = targets; this.region = region;
    }

    public static CompiledRegion Compile(Region region, GuestStateLayout layout, CompileTargets targets)
    {
        var name = $"R{Interlocked.Increment(ref regionCounter)}_{region.EntryPc:x8}";
        var type = targets.Module.DefineType(name, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        var method = type.DefineMethod("Run", MethodAttributes.Public | MethodAttributes.Static, typeof(int), new[] { typeof(byte*), typeof(int) });
        method.SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
        new RegionCompiler(layout, targets, region).Emit(method.GetILGenerator());
        var created = targets.Module.CreateType(type);
        var run = created.GetMethod("Run")!;
        RuntimeHelpers.PrepareMethod(run.MethodHandle);
        return new CompiledRegion { Function = run.MethodHandle.GetFunctionPointer(), Region = region, Method = run };
    }

    void Emit(ILGenerator il)
    {
        e = new IlEmitter(il);
        insnCount = e.DeclareLocal(typeof(long));
        exitPc = e.DeclareLocal(typeof(int));
        exitReason = e.DeclareLocal(typeof(int));
        chainFn = e.DeclareLocal(typeof(nint));
        scratch64 = e.DeclareLocal(typeof(long));
        exitLabel = e.DefineLabel(); chainLabel = e.DefineLabel(); indirectLabel = e.DefineLabel();

        for (int b = 0; b < region.Blocks.Count; b++)
        {
            blockLabels[region.Blocks[b].GuestPc] = e.DefineLabel();
            blockIndex[region.Blocks[b].GuestPc] = b;
        }
        DeclareSlotLocals();
        EmitPrologue();
        for (currentBlock = 0; currentBlock < region.Blocks.Count; currentBlock++) EmitBlock(region.Blocks[currentBlock]);
        foreach (var stub in outOfLine) stub();
        EmitEpilogues();
    }

    /// <summary>
    /// Guest registers live in locals only in a region that loops inside itself, where the
    /// locals pay for their load at entry and write-back at exit many times over. Elsewhere the
    /// register passes have already removed repeated accesses within a block, so each remaining
    /// access goes straight to the state, and entering or leaving the region costs nothing.
    /// </summary>
    bool CacheRegistersInLocals()
    {
        if (targets.RegistersInLocals is { } forced) return forced;
        for (int b = 0; b < region.Blocks.Count; b++)
            foreach (var i in region.Blocks[b].Insts)
                if (i.Op == Opcode.ExitJump && blockIndex.TryGetValue((uint)i.Aux, out int target) && target <= b)
                    return true;
        return false;
    }

    void DeclareSlotLocals()
    {
        if (!CacheRegistersInLocals()) return;
        foreach (var i in region.Blocks.SelectMany(b => b.Insts))
        {
            if (i.Desc.AuxName != "slot") continue;
            int slot = (int)i.Aux;
            if (!slotLocals.ContainsKey(slot))
                slotLocals[slot] = e.DeclareLocal(layout[slot].Type == IrType.I64 ? typeof(long) : typeof(int));
            if (!i.HasResult) dirtySlots.Add(slot);
        }
    }

    void EmitPrologue()
    {
        EmitLoadSlots();
        StatePointer(InsnCountOffset);
        e.LoadIndirect(OpCodes.Ldind_I8, StackType.I8);
        e.Stloc(insnCount);
        // Enter at the block of pc (the head first: it is the usual way in).
        foreach (var (pc, label) in blockLabels.OrderBy(kv => blockIndex[kv.Key]))
        {
            e.LdargI4(1); e.LdcI4((int)pc);
            e.Branch(OpCodes.Beq, label);
        }
        e.LdargI4(1); e.Stloc(exitPc);
        e.LdcI4((int)ExitReason.Jump); e.Stloc(exitReason);
        e.Branch(OpCodes.Br, exitLabel);
    }

    /// <summary>Loads every guest register the region uses into its local.</summary>
    void EmitLoadSlots()
    {
        foreach (var (slot, local) in slotLocals)
        {
            LoadSlotFromState(slot);
            e.Stloc(local);
        }
    }

    void StatePointer(int offset)
    {
        e.LdargPtr(0);
        if (offset != 0) { e.LdcI4(offset); e.Binary(OpCodes.Add); }
    }

    void EmitBlock(IrBlock block)
    {
        e.Mark(blockLabels[block.GuestPc]);
        currentPc = block.GuestPc;
        e.Ldloc(insnCount); e.LdcI8(block.GuestInsnCount); e.Binary(OpCodes.Add); e.Stloc(insnCount);
        irLabels = new Dictionary<long, Label>();
        for (int l = 0; l < block.LabelCount; l++) irLabels[l] = e.DefineLabel();
        trees = ExpressionTrees.Plan(block, targets.ExpressionTrees);
        // Group checks assume consecutive pages are consecutive host memory (see PageTableLayout.Contiguous).
        guards = targets.AccessGroupsAllowedAt is { } allowed && Pages.Contiguous ? AccessGuards.Plan(block, allowed) : AccessGuards.None;
        foreach (var inst in block.Insts)
        {
            if (trees.Inline.Contains(inst)) continue;   // emitted where it is used
            IrDispatch.Visit(this, inst);
            ReleaseDeadLocals(inst);
            e.AssertEmpty(inst.ToString());
        }
    }

    void ReleaseDeadLocals(IrInst i)
    {
        if (!trees.ReleasedAt.TryGetValue(i.Id, out var dead)) return;
        foreach (var d in dead)
            if (valueLocals.Remove(d, out var local))
                freeLocals[IlEmitter.StackTypeOf(local.LocalType)].Push(local);
    }

    // ---- values

    void Load(Value v)
    {
        if (v.IsConstant)
        {
            if (v.Type == IrType.I64) e.LdcI8((long)v.Constant); else e.LdcI4((int)(uint)v.Constant);
            return;
        }
        if (trees.Inline.Contains(v.Def!)) { IrDispatch.Visit(this, v.Def!); return; }
        e.Ldloc(valueLocals[v.Def!]);
    }

    /// <summary>Stores the value on the stack as the instruction's result (or drops it if unused; an
    /// inlined value stays on the stack for its use).</summary>
    void Define(IrInst i)
    {
        if (trees.Inline.Contains(i)) return;
        if (!trees.LastUse.ContainsKey(i)) { e.Pop(); return; }
        var st = i.Type == IrType.I64 ? StackType.I8 : StackType.I4;
        if (!freeLocals.TryGetValue(st, out var pool)) freeLocals[st] = pool = new Stack<LocalBuilder>();
        var local = pool.Count > 0 ? pool.Pop() : e.DeclareLocal(st == StackType.I8 ? typeof(long) : typeof(int));
        e.Stloc(local);
        valueLocals[i] = local;
    }

    // ---- exits

    void SetExit(uint pc, ExitReason reason)
    {
        e.LdcI4((int)pc); e.Stloc(exitPc);
        e.LdcI4((int)reason); e.Stloc(exitReason);
    }

    void BranchIfExitRequested(Label target)
    {
        StatePointer(ExitRequestOffset);
        e.Volatile();
        e.LoadIndirect(OpCodes.Ldind_I4, StackType.I4);
        e.Branch(OpCodes.Brtrue, target);
    }

    void ExitTo(uint target)
    {
        if (blockLabels.TryGetValue(target, out var inRegion))
        {
            if (blockIndex[target] <= currentBlock)
            {
                // A loop inside the region: let the runtime in at each back edge when it asks, from
                // a stub that sets the exit (the loop itself then stores nothing for it).
                var leave = e.DefineLabel();
                outOfLine.Add(() =>
                {
                    e.Mark(leave);
                    SetExit(target, ExitReason.Jump);
                    e.Branch(OpCodes.Br, exitLabel);
                });
                BranchIfExitRequested(leave);
            }
            e.Branch(OpCodes.Br, inRegion);
            return;
        }
        SetExit(target, ExitReason.Jump);
        nint* slot = targets.Chain is { } chain ? chain.SlotFor(target) : null;
        if (slot == null) { e.Branch(OpCodes.Br, exitLabel); return; }
        e.LdcPtr((nint)slot);
        e.LoadIndirect(OpCodes.Ldind_I, StackType.Ptr);
        e.Stloc(chainFn);
        e.Branch(OpCodes.Br, chainLabel);
    }

    void EmitWriteback()
    {
        foreach (var slot in dirtySlots) StoreSlotToState(slot, () => e.Ldloc(slotLocals[slot]));
        StatePointer(InsnCountOffset);
        e.Ldloc(insnCount);
        e.StoreIndirect(OpCodes.Stind_I8, StackType.I8);
    }

    void EmitEpilogues()
    {
        // indirect: exitPc holds the target; probe the indirect map, else leave.
        e.Mark(indirectLabel);
        if (targets.Indirect is { } map)
        {
            var entry = e.DeclareLocal(typeof(nint));
            e.LdcPtr((nint)map.Entries);
            e.Ldloc(exitPc); e.LdcI4(2); e.Shift(OpCodes.Shr_Un); e.LdcI4((int)Runtime.IndirectMap.Mask); e.Binary(OpCodes.And);
            e.LdcI4(16); e.Binary(OpCodes.Mul); e.Convert(OpCodes.Conv_U, StackType.Ptr);
            e.Binary(OpCodes.Add); e.Stloc(entry);
            e.Ldloc(entry); e.LoadIndirect(OpCodes.Ldind_I8, StackType.I8);
            e.Ldloc(exitPc); e.Convert(OpCodes.Conv_U8, StackType.I8);
            e.Branch(OpCodes.Bne_Un, exitLabel);
            e.Ldloc(entry); e.LdcI4(8); e.Binary(OpCodes.Add); e.LoadIndirect(OpCodes.Ldind_I, StackType.Ptr);
            e.Stloc(chainFn);
        }
        else e.Branch(OpCodes.Br, exitLabel);

        // chain: chainFn holds the next region, or zero.
        e.Mark(chainLabel);
        e.Ldloc(chainFn); e.Branch(OpCodes.Brfalse, exitLabel);
        BranchIfExitRequested(exitLabel);
        EmitWriteback();
        e.LdargPtr(0); e.Ldloc(exitPc); e.Ldloc(chainFn);
        e.TailCallRegion();

        // leave to the runtime with exitPc / exitReason.
        e.Mark(exitLabel);
        EmitWriteback();
        StatePointer(PcOffset); e.Ldloc(exitPc); e.StoreIndirect(OpCodes.Stind_I4, StackType.I4);
        StatePointer(ExitOffset); e.Ldloc(exitReason); e.StoreIndirect(OpCodes.Stind_I4, StackType.I4);
        e.Ldloc(exitReason);
        e.Ret();
    }

    // ---- control and exits (visitor)

    public void VisitInsnStart(IrInst i) => currentPc = (uint)i.Aux;
    public void VisitLabel(IrInst i) => e.Mark(irLabels[i.Aux]);
    public void VisitBr(IrInst i) => e.Branch(OpCodes.Br, irLabels[i.Aux]);
    public void VisitBrIf(IrInst i) { Load(i.Args[0]); e.Branch(OpCodes.Brtrue, irLabels[i.Aux]); }

    public void VisitExitJump(IrInst i) => ExitTo((uint)i.Aux);

    public void VisitExitIndirect(IrInst i)
    {
        Load(i.Args[0]); e.Stloc(exitPc);
        e.LdcI4((int)ExitReason.Jump); e.Stloc(exitReason);
        e.Branch(OpCodes.Br, indirectLabel);
    }

    public void VisitExitTrap(IrInst i) => EmitTrapExit(() => Load(i.Args[0]), (ExitReason)i.Aux, (uint)i.Aux2);

    /// <summary>A conditional trap: the exit itself is out of line, off the straight path.</summary>
    public void VisitExitTrapIf(IrInst i)
    {
        var stub = e.DefineLabel();
        var loadArg = Deferred(i.Args[0]);
        var reason = (ExitReason)i.Aux;
        uint pc = (uint)i.Aux2;
        Load(i.Args[1]);
        e.Branch(OpCodes.Brtrue, stub);
        outOfLine.Add(() =>
        {
            e.Mark(stub);
            EmitTrapExit(loadArg, reason, pc);
        });
    }

    /// <summary>Leaves with a trap: its argument (also the fault address of a memory or alignment fault) and pc.</summary>
    void EmitTrapExit(Action loadArg, ExitReason reason, uint pc)
    {
        StatePointer(ExitArgOffset); loadArg(); e.StoreIndirect(OpCodes.Stind_I4, StackType.I4);
        if (reason is ExitReason.MemoryFault or ExitReason.AlignmentFault)
        {
            StatePointer(FaultAddressOffset); loadArg(); e.StoreIndirect(OpCodes.Stind_I4, StackType.I4);
        }
        SetExit(pc, reason);
        e.Branch(OpCodes.Br, exitLabel);
    }

    // ---- guest registers

    public void VisitGetReg1(IrInst i) => GetReg(i);
    public void VisitGetReg32(IrInst i) => GetReg(i);
    public void VisitGetReg64(IrInst i) => GetReg(i);
    public void VisitSetReg1(IrInst i) => SetReg(i);
    public void VisitSetReg32(IrInst i) => SetReg(i);
    public void VisitSetReg64(IrInst i) => SetReg(i);

    void GetReg(IrInst i)
    {
        int slot = (int)i.Aux;
        if (slotLocals.TryGetValue(slot, out var local)) e.Ldloc(local);
        else LoadSlotFromState(slot);
        Define(i);
    }

    void SetReg(IrInst i)
    {
        int slot = (int)i.Aux;
        if (slotLocals.TryGetValue(slot, out var local)) { Load(i.Args[0]); e.Stloc(local); }
        else StoreSlotToState(slot, () => Load(i.Args[0]));
    }

    /// <summary>Pushes a guest register read from the state.</summary>
    void LoadSlotFromState(int slot)
    {
        StatePointer(layout[slot].Offset);
        switch (layout[slot].Type)
        {
            case IrType.I1: e.LoadIndirect(OpCodes.Ldind_U1, StackType.I4); break;
            case IrType.I32: e.LoadIndirect(OpCodes.Ldind_I4, StackType.I4); break;
            default: e.LoadIndirect(OpCodes.Ldind_I8, StackType.I8); break;
        }
    }

    /// <summary>Writes the value pushed by loadValue to a guest register in the state.</summary>
    void StoreSlotToState(int slot, Action loadValue)
    {
        StatePointer(layout[slot].Offset);
        loadValue();
        switch (layout[slot].Type)
        {
            case IrType.I1: e.StoreIndirect(OpCodes.Stind_I1, StackType.I4); break;
            case IrType.I32: e.StoreIndirect(OpCodes.Stind_I4, StackType.I4); break;
            default: e.StoreIndirect(OpCodes.Stind_I8, StackType.I8); break;
        }
    }

    // ---- helpers: guest state in memory is exact around the call

    public void VisitCallHelper(IrInst i)
    {
        EmitWriteback();
        e.LdargPtr(0);
        foreach (var a in i.Args) Load(a);
        e.Call(IrHelpers.Get(i.Aux).Method);
        EmitLoadSlots();
        Define(i);
    }
}
