using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Abi;

/// <summary>
/// The socket numbers a guest ABI may give other values than the host: the SOCK_* types, SOL_SOCKET and
/// the SO_* options of that level. Address families, MSG_* flags, SCM_* types and the options of the
/// IP, IPv6 and TCP levels are the same everywhere. SOCK_NONBLOCK and SOCK_CLOEXEC are the ABI's
/// O_NONBLOCK and O_CLOEXEC, so they go through its open flags.
/// </summary>
public sealed class SocketNumbering
{
    readonly Dictionary<int, int> typeToHost, typeToGuest, optionToHost;
    /// <summary>Host option numbers the guest uses for nothing (its own value of them is another): invalid.</summary>
    readonly HashSet<int> unusedOptions;

    public SocketNumbering(int solSocket, (int Guest, int Host)[] types, (int Guest, int Host)[] options)
    {
        SolSocket = solSocket;
        typeToHost = types.ToDictionary(t => t.Guest, t => t.Host);
        typeToGuest = types.ToDictionary(t => t.Host, t => t.Guest);
        optionToHost = options.ToDictionary(o => o.Guest, o => o.Host);
        unusedOptions = options.Select(o => o.Host).Where(h => !optionToHost.ContainsKey(h)).ToHashSet();
    }

    /// <summary>The asm-generic numbering, the host's own.</summary>
    public static SocketNumbering Generic { get; } = new(SOL_SOCKET, [], []);

    /// <summary>The guest's SOL_SOCKET (setsockopt levels and control message levels).</summary>
    public int SolSocket { get; }

    public int ToHostType(int guestType) => typeToHost.GetValueOrDefault(guestType, guestType);
    public int ToGuestType(int hostType) => typeToGuest.GetValueOrDefault(hostType, hostType);

    /// <summary>A setsockopt level in host numbering; -1 for the host's SOL_SOCKET number when the guest's is
    /// another (on MIPS level 1 is IPPROTO_ICMP, which has no socket options here).</summary>
    public int ToHostLevel(int guestLevel) =>
        guestLevel == SolSocket ? SOL_SOCKET : guestLevel == SOL_SOCKET ? -1 : guestLevel;

    public int ToGuestLevel(int hostLevel) => hostLevel == SOL_SOCKET ? SolSocket : hostLevel;

    /// <summary>An SO_* option in host numbering, -1 for a number the guest does not use.</summary>
    public int ToHostOption(int guestOption) =>
        optionToHost.TryGetValue(guestOption, out int host) ? host : unusedOptions.Contains(guestOption) ? -1 : guestOption;

    /// <summary>The guest's number of a host SO_* option (for -strace's names), or -1.</summary>
    public int ToGuestOption(int hostOption)
    {
        foreach (var (g, h) in optionToHost) if (h == hostOption) return g;
        return unusedOptions.Contains(hostOption) ? -1 : hostOption;
    }
}
