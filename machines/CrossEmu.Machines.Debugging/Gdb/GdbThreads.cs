using System.Text;

namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>
/// The session's view of the target's threads: which one gdb selected for registers (Hg, and the
/// thread of the last stop), which one for legacy c/s (Hc), how ids are written (plain tids, or
/// pPID.TID once both sides said multiprocess+), and the packets that list and name threads.
/// </summary>
sealed class GdbThreads
{
    const string ThreadsXml = "qXfer:threads:read::";
    readonly IGdbTarget target;
    int selected;
    int resumed = GdbThreadId.All;

    public GdbThreads(IGdbTarget target) { this.target = target; }

    /// <summary>gdb offered multiprocess+ and the stub accepted: ids go as pPID.TID, W and X name the process.</summary>
    public bool Multiprocess { get; set; }

    /// <summary>The thread `g` and `p` read: gdb's choice while it lives, else the first thread.</summary>
    public int Current
    {
        get
        {
            var all = target.Threads;
            return all.Contains(selected) ? selected : all.Count > 0 ? all[0] : target.ProcessId;
        }
        set => selected = value;
    }

    /// <summary>Hc's thread: what a legacy c or s resumes (-1 or 0: no particular one).</summary>
    public int Resumed => resumed;

    public string Format(int thread) => GdbThreadId.Format(target.ProcessId, thread, Multiprocess);

    public string? ProcessSuffix => Multiprocess ? $"{target.ProcessId:x}" : null;

    public string StopReply(GdbStop stop) => stop.Reply(Format(stop.Thread == 0 ? Current : stop.Thread), ProcessSuffix);

    /// <summary>`Hg ID` (registers) or `Hc ID` (legacy resume): a thread that does not exist is E01.</summary>
    public string Select(string args)
    {
        if (args.Length < 1 || !GdbThreadId.TryParse(args[1..], out var id)) return "E22";
        bool some = id.IsAll || id.IsAny;
        if (!some && !target.Threads.Contains(id.Tid)) return "E01";
        if (args[0] == 'g') { if (!some) selected = id.Tid; }
        else if (args[0] == 'c') resumed = some ? GdbThreadId.All : id.Tid;
        else return "";
        return "OK";
    }

    /// <summary>`T ID`: OK while the thread lives.</summary>
    public string IsAlive(string args) =>
        GdbThreadId.TryParse(args, out var id) && target.Threads.Contains(id.Tid) ? "OK" : "E01";

    /// <summary>The thread queries, or null for a packet that is not one.</summary>
    public string? Answer(string packet)
    {
        if (packet == "qfThreadInfo") return "m" + string.Join(',', target.Threads.Select(Format));
        if (packet == "qsThreadInfo") return "l";
        if (packet == "qC") return "QC" + Format(Current);
        if (packet.StartsWith("qThreadExtraInfo,", StringComparison.Ordinal))
        {
            if (!GdbThreadId.TryParse(packet["qThreadExtraInfo,".Length..], out var id)) return "E22";
            return GdbHex.Encode(Encoding.UTF8.GetBytes(target.ThreadName(id.Tid) ?? ""));
        }
        if (packet.StartsWith(ThreadsXml, StringComparison.Ordinal)) return GdbQueries.Slice(ThreadsDocument(), packet[ThreadsXml.Length..]);
        return null;
    }

    /// <summary>qXfer:threads:read's document: every thread with its name, which `info threads` shows.</summary>
    string ThreadsDocument()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<threads>\n");
        foreach (int t in target.Threads)
        {
            sb.Append($"<thread id=\"{Format(t)}\"");
            if (target.ThreadName(t) is { } name) sb.Append($" name=\"{System.Security.SecurityElement.Escape(name)}\"");
            sb.Append("/>\n");
        }
        return sb.Append("</threads>\n").ToString();
    }
}
