using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>send, sendto, recv and recvfrom: the guest's buffer is handed to the host as it is; MSG_* flags
/// are the same on every ABI.</summary>
static unsafe class SocketTransfer
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("send", c2 => SendTo(c2, 0, 0), "sockfd:fd, buf:in_buf, len:size, flags:msg_flags");
        c.Add("sendto", c2 => SendTo(c2, c2[4], c2[5]), "sockfd:fd, buf:in_buf, len:size, flags:msg_flags, addr:sockaddr, addrlen:int");
        c.Add("recv", c2 => ReceiveFrom(c2, 0, 0), "sockfd:fd, buf:out_buf, len:size, flags:msg_flags");
        c.Add("recvfrom", c2 => ReceiveFrom(c2, c2[4], c2[5]),
            "sockfd:fd, buf:out_buf, len:size, flags:msg_flags, addr:out_sockaddr, addrlen:ptr");
    }

    static long SendTo(SyscallContext c, uint address, uint addressLength)
    {
        // MSG_NOSIGNAL: a broken connection is only EPIPE, no SIGPIPE.
        c.NoSigpipe = (c.Int(3) & MSG_NOSIGNAL) != 0;
        byte* buffer = c.Readable(c[1], c[2]);
        if (buffer == null) return -EFAULT;
        byte[] hostAddress = [];
        if (address != 0)
        {
            long r = SocketAddresses.ToHost(c, address, addressLength, out hostAddress);
            if (r != 0) return r;
        }
        fixed (byte* a = hostAddress)
            return Sys(sendto(c.Int(0), buffer, c[2], c.Int(3), hostAddress.Length == 0 ? null : a, (uint)hostAddress.Length));
    }

    static long ReceiveFrom(SyscallContext c, uint address, uint lengthAddress)
    {
        byte* buffer = c.Writable(c[1], c[2]);
        if (buffer == null) return -EFAULT;
        byte* hostAddress = stackalloc byte[SocketAddresses.StorageSize];
        uint length = SocketAddresses.StorageSize;
        long r = Sys(recvfrom(c.Int(0), buffer, c[2], c.Int(3), address != 0 ? hostAddress : null, address != 0 ? &length : null));
        if (r < 0 || address == 0) return r;
        var name = new ReadOnlySpan<byte>(hostAddress, (int)Math.Min(length, SocketAddresses.StorageSize));
        long stored = SocketAddresses.Store(c, name, address, lengthAddress);
        return stored != 0 ? stored : r;
    }
}
