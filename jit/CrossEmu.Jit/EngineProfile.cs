using System.Diagnostics;

namespace CrossEmu.Jit;

/// <summary>
/// Where the engine's time went, for `--profile` (EngineOptions.Profile): Stopwatch ticks per kind of
/// work, measured around each piece on the engine's thread, and what the compile thread did. The
/// engine fills it only when asked, so that a normal run pays nothing for it.
/// </summary>
public sealed class EngineProfile
{
    /// <summary>When the first guest instruction was about to run (UTC), to tell start-up apart.</summary>
    public DateTime? FirstRunUtc;
    /// <summary>Inside ExecutionEngine.Run, all of it (the rest of a run is the runtime: syscalls, signals).</summary>
    public long EngineTicks;
    /// <summary>Decoding guest code into IR (the frontends' lifters).</summary>
    public long LiftTicks;
    /// <summary>What the lifters made: heap bytes and IR instructions.</summary>
    public long LiftAllocatedBytes, LiftedIrInstructions;
    /// <summary>The verifier and the interpreter's label table, per lifted block (the passes run on the compile thread).</summary>
    public long VerifyTicks;
    public long InterpretTicks;
    /// <summary>In compiled code, with the runtime helpers it calls.</summary>
    public long CompiledTicks;
    /// <summary>Returns from Run to the runtime (a syscall, a fault, a signal to deliver...).</summary>
    public long RuntimeExits;
    /// <summary>Returns of compiled code to the engine's loop at a pc it could not chain to.</summary>
    public long CompiledExitsToDispatcher;
    public long RegionsQueued;
    /// <summary>Regions compiled but not installed: some block of theirs was dropped meanwhile.</summary>
    public long RegionsDiscarded;
    /// <summary>From queueing a region to installing it, summed over installed regions.</summary>
    public long QueueToInstallTicks;

    public static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
