using System.Collections.Concurrent;
using System.Diagnostics;
using CrossEmu.Isa;
using CrossEmu.Isa.Guests;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Ir.Passes;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit.Compiler;
using CrossEmu.Jit.Interpreter;
using CrossEmu.Jit.Runtime;

namespace CrossEmu.Jit;

/// <summary>
/// Runs guest code for one CPU state until it needs the runtime (syscall, fault, trap...).
/// Blocks are lifted on first use and interpreted (tier 0); a block that keeps running is
/// compiled, with the blocks it leads to, into a region on a background thread (tier 1).
/// Compiled regions link to each other through the chain table and the indirect map, so once
/// code is hot it runs from region to region without coming back here.
/// </summary>
public sealed unsafe partial class ExecutionEngine : IDisposable
{
    readonly IGuestFrontend frontend;
    readonly IGuestMemory memory;
    readonly EngineOptions options;
    readonly TranslationCache cache;
    /// <summary>One-instruction blocks for Step, apart from the normal blocks so Run never sees them.</summary>
    readonly TranslationCache steps;
    readonly IrInterpreter interpreter;
    readonly ChainTable chain = new();
    readonly IndirectMap indirect = new();
    readonly CompileTargets targets;
    readonly GuestCodeReader reader;
    readonly BlockingCollection<Region> compileQueue = new();
    readonly ConcurrentQueue<(Region region, CompiledRegion? code, Exception? error)> compiled = new();
    readonly Thread? compilerThread;
    readonly bool logBlockEntries;
    readonly RegisterTable cpuLog;
    /// <summary>The CPU states in Run now (one per guest thread), whose code a store may have replaced.</summary>
    readonly List<nint> running = new();

    /// <summary>Group access checks that failed, by guest pc; past a limit the pc gets per-access checks.</summary>
    readonly Dictionary<uint, int> deoptimizations = new();
    readonly ConcurrentDictionary<uint, bool> noAccessGroups = new();
    const int DeoptimizationLimit = 16;

    public EngineStats Stats { get; } = new();
    /// <summary>Stats.Profile when EngineOptions.Profile asks for it, else null.</summary>
    readonly EngineProfile? profile;

    public ExecutionEngine(IGuestFrontend frontend, IGuestMemory memory, EngineOptions? options = null)
    {
        this.frontend = frontend;
        this.memory = memory;
        this.options = options ?? new EngineOptions();
        if (this.options.Profile) profile = Stats.Profile = new EngineProfile();
        cache = new TranslationCache(memory);
        steps = new TranslationCache(memory);
        interpreter = new IrInterpreter(frontend.Layout, memory);
        reader = new GuestCodeReader(memory, breakpoints);
        bool chaining = (this.options.Log & LogFlags.NoChain) == 0;
        targets = new CompileTargets
        {
            Memory = memory, MemoryId = GuestAccess.Register(memory),
            Chain = chaining ? chain : null, Indirect = chaining ? indirect : null,
            AccessGroupsAllowedAt = this.options.GroupAccessChecks ? pc => !noAccessGroups.ContainsKey(pc) : null,
        };
        cpuLog = this.options.Registers ?? RegisterTable.FromLayout(frontend.Layout);
        // Logging every block entry needs every entry to pass through here.
        logBlockEntries = (this.options.Log & (LogFlags.Exec | LogFlags.Cpu)) != 0 && this.options.LogWriter != null;
        memory.CodeWritten += OnCodeWritten;
        if (this.options.BackgroundCompile && !this.options.InterpretOnly && !logBlockEntries)
        {
            compilerThread = new Thread(CompileLoop) { IsBackground = true, Name = "CrossEmu region compiler" };
            compilerThread.Start();
        }
    }

    bool disposed;

