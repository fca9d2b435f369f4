namespace CrossEmu.Jit;

/// <summary>
/// A debugger's breakpoints, as QEMU keeps them: code away from them runs compiled. Inserting one
/// drops the translations of its page (and the regions holding one of them); blocks lifted after
/// end before the breakpoint's address, the block starting there is never compiled, and Run stops
/// with ExitReason.DebugStop before it runs, so only that one block is interpreted.
/// </summary>
public sealed unsafe partial class ExecutionEngine
{
    readonly HashSet<uint> breakpoints = new();

    /// <summary>Run stops before pc (even as its first instruction: Step over a breakpoint to resume from it).</summary>
    public void InsertBreakpoint(uint pc)
    {
        if (breakpoints.Add(pc)) DropTranslations(pc >> memory.FastPath.PageShift, written: false);
    }

    /// <summary>The code around pc may again be one block and compiled.</summary>
    public void RemoveBreakpoint(uint pc)
    {
        if (breakpoints.Remove(pc)) DropTranslations(pc >> memory.FastPath.PageShift, written: false);
    }

    public bool HasBreakpoint(uint pc) => breakpoints.Contains(pc);

    /// <summary>Whether the block at pc must stay in the interpreter (a breakpoint, or the options say so).</summary>
    bool StaysInterpreted(uint pc) => breakpoints.Contains(pc) || options.InterpretOnlyAt?.Invoke(pc) == true;
}
