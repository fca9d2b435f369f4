using System.Buffers.Binary;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// setsockopt and getsockopt. The level and SO_* names go through the ABI's numbering; values are ints in
/// the guest's byte order except the timeouts (the guest's 32-bit struct timeval for the _OLD options, two
/// 64-bit words for the _NEW ones), SO_LINGER and SO_PEERCRED (two and three ints), and the options whose
/// value is a string or bytes in network order (copied as they are). SO_TYPE and SO_ERROR answer in the
/// guest's socket types and errno numbers.
/// </summary>
static unsafe class SocketOptions
{
    const int SO_BINDTODEVICE = 25, SO_PEERSEC = 31, TCP_CONGESTION = 13, TCP_ULP = 31;
    const int HostTimevalSize = 16, MaxOptionLength = 1 << 16;

    public static void Register(SyscallCatalog c)
    {
        c.Add("setsockopt", SetOption, "sockfd:fd, level:sockopt_level, optname:sockopt_name, optval:sockopt_value, optlen:int");
        c.Add("getsockopt", GetOption, "sockfd:fd, level:sockopt_level, optname:sockopt_name, optval:ptr, optlen:ptr");
    }

    enum ValueKind { Int, OldTimeval, NewTimeval, Bytes }

    /// <summary>The option in host numbers and how its value is laid out; -ENOPROTOOPT for names the guest lacks.</summary>
    static long HostOption(SyscallContext c, out int level, out int name, out ValueKind kind)
    {
        var numbering = c.Abi.Sockets;
        level = numbering.ToHostLevel(c.Int(1));
        name = level == SOL_SOCKET ? numbering.ToHostOption(c.Int(2)) : c.Int(2);
        kind = (level, name) switch
        {
            (SOL_SOCKET, SO_RCVTIMEO_OLD or SO_SNDTIMEO_OLD) => ValueKind.OldTimeval,
            (SOL_SOCKET, SO_RCVTIMEO_NEW or SO_SNDTIMEO_NEW) => ValueKind.NewTimeval,
            (SOL_SOCKET, SO_BINDTODEVICE or SO_PEERSEC) or (IPPROTO_TCP, TCP_CONGESTION or TCP_ULP) => ValueKind.Bytes,
            // Other levels' structs (ip_mreq...) hold addresses in network order: only a lone int is swapped.
            _ => ValueKind.Int,
        };
        return level < 0 || name < 0 ? -ENOPROTOOPT : 0;
    }

    static long SetOption(SyscallContext c)
    {
        long r = HostOption(c, out int level, out int name, out var kind);
        if (r != 0) return r;
        int length = c.Int(4);
        if (length < 0) return -EINVAL;
        var value = new byte[Math.Min(length, MaxOptionLength)];
        if (!c.Read(c[3], value)) return -EFAULT;
        if (kind == ValueKind.OldTimeval)
        {
            var l = c.Abi.Structs.Timeval;
            if (value.Length < l.Size) return -EINVAL;
            var s = c.Struct(value);
            var host = new byte[HostTimevalSize];
            BinaryPrimitives.WriteInt64LittleEndian(host, s.GetSigned(l.Seconds));
            BinaryPrimitives.WriteInt64LittleEndian(host.AsSpan(8), s.GetSigned(l.Microseconds));
            value = host;
        }
        else if (kind != ValueKind.Bytes) Swap(c, value, kind, level);
        fixed (byte* p = value) return Sys(setsockopt(c.Int(0), level, name, p, (uint)value.Length));
    }

    static long GetOption(SyscallContext c)
    {
        long r = HostOption(c, out int level, out int name, out var kind);
        if (r != 0) return r;
        if (!c.ReadU32(c[4], out uint room)) return -EFAULT;
        if ((int)room < 0) return -EINVAL;
        var timeval = c.Abi.Structs.Timeval;
        var value = new byte[kind == ValueKind.OldTimeval ? HostTimevalSize : Math.Min((int)room, MaxOptionLength)];
        uint length = (uint)value.Length;
        fixed (byte* p = value) r = Sys(getsockopt(c.Int(0), level, name, p, &length));
        if (r != 0) return r;
        byte[] guest;
        if (kind == ValueKind.OldTimeval)
        {
            guest = new byte[timeval.Size];
            var s = c.Struct(guest);
            s.Put(timeval.Seconds, BinaryPrimitives.ReadInt64LittleEndian(value));
            s.Put(timeval.Microseconds, BinaryPrimitives.ReadInt64LittleEndian(value.AsSpan(8)));
            guest = guest.AsSpan(0, Math.Min((int)room, guest.Length)).ToArray();
        }
        else
        {
            guest = value.AsSpan(0, (int)Math.Min(length, (uint)value.Length)).ToArray();
            if (guest.Length == 4 && level == SOL_SOCKET) AnswerInGuestNumbers(c, name, guest);
            if (kind != ValueKind.Bytes) Swap(c, guest, kind, level);
        }
        if (guest.Length > 0 && !c.Write(c[3], guest)) return -EFAULT;
        return c.WriteU32(c[4], (uint)guest.Length) ? 0 : -EFAULT;
    }

    /// <summary>SO_TYPE's socket type and SO_ERROR's errno, renumbered for the guest (host byte order still).</summary>
    static void AnswerInGuestNumbers(SyscallContext c, int name, byte[] value)
    {
        int v = BinaryPrimitives.ReadInt32LittleEndian(value);
        if (name == SO_TYPE) v = c.Abi.Sockets.ToGuestType(v);
        else if (name == SO_ERROR && v > 0) v = c.Abi.ToGuestErrno(v);
        else return;
        BinaryPrimitives.WriteInt32LittleEndian(value, v);
    }

    /// <summary>Host byte order to the guest's and back: each int of a SOL_SOCKET value (struct linger and ucred
    /// are ints) or each 64-bit word of a _NEW timeval; at other levels only a value that is one int.</summary>
    static void Swap(SyscallContext c, byte[] value, ValueKind kind, int level)
    {
        if (!c.BigEndian || (level != SOL_SOCKET && value.Length != 4)) return;
        int width = kind == ValueKind.NewTimeval ? 8 : 4;
        if (value.Length % width != 0) return;
        for (int i = 0; i < value.Length; i += width) value.AsSpan(i, width).Reverse();
    }
}
