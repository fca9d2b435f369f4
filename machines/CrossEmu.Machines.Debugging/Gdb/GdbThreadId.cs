namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>
/// A thread id as packets carry it (Hg, Hc, T, vCont): a hex tid, -1 for all threads, 0 for any
/// thread, or in the multiprocess form pPID.TID (pPID alone: every thread of PID). Pid is 0 when
/// the id names no process.
/// </summary>
public readonly record struct GdbThreadId(int Pid, int Tid)
{
    public const int All = -1, Any = 0;

    public bool IsAll => Tid == All;
    public bool IsAny => Tid == Any;

    public static bool TryParse(string text, out GdbThreadId id)
    {
        id = default;
        if (!text.StartsWith('p')) return TryParsePart(text, out int tid) && Set(0, tid, out id);
        int dot = text.IndexOf('.');
        if (dot < 0) return TryParsePart(text[1..], out int pid) && Set(pid, All, out id);
        return TryParsePart(text[1..dot], out int p) && TryParsePart(text[(dot + 1)..], out int t) && Set(p, t, out id);
    }

    static bool Set(int pid, int tid, out GdbThreadId id)
    {
        id = new GdbThreadId(pid, tid);
        return true;
    }

    static bool TryParsePart(string part, out int value)
    {
        value = All;
        if (part == "-1") return true;
        if (part.Length is 0 or > 8 || !GdbHex.TryParse(part, out uint v)) return false;
        value = (int)v;
        return true;
    }

    /// <summary>How the stub writes a thread: pPID.TID once gdb and the stub agreed on multiprocess+, else the tid.</summary>
    public static string Format(int pid, int tid, bool multiprocess) => multiprocess ? $"p{pid:x}.{tid:x}" : $"{tid:x}";
}
