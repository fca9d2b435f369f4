using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;

namespace CrossEmu.Jit.Compiler;

/// <summary>Blocks compiled together into one method; the first is the entry.</summary>
public sealed class Region
{
    public readonly List<IrBlock> Blocks = new();
    public uint EntryPc => Blocks[0].GuestPc;
    public int IrSize => Blocks.Sum(b => b.Insts.Count);
    /// <summary>Stopwatch timestamp of its queueing (when profiling).</summary>
    public long QueuedAt;
}

/// <summary>A compiled region: a function pointer int fn(byte* state), kept alive with its method.</summary>
public sealed class CompiledRegion
{
    public required nint Function { get; init; }
    public required Region Region { get; init; }
    public required System.Reflection.MethodInfo Method { get; init; }
}

/// <summary>What compiled code links against.</summary>
public sealed unsafe class CompileTargets
{
    /// <summary>The guest memory: its fast path is emitted inline, its slow path called by MemoryId.</summary>
    public required IGuestMemory Memory { get; init; }
    public required int MemoryId { get; init; }
    /// <summary>Where the code goes; an engine keeps one for its lifetime.</summary>
    public RegionModule Module { get; init; } = new();
    public Runtime.ChainTable? Chain { get; init; }
    public Runtime.IndirectMap? Indirect { get; init; }
    /// <summary>
    /// Whether accesses may share one permission check (see AccessGuards), and where not: a pc
    /// whose group check keeps failing gets per-access checks when its code is compiled again.
    /// Null: every access checks itself.
    /// </summary>
    public Func<uint, bool>? AccessGroupsAllowedAt { get; init; }
    /// <summary>Guest registers in IL locals: null decides per region (see RegionCompiler), tests force either way.</summary>
    public bool? RegistersInLocals { get; init; }
    /// <summary>Single-use values emitted inside the IL expression that uses them (see ExpressionTrees).</summary>
    public bool ExpressionTrees { get; init; } = true;
}
