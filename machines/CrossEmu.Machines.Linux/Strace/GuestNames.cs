using System.Runtime.CompilerServices;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>
/// The name tables of one guest ABI, derived from the host-numbered ones through the ABI's own
/// translation tables (FlagMap.ToGuest, ToGuestErrno, ToHostSignal...), so that -strace names
/// exactly the values the runtime gives a meaning to. Built once per ABI, on first use.
/// </summary>
public sealed class GuestNames
{
    static readonly ConditionalWeakTable<LinuxAbi, GuestNames> ByAbi = new();

    readonly LinuxAbi abi;
    readonly Dictionary<int, int> hostErrnoOfGuest = new();

    public static GuestNames Of(LinuxAbi abi) => ByAbi.GetValue(abi, a => new GuestNames(a));

    GuestNames(LinuxAbi abi)
    {
        this.abi = abi;
        OpenFlags = FileFormats.HostOpenFlags.ToGuest(abi.OpenFlags.ToGuest);
        MmapFlags = MemoryFormats.HostMmapFlags.ToGuest(abi.MmapFlags.ToGuest);
        SigactionFlags = SignalFormats.HostSigactionFlags.ToGuest(abi.SigactionFlags.ToGuest);
        PollEvents = HostPollEvents.ToGuest(v => abi.ToGuestPollEvents((ushort)v));
        for (int host = 1; host < ErrnoNames.HostCount; host++)
            if (ErrnoNames.OfHost(host) != null) hostErrnoOfGuest.TryAdd(abi.ToGuestErrno(host), host);
    }

    static readonly FlagTable HostPollEvents = new(("POLLIN", 1), ("POLLPRI", 2), ("POLLOUT", 4), ("POLLERR", 8),
        ("POLLHUP", 0x10), ("POLLNVAL", 0x20), ("POLLRDNORM", 0x40), ("POLLRDBAND", 0x80), ("POLLWRNORM", 0x100),
        ("POLLWRBAND", 0x200), ("POLLMSG", 0x400), ("POLLREMOVE", 0x1000), ("POLLRDHUP", 0x2000));

    public FlagTable OpenFlags { get; }
    public FlagTable MmapFlags { get; }
    public FlagTable SigactionFlags { get; }
    public FlagTable PollEvents { get; }

    /// <summary>SIGINT, SIGRT_3, or the number when it has no name.</summary>
    public string Signal(int guestSignal) =>
        abi.GuestOnlySignalName(guestSignal) ?? (guestSignal <= 0 ? guestSignal.ToString() : SignalNames.OfHost(abi.ToHostSignal(guestSignal)));

    /// <summary>The host errno a guest errno stands for, or null for a number the ABI never produces.</summary>
    public int? HostErrno(int guestErrno) => hostErrnoOfGuest.TryGetValue(guestErrno, out int host) ? host : null;

    /// <summary>"ENOENT (No such file or directory)" for a guest errno.</summary>
    public string DescribeErrno(int guestErrno) => HostErrno(guestErrno) is int host && ErrnoNames.OfHost(host) is { } name
        ? $"{name} ({ErrnoNames.Message(host)})"
        : $"errno {guestErrno} (unknown)";
}