    /// <summary>Where this engine's regions are compiled; freed with the engine.</summary>
    public RegionModule CodeModule => targets.Module;

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        memory.CodeWritten -= OnCodeWritten;
        compileQueue.CompleteAdding();
        // Regions still queued would be compiled only to be thrown away: the compile thread finishes
        // the one in hand and stops (a short program used to wait ~0.1 s at exit for dozens).
        while (compileQueue.TryTake(out _)) { }
        compilerThread?.Join(2000);
        GuestAccess.Unregister(memory);
        // Compiled code holds these tables' addresses: they go only once no code can run.
        if (compilerThread == null || !compilerThread.IsAlive)
        {
            chain.Dispose();
            indirect.Dispose();
        }
    }

    /// <summary>Runs until an exit the runtime must handle; the state's header describes it.</summary>
    public ExitReason Run(void* state)
    {
        if (profile == null) return RunUntilExit(state);
        profile.FirstRunUtc ??= DateTime.UtcNow;
        long start = Stopwatch.GetTimestamp();
        var reason = RunUntilExit(state);
        profile.EngineTicks += Stopwatch.GetTimestamp() - start;
        profile.RuntimeExits++;
        return reason;
    }

    ExitReason RunUntilExit(void* state)
    {
        var h = (CpuHeader*)state;
        lock (running) running.Add((nint)h);
        bool interpretNext = false;
        try
        {
            while (true)
            {
                // A plain read first: the exchange is a locked instruction, and requests are rare.
                if (Volatile.Read(ref h->ExitRequest) != 0 && (Interlocked.Exchange(ref h->ExitRequest, 0) & CpuHeader.WantRuntime) != 0)
                {
                    h->Exit = ExitReason.Interrupted;
                    return ExitReason.Interrupted;
                }
                uint pc = h->Pc;
                if (breakpoints.Count > 0 && breakpoints.Contains(pc))
                {
                    h->Exit = ExitReason.DebugStop;
                    return ExitReason.DebugStop;
                }
                var (region, entry) = NextBlock(h, pc, interpretNext);
                if (entry == null && region == null) continue;   // queued for compiling now: installed next time round
                ExitReason reason;
                if (region != null) reason = profile == null ? Enter(region, state, pc) : EnterProfiled(region, state, pc);
                else reason = profile == null ? interpreter.Run(entry!.Block, entry.Labels, (byte*)state) : InterpretProfiled(entry!, state);
                interpretNext = reason == ExitReason.Deoptimize;
                if (interpretNext) { using (Shared()) Deoptimized(h->Pc); }
                else if (reason != ExitReason.Jump) return reason;
            }
        }
        finally { lock (running) running.Remove((nint)h); }
    }

    /// <summary>
    /// What runs at pc: its compiled region, or the lifted block for the interpreter (lifted now if
    /// new, and queued for compiling once hot); (null, null) when it was just compiled eagerly.
    /// The translation state is shared by the guest's threads: this part runs under the engine's lock
    /// once a second thread exists; the guest code itself runs outside it.
    /// </summary>
    (CompiledRegion? Region, BlockEntry? Entry) NextBlock(CpuHeader* h, uint pc, bool interpretNext)
    {
        using var _ = Shared();
        InstallCompiled();
        if (cache.TryGet(pc, out var entry) && entry.Region is { } region && !logBlockEntries && !interpretNext)
        {
            Stats.CompiledEntries++;
            return (region, null);
        }
        if (entry == null) entry = Lift(pc);
        if (!entry.CompileQueued && options.CompileEagerlyAt?.Invoke(pc) == true && !options.InterpretOnly && !logBlockEntries)
        {
            QueueRegion([entry, .. EagerCompanions(pc)], now: true);
            return (null, null);
        }
        if (logBlockEntries) LogEntry(h, entry);
        Stats.InterpretedRuns++;
        if (++entry.Runs >= entry.HotAt && !entry.CompileQueued
            && !options.InterpretOnly && !logBlockEntries && !StaysInterpreted(pc)) QueueRegion(entry);
        return (null, entry);
    }

    readonly object translationLock = new();
    volatile bool concurrent;

    /// <summary>The guest has more than one thread from now on: translation state is locked while used.</summary>
    public void EnableConcurrency() => concurrent = true;

    /// <summary>Holds the translation lock when the guest has threads (a no-op otherwise).</summary>
    SharedSection Shared() => new(concurrent ? translationLock : null);

    readonly ref struct SharedSection
    {
        readonly object? held;
        public SharedSection(object? gate) { held = gate; if (gate != null) Monitor.Enter(gate); }
        public void Dispose() { if (held != null) Monitor.Exit(held); }
    }

    static ExitReason Enter(CompiledRegion region, void* state, uint pc) =>
        (ExitReason)((delegate*<byte*, int, int>)region.Function)((byte*)state, (int)pc);

    ExitReason EnterProfiled(CompiledRegion region, void* state, uint pc)
    {
        long start = Stopwatch.GetTimestamp();
        var reason = Enter(region, state, pc);
        profile!.CompiledTicks += Stopwatch.GetTimestamp() - start;
        if (reason == ExitReason.Jump) profile.CompiledExitsToDispatcher++;
        return reason;
    }

    ExitReason InterpretProfiled(BlockEntry entry, void* state)
    {
        long start = Stopwatch.GetTimestamp();
        var reason = interpreter.Run(entry.Block, entry.Labels, (byte*)state);
        profile!.InterpretTicks += Stopwatch.GetTimestamp() - start;
        return reason;
    }

    /// <summary>
    /// How many interpreted runs make the block at pc hot. Each time its page's code was written over
    /// the threshold doubles (up to 256 times): code that a guest replaces after a few hundred runs (a
    /// JIT's code buffer, a patched trampoline) stays in the interpreter instead of being compiled to
    /// be thrown away. A guest that rewrote a function every 200 calls spent 2.2 s of its 2.9 s so,
    /// compiling 10,000 regions of which 15 were ever installed.
    /// </summary>
    long HotThresholdAt(uint pc) => (long)options.HotThreshold << Math.Min(cache.RewritesOf(pc), MaxRewriteShift);

    const int MaxRewriteShift = 8;

    /// <summary>
    /// A group access check failed at pc; the interpreter runs the next block. A pc that keeps
    /// failing loses its group checks: its translations are dropped and compiled again without.
    /// </summary>
    void Deoptimized(uint pc)
    {
        Stats.Deoptimizations++;
        int n = deoptimizations.GetValueOrDefault(pc) + 1;
        deoptimizations[pc] = n;
        if (n < DeoptimizationLimit) return;
        noAccessGroups[pc] = true;
        deoptimizations.Remove(pc);
        DropTranslations(pc >> memory.FastPath.PageShift, written: false);
    }

    /// <summary>
    /// Runs exactly one guest instruction (a MIPS branch with its delay slot) in the interpreter,
    /// for a debugger's single step and breakpoints. Run is unaffected: it has no debugger checks.
    /// </summary>
    public ExitReason Step(void* state)
    {
        uint pc = ((CpuHeader*)state)->Pc;
        if (!steps.TryGet(pc, out var entry)) entry = Lift(frontend.Lift(pc, reader, 1), steps);
        return interpreter.Run(entry.Block, entry.Labels, (byte*)state);
    }

    BlockEntry Lift(uint pc)
    {
        if (profile == null) return Lift(frontend.Lift(pc, reader), cache);
        long start = Stopwatch.GetTimestamp(), allocated = GC.GetAllocatedBytesForCurrentThread();
        var block = frontend.Lift(pc, reader);
        profile.LiftTicks += Stopwatch.GetTimestamp() - start;
        profile.LiftAllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
        profile.LiftedIrInstructions += block.Insts.Count;
        return Lift(block, cache);
    }

    /// <summary>
    /// Enters a lifted block as the interpreter runs it: verified but not optimised. Most blocks run
    /// a few times and never again (a program's start-up), and the passes cost three times the
    /// lifting (about 20 us a block against 6), far more than they save the interpreter. A block
    /// that gets hot is optimised on the compile thread, on a copy, before it is compiled.
    /// </summary>
    BlockEntry Lift(IrBlock block, TranslationCache into)
    {
        var log = options.LogWriter;
        if (log != null && (options.Log & LogFlags.InAsm) != 0) LogGuestCode(log, block);
        if (log != null && (options.Log & LogFlags.Op) != 0) LogOptimised(log, block);
        long start = profile != null ? Stopwatch.GetTimestamp() : 0;
        IrVerifier.Assert(block, frontend.Layout);
        // The page's rewrite count cannot change while the entry lives: a write drops the entry.
        var entry = new BlockEntry { Block = block, Labels = IrInterpreter.LabelTable(block), HotAt = HotThresholdAt(block.GuestPc) };
        if (profile != null) profile.VerifyTicks += Stopwatch.GetTimestamp() - start;
        into.Add(entry);
        Stats.BlocksLifted++;
        return entry;
    }

    /// <summary>-d op: the block as lifted and as the compiler will see it.</summary>
    void LogOptimised(TextWriter log, IrBlock block)
    {
        log.Write("OP:\n" + IrPrinter.Format(block, s => frontend.Layout[s].Name));
        var optimised = PassPipeline.OptimizedCopy(block, frontend.Layout);
        log.Write("OP after optimization:\n" + IrPrinter.Format(optimised, s => frontend.Layout[s].Name) + "\n");
    }

    void LogGuestCode(TextWriter log, IrBlock block)
    {
        log.WriteLine("IN:");
        uint? previous = null;
        foreach (var i in block.Insts.Where(i => i.Op == Opcode.InsnStart))
        {
            uint pc = (uint)i.Aux, word = (uint)i.Aux2;
            // A delay slot carries its branch's pc (exceptions there report the branch): show its own.
            bool delaySlot = pc == previous;
            previous = pc;
            if (delaySlot) pc += 4;
            log.WriteLine($"0x{pc:x8}:  {word:x8}      {options.Disassemble?.Invoke(pc, word) ?? ""}{(delaySlot ? "   (delay slot)" : "")}");
        }
        log.WriteLine();
    }

    void LogEntry(CpuHeader* h, BlockEntry entry)
    {
        var log = options.LogWriter!;
        if ((options.Log & LogFlags.Exec) != 0) log.WriteLine($"Trace: [{h->Pc:x8}] {entry.Block.GuestInsnCount} insns");
        if ((options.Log & LogFlags.Cpu) != 0) log.Write(cpuLog.FormatForLog((byte*)h));
    }

    // ---- tier 1

    /// <summary>The hot block and the blocks it jumps to directly that have run before, breadth first.</summary>
    void QueueRegion(BlockEntry head) => QueueRegion([head], now: false);

    /// <summary>A region of the heads (the first one is its main entry) and the blocks they jump to.</summary>
    void QueueRegion(List<BlockEntry> heads, bool now)
    {
        var region = new Region();
        var seen = new HashSet<uint>();
        var work = new Queue<BlockEntry>();
        foreach (var head in heads)
            if (seen.Add(head.Block.GuestPc)) work.Enqueue(head);
        int size = 0;
        while (work.Count > 0 && region.Blocks.Count < options.MaxRegionBlocks)
        {
            var e = work.Dequeue();
            if (size + e.Block.Insts.Count > options.MaxRegionIr && region.Blocks.Count > 0) continue;
            region.Blocks.Add(e.Block);
            size += e.Block.Insts.Count;
            foreach (var i in e.Block.Insts)
                if (i.Op == Opcode.ExitJump && seen.Add((uint)i.Aux) && cache.TryGet((uint)i.Aux, out var next) && next.Runs > 0
                    && !StaysInterpreted((uint)i.Aux))
                    work.Enqueue(next);
        }
        // Every block of a region is an entry into it: none of them needs a region of its own.
        foreach (var b in region.Blocks)
            if (cache.TryGet(b.GuestPc, out var member)) member.CompileQueued = true;
        if (profile != null)
        {
            profile.RegionsQueued++;
            region.QueuedAt = Stopwatch.GetTimestamp();
        }
        if (compilerThread != null && !now) compileQueue.Add(region);
        else compiled.Enqueue(CompileNow(region));
    }

    /// <summary>The blocks EngineOptions.EagerCompanions names for pc, lifted, that no region has yet.</summary>
    IEnumerable<BlockEntry> EagerCompanions(uint pc)
    {
        foreach (uint other in options.EagerCompanions?.Invoke(pc) ?? [])
        {
            var e = cache.TryGet(other, out var known) ? known : Lift(other);
            if (!e.CompileQueued) yield return e;
        }
    }

    /// <summary>Optimises copies of the region's blocks (the interpreter may be running the originals) and compiles them.</summary>
    (Region, CompiledRegion?, Exception?) CompileNow(Region region)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var optimised = new Region();
            foreach (var block in region.Blocks) optimised.Blocks.Add(PassPipeline.OptimizedCopy(block, frontend.Layout));
            var code = RegionCompiler.Compile(optimised, frontend.Layout, targets);
            lock (Stats) Stats.CompileMilliseconds += sw.Elapsed.TotalMilliseconds;
            return (region, code, null);
        }
        catch (Exception ex) { return (region, null, ex); }
    }

    void CompileLoop()
    {
        foreach (var region in compileQueue.GetConsumingEnumerable()) compiled.Enqueue(CompileNow(region));
    }

    /// <summary>Installs finished regions, on the engine's thread, unless their code changed meanwhile.</summary>
    void InstallCompiled()
    {
        while (!compiled.IsEmpty && compiled.TryDequeue(out var done))
        {
            var (region, code, error) = done;
            if (error != null || code == null) throw new InvalidOperationException($"compiling the region at 0x{region.EntryPc:x8} failed", error);
            var entries = new List<BlockEntry>();
            foreach (var b in region.Blocks)
                if (cache.TryGet(b.GuestPc, out var e) && ReferenceEquals(e.Block, b)) entries.Add(e);
            if (entries.Count != region.Blocks.Count)
            {
                if (profile != null) profile.RegionsDiscarded++;
                continue;   // some block was invalidated
            }
            if (profile != null) profile.QueueToInstallTicks += Stopwatch.GetTimestamp() - region.QueuedAt;
            foreach (var e in entries)
            {
                e.Region = code;
                e.InRegions.Add(code);
                chain.Set(e.Block.GuestPc, code.Function);
                indirect.Set(e.Block.GuestPc, code.Function);
            }
            Stats.RegionsCompiled++;
        }
    }

    /// <summary>Guest code was written (by any guest thread): drop its translations and unlink regions that contain it.</summary>
    void OnCodeWritten(uint page)
    {
        using var _ = Shared();
        DropTranslations(page, written: true);
    }

    /// <summary>Drops a page's translations and unlinks the regions that contain one; written: the guest wrote over them.</summary>
    void DropTranslations(uint page, bool written)
    {
        steps.InvalidatePage(page, written);
        foreach (var dropped in cache.InvalidatePage(page, written))
        {
            Stats.Invalidations++;
            chain.Set(dropped.Block.GuestPc, 0);
            indirect.Remove(dropped.Block.GuestPc);
            // Every region that includes the block goes, for all of its entries.
            foreach (var region in dropped.InRegions)
                foreach (var b in region.Region.Blocks)
                {
                    if (!cache.TryGet(b.GuestPc, out var member) || member.Region != region) continue;
                    chain.Set(b.GuestPc, 0);
                    indirect.Remove(b.GuestPc);
                    member.Region = null;
                    member.CompileQueued = false;
                    member.Runs = 0;
                }
        }
        // Code that is running may be the code just replaced: make every thread running code come back here soon.
        lock (running)
            foreach (var h in running) Interlocked.Or(ref ((CpuHeader*)h)->ExitRequest, CpuHeader.LeaveCode);
    }
}
