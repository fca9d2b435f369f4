using System.Diagnostics;
using CrossEmu.Jit;

namespace CrossEmu.Cli;

/// <summary>
/// `run --profile`: the wall time of the whole process, from its start, split into the parts that
/// decide what to make faster. The engine measures its own parts (EngineProfile); start-up is the
/// time before the first guest instruction, the runtime is the time between the engine's returns
/// (syscalls, signals, the exit path), teardown what follows the guest's end.
/// </summary>
static class ProfileReport
{
    public static void Print(TextWriter w, EngineStats stats, EngineProfile p, ulong instructions)
    {
        var now = DateTime.UtcNow;
        var processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        double wall = (now - processStart).TotalSeconds;
        double startup = p.FirstRunUtc is { } first ? (first - processStart).TotalSeconds : wall;
        double lift = EngineProfile.Seconds(p.LiftTicks), verify = EngineProfile.Seconds(p.VerifyTicks);
        double interpret = EngineProfile.Seconds(p.InterpretTicks), compiled = EngineProfile.Seconds(p.CompiledTicks);
        double engine = EngineProfile.Seconds(p.EngineTicks);
        double dispatch = Math.Max(0, engine - lift - verify - interpret - compiled);
        // Between the first instruction and now, whatever the engine did not do was the runtime's or the exit's.
        double outside = Math.Max(0, wall - startup - engine);
        long blocks = Math.Max(stats.BlocksLifted, 1);

        w.WriteLine($"crossemu: profile of {wall:F3} s wall (from process start), {instructions:N0} guest instructions");
        Row(w, wall, "start-up, to the first guest instruction", startup);
        Row(w, wall, $"lifting {stats.BlocksLifted:N0} blocks ({lift / blocks * 1e6:F1} us, {p.LiftedIrInstructions / blocks} IR instructions, " +
            $"{p.LiftAllocatedBytes / blocks / 1024.0:F1} KiB each)", lift);
        Row(w, wall, $"checking their IR ({verify / blocks * 1e6:F1} us each)", verify);
        Row(w, wall, $"interpreter: {stats.InterpretedRuns:N0} block runs", interpret);
        Row(w, wall, $"compiled code and helpers: {stats.CompiledEntries:N0} entries, " +
            $"{p.CompiledExitsToDispatcher:N0} left at an unchained jump", compiled);
        Row(w, wall, "dispatch: block lookups, installing regions, the engine loop", dispatch);
        Row(w, wall, $"runtime and exit: {p.RuntimeExits:N0} returns (syscalls, faults, signals)", outside);
        double waited = stats.RegionsCompiled > 0 ? EngineProfile.Seconds(p.QueueToInstallTicks) / stats.RegionsCompiled * 1e3 : 0;
        // RyuJIT's work on CrossEmu's own methods and on the regions alike; its time is already inside the rows above.
        w.WriteLine($"crossemu: .NET JIT: {System.Runtime.JitInfo.GetCompiledMethodCount():N0} methods in " +
            $"{System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F3} s ({System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true):N0} " +
            $"in {System.Runtime.JitInfo.GetCompilationTime(currentThread: true).TotalSeconds:F3} s on the guest's thread)");
        w.WriteLine($"crossemu: compile thread: {p.RegionsQueued:N0} regions queued, {stats.RegionsCompiled:N0} installed, " +
            $"{p.RegionsDiscarded:N0} discarded, {stats.CompileMilliseconds / 1e3:F3} s compiling; " +
            $"hot code waited {waited:F1} ms on average from queue to install");
        // The collector pauses every thread: its pauses are inside the rows above too.
        w.WriteLine($"crossemu: .NET GC: {GC.CollectionCount(0):N0} collections ({GC.CollectionCount(1):N0} of gen 1, " +
            $"{GC.CollectionCount(2):N0} of gen 2), paused {GC.GetTotalPauseDuration().TotalSeconds:F3} s, " +
            $"{GC.GetTotalAllocatedBytes() / 1048576.0:F0} MiB allocated");
    }

    static void Row(TextWriter w, double wall, string what, double seconds) =>
        w.WriteLine($"  {what,-92} {seconds,8:F3} s {seconds / Math.Max(wall, 1e-9) * 100,5:F1}%");
}
