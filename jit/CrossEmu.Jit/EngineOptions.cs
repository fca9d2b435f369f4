using CrossEmu.Isa;

namespace CrossEmu.Jit;

public sealed class EngineOptions
{
    public LogFlags Log { get; init; }
    public TextWriter? LogWriter { get; init; }
    /// <summary>Disassembles one guest instruction for `-d in_asm` (pc, word) -> text.</summary>
    public Func<uint, uint, string>? Disassemble { get; init; }
    /// <summary>Interpreted runs of a block before its region is compiled.</summary>
    public int HotThreshold { get; init; } = 40;
    /// <summary>Compile on a background thread (the default) or inline, which is deterministic.</summary>
    public bool BackgroundCompile { get; init; } = true;
    /// <summary>Never compile: everything runs in the interpreter.</summary>
    public bool InterpretOnly { get; init; }
    public int MaxRegionBlocks { get; init; } = 16;
    public int MaxRegionIr { get; init; } = 800;
    /// <summary>Let compiled code check a group of accesses once (see AccessGuards).</summary>
    public bool GroupAccessChecks { get; init; } = true;
}

public sealed class EngineStats
{
    public long BlocksLifted;
    public long RegionsCompiled;
    public long InterpretedRuns;
    public long CompiledEntries;
    public long Invalidations;
    /// <summary>Exits of compiled code to the interpreter after a failed group access check.</summary>
    public long Deoptimizations;
    public double CompileMilliseconds;
}
