using System.Buffers.Binary;
using System.Text;
using CrossEmu.Machines.Linux.Abi;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>Socket arguments: families, types, MSG_* flags, option levels and names, addresses, msghdr.</summary>
static class SocketFormats
{
    static readonly ValueTable Domains = new(("AF_UNSPEC", AF_UNSPEC), ("AF_UNIX", AF_UNIX), ("AF_INET", AF_INET),
        ("AF_INET6", AF_INET6), ("AF_NETLINK", AF_NETLINK), ("AF_PACKET", 17));
    /// <summary>SOCK_* in host numbers; a guest type is named after the ABI's ToHostType.</summary>
    static readonly ValueTable HostTypes = new(("SOCK_STREAM", SOCK_STREAM), ("SOCK_DGRAM", SOCK_DGRAM), ("SOCK_RAW", SOCK_RAW),
        ("SOCK_RDM", SOCK_RDM), ("SOCK_SEQPACKET", SOCK_SEQPACKET), ("SOCK_PACKET", SOCK_PACKET));
    static readonly FlagTable HostSocketFlags = new(("SOCK_NONBLOCK", SOCK_NONBLOCK), ("SOCK_CLOEXEC", SOCK_CLOEXEC));
    static readonly FlagTable MessageFlags = new(("MSG_OOB", 1), ("MSG_PEEK", 2), ("MSG_DONTROUTE", 4), ("MSG_CTRUNC", 8),
        ("MSG_PROXY", 0x10), ("MSG_TRUNC", 0x20), ("MSG_DONTWAIT", 0x40), ("MSG_EOR", 0x80), ("MSG_WAITALL", 0x100),
        ("MSG_FIN", 0x200), ("MSG_SYN", 0x400), ("MSG_CONFIRM", 0x800), ("MSG_RST", 0x1000), ("MSG_ERRQUEUE", 0x2000),
        ("MSG_NOSIGNAL", 0x4000), ("MSG_MORE", 0x8000), ("MSG_WAITFORONE", 0x10000), ("MSG_FASTOPEN", 0x20000000),
        ("MSG_CMSG_CLOEXEC", 0x40000000));
    static readonly ValueTable ShutdownHow = new(("SHUT_RD", SHUT_RD), ("SHUT_WR", SHUT_WR), ("SHUT_RDWR", SHUT_RDWR));
    static readonly ValueTable Levels = new(("SOL_IP", IPPROTO_IP), ("SOL_TCP", IPPROTO_TCP), ("SOL_UDP", IPPROTO_UDP),
        ("SOL_IPV6", IPPROTO_IPV6));
    /// <summary>SO_* in host numbers; a guest option is named after the ABI's ToHostOption.</summary>
    static readonly ValueTable HostSocketOptions = new(("SO_DEBUG", 1), ("SO_REUSEADDR", 2), ("SO_TYPE", 3), ("SO_ERROR", 4),
        ("SO_DONTROUTE", 5), ("SO_BROADCAST", 6), ("SO_SNDBUF", 7), ("SO_RCVBUF", 8), ("SO_KEEPALIVE", 9), ("SO_OOBINLINE", 10),
        ("SO_NO_CHECK", 11), ("SO_PRIORITY", 12), ("SO_LINGER", 13), ("SO_BSDCOMPAT", 14), ("SO_REUSEPORT", 15),
        ("SO_PASSCRED", 16), ("SO_PEERCRED", 17), ("SO_RCVLOWAT", 18), ("SO_SNDLOWAT", 19), ("SO_RCVTIMEO_OLD", 20),
        ("SO_SNDTIMEO_OLD", 21), ("SO_BINDTODEVICE", 25), ("SO_TIMESTAMP_OLD", 29), ("SO_ACCEPTCONN", 30), ("SO_PEERSEC", 31),
        ("SO_SNDBUFFORCE", 32), ("SO_RCVBUFFORCE", 33), ("SO_MARK", 36), ("SO_PROTOCOL", 38), ("SO_DOMAIN", 39),
        ("SO_RCVTIMEO_NEW", 66), ("SO_SNDTIMEO_NEW", 67));
    static readonly ValueTable TcpOptions = new(("TCP_NODELAY", 1), ("TCP_MAXSEG", 2), ("TCP_CORK", 3), ("TCP_KEEPIDLE", 4),
        ("TCP_KEEPINTVL", 5), ("TCP_KEEPCNT", 6), ("TCP_DEFER_ACCEPT", 9), ("TCP_INFO", 11), ("TCP_CONGESTION", 13),
        ("TCP_QUICKACK", 12), ("TCP_USER_TIMEOUT", 18), ("TCP_FASTOPEN", 23));
    static readonly ValueTable IpOptions = new(("IP_TOS", 1), ("IP_TTL", 2), ("IP_HDRINCL", 3), ("IP_OPTIONS", 4),
        ("IP_PKTINFO", 8), ("IP_RECVERR", 11), ("IP_MULTICAST_IF", 32), ("IP_MULTICAST_TTL", 33), ("IP_MULTICAST_LOOP", 34),
        ("IP_ADD_MEMBERSHIP", 35), ("IP_DROP_MEMBERSHIP", 36));
    static readonly ValueTable Ipv6Options = new(("IPV6_UNICAST_HOPS", 16), ("IPV6_MULTICAST_IF", 17),
        ("IPV6_MULTICAST_HOPS", 18), ("IPV6_MULTICAST_LOOP", 19), ("IPV6_JOIN_GROUP", 20), ("IPV6_LEAVE_GROUP", 21),
        ("IPV6_V6ONLY", 26), ("IPV6_RECVPKTINFO", 49), ("IPV6_TCLASS", 67));

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("socket_domain", (_, v) => Domains.Format((int)v)),
        ArgumentKind.Value("socket_type", SocketType),
        ArgumentKind.Value("socket_flags", (call, v) => HostSocketFlags.Format(call.Abi.OpenFlags.ToHost(v))),
        ArgumentKind.Value("msg_flags", (_, v) => MessageFlags.Format(v)),
        ArgumentKind.Value("shutdown_how", (_, v) => ShutdownHow.Format((int)v)),
        ArgumentKind.Value("sockopt_level", (call, v) => (int)v == call.Abi.Sockets.SolSocket ? "SOL_SOCKET" : Levels.Format((int)v)),
        // The option's name depends on the level, the argument before it.
        new ArgumentKind("sockopt_name", (call, slot) => OptionName(call, call.Int(slot - 1), call.Int(slot))),
        // An int option's value as [n], others as their address; the length is the next argument.
        ArgumentKind.Pointer("sockopt_value", (call, slot) =>
            call[slot + 1] == 4 && call.ReadU32(call[slot], out uint v) ? $"[{(int)v}]" : Quoting.Pointer(call[slot])),
        // An address the call reads; its length is the next argument.
        ArgumentKind.Pointer("sockaddr", (call, slot) => Address(call, call[slot], (int)Math.Min(call[slot + 1], 128u))),
        // An address the call fills in; the next argument points at its length.
        ArgumentKind.Out("out_sockaddr", (call, slot) => call.ReadU32(call[slot + 1], out uint length)
            ? Address(call, call[slot], (int)Math.Min(length, 128u)) : Quoting.Pointer(call[slot])),
        ArgumentKind.Pointer("msghdr", (call, slot) => Message(call, call[slot])),
        ArgumentKind.Out("out_msghdr", (call, slot) => Message(call, call[slot])),
        ArgumentKind.Value("socketcall_call", (_, v) => Syscalls.SocketCall.Name((int)v) is { } name ? $"SYS_{name.ToUpperInvariant()}" : $"{v}"),
    ];

    static string SocketType(StraceCall call, uint v)
    {
        int type = call.Abi.Sockets.ToHostType((int)(v & SOCK_TYPE_MASK));
        string name = HostTypes.Format(type);
        uint flags = call.Abi.OpenFlags.ToHost(v & ~(uint)SOCK_TYPE_MASK);
        return flags == 0 ? name : name + "|" + HostSocketFlags.Format(flags);
    }

    static string OptionName(StraceCall call, int level, int option)
    {
        var sockets = call.Abi.Sockets;
        if (level == sockets.SolSocket) return HostSocketOptions.Find(sockets.ToHostOption(option)) ?? option.ToString();
        var table = level switch { IPPROTO_TCP => TcpOptions, IPPROTO_IP => IpOptions, IPPROTO_IPV6 => Ipv6Options, _ => null };
        return table?.Find(option) ?? option.ToString();
    }

    /// <summary>{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, as strace writes it.</summary>
    public static string Address(StraceCall call, uint address, int length)
    {
        if (length < 2 || call.Read(address, length) is not { } b) return Quoting.Pointer(address);
        int family = call.Context.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
        string head = $"{{sa_family={Domains.Format(family)}";
        switch (family)
        {
            case AF_INET when length >= 8:
                return $"{head}, sin_port=htons({BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(2))}), " +
                    $"sin_addr=inet_addr(\"{b[4]}.{b[5]}.{b[6]}.{b[7]}\")}}";
            case AF_INET6 when length >= 24:
                return $"{head}, sin6_port=htons({BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(2))}), " +
                    $"sin6_addr=\"{new System.Net.IPAddress(b.AsSpan(8, 16))}\"}}";
            case AF_UNIX when length > 2:
                var path = b.AsSpan(2);
                if (path[0] == 0) return $"{head}, sun_path=@{Quoting.Quote(path[1..].TrimEnd((byte)0), false)}}}";
                int end = path.IndexOf((byte)0);
                return $"{head}, sun_path={Quoting.Quote(end < 0 ? path : path[..end], false)}}}";
            default:
                return head + ", ...}";
        }
    }

    static string Message(StraceCall call, uint address)
    {
        var l = call.Structs.Ipc.Msghdr;
        if (call.ReadStruct(address, l.Size) is not { } bytes) return Quoting.Pointer(address);
        var s = call.Struct(bytes);
        var sb = new StringBuilder("{msg_name=");
        uint name = (uint)s.Get(l.Name);
        sb.Append(name == 0 ? "NULL" : Address(call, name, (int)Math.Min(s.Get(l.NameLength), 128)));
        sb.Append($", msg_namelen={s.Get(l.NameLength)}, msg_iovlen={s.Get(l.IovLength)}, msg_controllen={s.Get(l.ControlLength)}, ");
        return sb.Append($"msg_flags={MessageFlags.Format((uint)s.Get(l.Flags))}}}").ToString();
    }
}
