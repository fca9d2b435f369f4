namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>What one thread does when the target resumes: step or continue, with a signal to deliver first.</summary>
public readonly record struct GdbResumeAction(bool Step, int Signal);

/// <summary>
/// What a resume asks of each thread: an action per named thread, and Others for every thread not
/// named (also those that start while the target runs); null Others leaves them stopped, as a
/// `vCont;s:TID` alone does (gdb stepping one thread over a breakpoint).
/// </summary>
public sealed record GdbResumePlan(IReadOnlyDictionary<int, GdbResumeAction> Threads, GdbResumeAction? Others)
{
    public GdbResumeAction? For(int thread) => Threads.TryGetValue(thread, out var a) ? a : Others;

    /// <summary>Whether some thread may run on and on (Ctrl-C must then be watched for).</summary>
    public bool Continues => Others is { Step: false } || Threads.Values.Any(a => !a.Step);

    public static GdbResumePlan All(GdbResumeAction action) => new(new Dictionary<int, GdbResumeAction>(), action);

    public static GdbResumePlan Only(int thread, GdbResumeAction action) => new(new Dictionary<int, GdbResumeAction> { [thread] = action }, null);
}
