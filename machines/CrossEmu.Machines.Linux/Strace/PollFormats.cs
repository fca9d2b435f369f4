using System.Text;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>poll's pollfd arrays and select's fd_sets, and their results.</summary>
static class PollFormats
{
    const int MaxPollFdsShown = 8, PollFdSize = 8;

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Pointer("fdset", FdSet),
        ArgumentKind.Pointer("pollfds", PollFds),
    ];

    public static IEnumerable<ResultKind> Results =>
    [
        new ResultKind("poll", PollResult),
        new ResultKind("select", (_, r) => r == 0 ? "0 (Timeout)" : r.ToString()),
    ];

    // The descriptors that became ready: [{fd=0, revents=POLLIN}] (the pollfd array and its count are
    // the first two arguments).
    static string PollResult(StraceCall call, long result)
    {
        if (result == 0) return "0 (Timeout)";
        var ready = new List<string>();
        for (int i = 0; i < Math.Min(call.Int(1), MaxPollFdsShown); i++)
        {
            if (call.ReadStruct(call[0] + (uint)(i * PollFdSize), PollFdSize) is not { } b) break;
            var s = call.Struct(b);
            uint revents = (uint)s.Get(Field.U16(6));
            if (revents != 0) ready.Add($"{{fd={(int)s.Get(Field.U32(0))}, revents={call.Names.PollEvents.Format(revents)}}}");
        }
        return $"{result} ([{string.Join(", ", ready)}])";
    }

    // select's fd_set: bit n of the 32-bit word n / 32 is descriptor n; nfds is the first argument.
    static string FdSet(StraceCall call, int slot)
    {
        int nfds = Math.Clamp(call.Int(0), 0, 1024);
        var sb = new StringBuilder("[");
        for (int word = 0; word * 32 < nfds; word++)
        {
            if (!call.ReadU32(call[slot] + (uint)(4 * word), out uint bits)) return Quoting.Pointer(call[slot]);
            for (int bit = 0; bit < 32 && word * 32 + bit < nfds; bit++)
                if ((bits & (1u << bit)) != 0) sb.Append(sb.Length > 1 ? " " : "").Append(word * 32 + bit);
        }
        return sb.Append(']').ToString();
    }

    // struct pollfd { int fd; short events, revents; }; the count is the next argument.
    static string PollFds(StraceCall call, int slot)
    {
        int count = call.Int(slot + 1);
        var sb = new StringBuilder("[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(", ");
            if (i == MaxPollFdsShown) return sb.Append("...]").ToString();
            if (call.ReadStruct(call[slot] + (uint)(i * PollFdSize), PollFdSize) is not { } b) return Quoting.Pointer(call[slot]);
            var s = call.Struct(b);
            sb.Append($"{{fd={(int)s.Get(Field.U32(0))}, events={call.Names.PollEvents.Format((uint)s.Get(Field.U16(4)))}}}");
        }
        return sb.Append(']').ToString();
    }
}
