using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>epoll's operations and events, and timerfd's struct itimerspec.</summary>
static class EventFormats
{
    const int MaxEventsShown = 8;

    static readonly ValueTable Operations = new(("EPOLL_CTL_ADD", 1), ("EPOLL_CTL_DEL", 2), ("EPOLL_CTL_MOD", 3));
    static readonly FlagTable Events = new(("EPOLLIN", 1), ("EPOLLPRI", 2), ("EPOLLOUT", 4), ("EPOLLERR", 8), ("EPOLLHUP", 0x10),
        ("EPOLLNVAL", 0x20), ("EPOLLRDNORM", 0x40), ("EPOLLRDBAND", 0x80), ("EPOLLWRNORM", 0x100), ("EPOLLWRBAND", 0x200),
        ("EPOLLMSG", 0x400), ("EPOLLRDHUP", 0x2000), ("EPOLLEXCLUSIVE", 1u << 28), ("EPOLLWAKEUP", 1u << 29),
        ("EPOLLONESHOT", 1u << 30), ("EPOLLET", 1u << 31));

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("epoll_op", (_, v) => Operations.Format((int)v)),
        ArgumentKind.Pointer("epoll_event", (call, slot) => EventList(call, call[slot], 1, list: false)),
        // The events epoll_wait filled in: as many as it returned.
        ArgumentKind.Out("out_epoll_events", (call, slot) => EventList(call, call[slot], (int)call.Result, list: true)),
        ArgumentKind.Pointer("itimerspec", (call, slot) => Itimerspec(call, call[slot], call.Structs.Timespec32)),
        ArgumentKind.Pointer("itimerspec64", (call, slot) => Itimerspec(call, call[slot], call.Structs.Timespec64)),
        ArgumentKind.Out("out_itimerspec", (call, slot) => Itimerspec(call, call[slot], call.Structs.Timespec32)),
        ArgumentKind.Out("out_itimerspec64", (call, slot) => Itimerspec(call, call[slot], call.Structs.Timespec64)),
    ];

    static string EventList(StraceCall call, uint address, int count, bool list)
    {
        var l = call.Structs.Ipc.EpollEvent;
        var shown = new List<string>();
        for (int i = 0; i < Math.Min(count, MaxEventsShown); i++)
        {
            if (call.ReadStruct(address + (uint)(i * l.Size), l.Size) is not { } b) return Quoting.Pointer(address);
            var s = call.Struct(b);
            shown.Add($"{{events={Events.Format((uint)s.Get(l.Events))}, data=0x{s.Get(l.Data):x}}}");
        }
        if (count > MaxEventsShown) shown.Add("...");
        return list ? $"[{string.Join(", ", shown)}]" : shown[0];
    }

    static string Itimerspec(StraceCall call, uint address, TimespecLayout l) =>
        $"{{it_interval={TimeFormats.Timespec(call, address, l)}, it_value={TimeFormats.Timespec(call, address + (uint)l.Size, l)}}}";
}
