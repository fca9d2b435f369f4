namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>What a `vCont` packet asks of the one thread: step or continue, with a signal to deliver.</summary>
public readonly record struct GdbResumeAction(bool Step, int Signal);

/// <summary>
/// `vCont;ACTION[:THREAD][;ACTION[:THREAD]]...` (gdb's "vCont packet"): c, s, Csig, Ssig, each for a
/// thread id (hex, -1 for all, 0 for any, or pPID.TID in the multiprocess form) or for every thread
/// left. The whole packet is checked before anything runs: a malformed action or thread id is an
/// error (E22, as qemu answers), never a resume; an action the stub does not support (t, r) makes
/// the packet unsupported, as for any packet the stub does not know. With one thread, the first
/// action applies (gdb lists the thread-specific actions before the default).
/// </summary>
public static class GdbVCont
{
    public enum Parse { Ok, Malformed, Unsupported }

    public static Parse TryParse(string actions, out GdbResumeAction resume)
    {
        resume = default;
        GdbResumeAction? first = null;
        foreach (string item in actions.Split(';'))
        {
            int colon = item.IndexOf(':');
            string verb = colon < 0 ? item : item[..colon];
            if (colon >= 0 && !IsThreadId(item[(colon + 1)..])) return Parse.Malformed;
            if (verb.Length == 0 || verb[0] is not ('c' or 's' or 'C' or 'S')) return Parse.Unsupported;
            bool step = verb[0] is 's' or 'S';
            int signal = 0;
            if (verb[0] is 'C' or 'S')
            {
                if (!TryParseSignal(verb[1..], out signal)) return Parse.Malformed;
            }
            else if (verb.Length != 1) return Parse.Malformed;
            first ??= new GdbResumeAction(step, signal);
        }
        resume = first!.Value;
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

    /// <summary>A thread id: hex, -1 (all) or 0 (any), optionally as pPID.TID or pPID.</summary>
    static bool IsThreadId(string id)
    {
        if (id.StartsWith('p'))
        {
            int dot = id.IndexOf('.');
            return dot < 0 ? IsIdPart(id[1..]) : IsIdPart(id[1..dot]) && IsIdPart(id[(dot + 1)..]);
        }
        return IsIdPart(id);
    }

    static bool IsIdPart(string part) => part == "-1" || (part.Length is > 0 and <= 8 && GdbHex.TryParse(part, out _));
}
