using CrossEmu.Isa;
using CrossEmu.Isa.Guests;

namespace CrossEmu.Jit;

public sealed record EngineOptions
{
    public LogFlags Log { get; init; }
    public TextWriter? LogWriter { get; init; }
    /// <summary>The registers `-d cpu` shows; null: every slot of the frontend's state layout.</summary>
    public RegisterTable? Registers { get; init; }
    /// <summary>Disassembles one guest instruction for `-d in_asm` (pc, word) -> text.</summary>
    public Func<uint, uint, string>? Disassemble { get; init; }
    /// <summary>Interpreted runs of a block before its region is compiled.</summary>
    public int HotThreshold { get; init; } = 40;
    /// <summary>Compile on a background thread (the default) or inline, which is deterministic.</summary>
    public bool BackgroundCompile { get; init; } = true;
    /// <summary>Never compile: everything runs in the interpreter.</summary>
    public bool InterpretOnly { get; init; }
    /// <summary>Blocks starting at these pcs are compiled before their first run, so they run compiled
    /// from their first instruction (differential tests of the compiler use it); null: none.</summary>
    public Func<uint, bool>? CompileEagerlyAt { get; init; }
    /// <summary>For an eagerly compiled pc, other block starts to lift and compile in the same region
    /// (code known to run soon): one compilation instead of many.</summary>
    public Func<uint, IEnumerable<uint>>? EagerCompanions { get; init; }
    /// <summary>Blocks starting at these pcs are only ever interpreted; null: none.</summary>
    public Func<uint, bool>? InterpretOnlyAt { get; init; }
    public int MaxRegionBlocks { get; init; } = 16;
    /// <summary>
    /// Lifted IR instructions a region may hold. Counted before the passes, which run on the compile
    /// thread and leave 62-75% of it (MIPS-ARM, measured on strmem): 1,100 is the 800 optimised
    /// instructions regions were sized by when blocks were optimised as they were lifted.
    /// </summary>
    public int MaxRegionIr { get; init; } = 1100;
    /// <summary>Let compiled code check a group of accesses once (see AccessGuards).</summary>
    public bool GroupAccessChecks { get; init; } = true;
    /// <summary>Measure where the time goes into EngineStats.Profile (`--profile`).</summary>
    public bool Profile { get; init; }
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
    /// <summary>Filled when EngineOptions.Profile is set.</summary>
    public EngineProfile? Profile;
}
