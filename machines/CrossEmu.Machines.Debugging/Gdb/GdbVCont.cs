namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>
/// `vCont;ACTION[:THREAD][;ACTION[:THREAD]]...` (gdb's "vCont packet"): c, s, Csig, Ssig, each for a
/// thread id (hex, -1 for all, 0 for any, or pPID.TID in the multiprocess form) or for every thread
/// left. The whole packet is checked before anything runs: a malformed action or thread id is an
/// error (E22, as qemu answers), never a resume; an action the stub does not support (t, r) makes
/// the packet unsupported, as for any packet the stub does not know. The leftmost action that
/// names a thread applies to it; threads no action names stay stopped.
/// </summary>
public static class GdbVCont
{
    public enum Parse { Ok, Malformed, Unsupported }

    /// <param name="current">The thread "any" (0) means: the session's current thread.</param>
    public static Parse TryParse(string actions, int current, out GdbResumePlan plan)
    {
        plan = GdbResumePlan.All(default);
        var threads = new Dictionary<int, GdbResumeAction>();
        GdbResumeAction? others = null;
        foreach (string item in actions.Split(';'))
        {
            int colon = item.IndexOf(':');
            string verb = colon < 0 ? item : item[..colon];
            GdbThreadId id = new(0, GdbThreadId.All);
            if (colon >= 0 && !GdbThreadId.TryParse(item[(colon + 1)..], out id)) return Parse.Malformed;
            if (verb.Length == 0 || verb[0] is not ('c' or 's' or 'C' or 'S')) return Parse.Unsupported;
            bool step = verb[0] is 's' or 'S';
            int signal = 0;
            if (verb[0] is 'C' or 'S')
            {
                if (!TryParseSignal(verb[1..], out signal)) return Parse.Malformed;
            }
            else if (verb.Length != 1) return Parse.Malformed;
            var action = new GdbResumeAction(step, signal);
            if (others != null) continue;   // every thread has its action already
            if (id.IsAll) others = action;
            else threads.TryAdd(id.IsAny ? current : id.Tid, action);
        }
        plan = new GdbResumePlan(threads, others);
        return Parse.Ok;
    }

    /// <summary>A signal number as gdb sends it: two hex digits (one is accepted), 0 to 255.</summary>
    static bool TryParseSignal(string hex, out int signal)
    {
        signal = 0;
        if (hex.Length is < 1 or > 2 || !GdbHex.TryParse(hex, out uint s)) return false;
        signal = (int)s;
        return true;
    }
}
