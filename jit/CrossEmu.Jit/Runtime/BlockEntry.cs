using CrossEmu.Isa.Ir;
using CrossEmu.Jit.Compiler;

namespace CrossEmu.Jit.Runtime;

/// <summary>A lifted and optimised guest block in the translation cache, with its tier state.</summary>
public sealed class BlockEntry
{
    public required IrBlock Block { get; init; }
    public required int[] Labels { get; init; }
    public int Runs;
    /// <summary>Interpreted runs that make the block hot (the base threshold, raised where its page was rewritten).</summary>
    public required long HotAt { get; init; }
    public bool CompileQueued;
    /// <summary>The compiled region to enter at this block, once installed.</summary>
    public CompiledRegion? Region;
    /// <summary>Every compiled region that includes this block.</summary>
    public readonly List<CompiledRegion> InRegions = new();
    public bool Invalid;
}
