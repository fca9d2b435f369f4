using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// Making, naming and connecting sockets. Every socket is a host socket made with SOCK_CLOEXEC and
/// installed in the guest's table (the guest's SOCK_CLOEXEC becomes its FD_CLOEXEC); types and flags go
/// through the ABI's numbering, addresses through SocketAddresses.
/// </summary>
static unsafe class SocketSyscalls
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("socket", Socket, "domain:socket_domain, type:socket_type, protocol:int");
        c.Add("socketpair", SocketPair, "domain:socket_domain, type:socket_type, protocol:int, sv:out_fds");
        c.Add("bind", c2 => WithAddress(c2, bind), "sockfd:fd, addr:sockaddr, addrlen:int");
        c.Add("connect", c2 => WithAddress(c2, connect), "sockfd:fd, addr:sockaddr, addrlen:int");
        c.Add("listen", c2 => Sys(listen(c2.Int(0), c2.Int(1))), "sockfd:fd, backlog:int");
        c.Add("accept", c2 => Accept(c2, 0), "sockfd:fd, addr:out_sockaddr, addrlen:ptr");
        c.Add("accept4", c2 => Accept(c2, c2[3]), "sockfd:fd, addr:out_sockaddr, addrlen:ptr, flags:socket_flags");
        c.Add("shutdown", c2 => Sys(shutdown(c2.Int(0), c2.Int(1))), "sockfd:fd, how:shutdown_how");
        c.Add("getsockname", c2 => Name(c2, getsockname), "sockfd:fd, addr:out_sockaddr, addrlen:ptr");
        c.Add("getpeername", c2 => Name(c2, getpeername), "sockfd:fd, addr:out_sockaddr, addrlen:ptr");
        SocketTransfer.Register(c);
        SocketMessages.Register(c);
        SocketOptions.Register(c);
    }

    /// <summary>SOCK_NONBLOCK and SOCK_CLOEXEC (the ABI's O_NONBLOCK and O_CLOEXEC) as host flags; -EINVAL for others.</summary>
    public static long HostSocketFlags(SyscallContext c, uint guestFlags, out int hostFlags)
    {
        hostFlags = (int)c.Abi.OpenFlags.ToHost(guestFlags);
        return (hostFlags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0 ? -EINVAL : 0;
    }

    /// <summary>A guest type word (SOCK_* | flags) as the host's, always with SOCK_CLOEXEC.</summary>
    static long HostType(SyscallContext c, uint guestType, out int hostType, out bool closeOnExec)
    {
        hostType = 0;
        closeOnExec = false;
        long r = HostSocketFlags(c, guestType & ~(uint)SOCK_TYPE_MASK, out int flags);
        if (r != 0) return r;
        closeOnExec = (flags & SOCK_CLOEXEC) != 0;
        hostType = c.Abi.Sockets.ToHostType((int)(guestType & SOCK_TYPE_MASK)) | flags | SOCK_CLOEXEC;
        return 0;
    }

    static long Socket(SyscallContext c)
    {
        long r = HostType(c, c[1], out int type, out bool closeOnExec);
        return r != 0 ? r : c.Process.Files.AddResult(Sys(socket(c.Int(0), type, c.Int(2))), closeOnExec);
    }

    static long SocketPair(SyscallContext c)
    {
        long r = HostType(c, c[1], out int type, out bool closeOnExec);
        if (r != 0) return r;
        int* fds = stackalloc int[2];
        r = Sys(socketpair(c.Int(0), type, c.Int(2), fds));
        if (r != 0) return r;
        var files = c.Process.Files;
        long first = files.Add(fds[0], closeOnExec);
        if (first < 0) { close(fds[1]); return first; }
        long second = files.Add(fds[1], closeOnExec);
        if (second < 0) { files.Close((int)first); return second; }
        if (c.WriteU32(c[3], (uint)first) && c.WriteU32(c[3] + 4, (uint)second)) return 0;
        files.Close((int)first);
        files.Close((int)second);
        return -EFAULT;
    }

    delegate int AddressCall(int fd, byte* address, uint length);

    static long WithAddress(SyscallContext c, AddressCall call)
    {
        long r = SocketAddresses.ToHost(c, c[1], c[2], out var address);
        if (r != 0) return r;
        fixed (byte* p = address) return Sys(call(c.Int(0), p, (uint)address.Length));
    }

    // As __sys_accept4: the connection is taken first, then the peer's address stored; a bad address
    // buffer closes the new descriptor again.
    static long Accept(SyscallContext c, uint guestFlags)
    {
        long r = HostSocketFlags(c, guestFlags, out int flags);
        if (r != 0) return r;
        byte* address = stackalloc byte[SocketAddresses.StorageSize];
        uint length = SocketAddresses.StorageSize;
        long host = Sys(accept4(c.Int(0), address, &length, flags | SOCK_CLOEXEC));
        long fd = c.Process.Files.AddResult(host, (flags & SOCK_CLOEXEC) != 0);
        if (fd < 0 || c[1] == 0) return fd;
        r = SocketAddresses.Store(c, new ReadOnlySpan<byte>(address, (int)Math.Min(length, SocketAddresses.StorageSize)), c[1], c[2]);
        if (r == 0) return fd;
        c.Process.Files.Close((int)fd);
        return r;
    }

    delegate int NameCall(int fd, byte* address, uint* length);

    static long Name(SyscallContext c, NameCall call)
    {
        long r = SocketAddresses.ReadRoom(c, c[2], out _);
        if (r != 0) return r;
        byte* address = stackalloc byte[SocketAddresses.StorageSize];
        uint length = SocketAddresses.StorageSize;
        r = Sys(call(c.Int(0), address, &length));
        if (r != 0) return r;
        return SocketAddresses.Store(c, new ReadOnlySpan<byte>(address, (int)Math.Min(length, SocketAddresses.StorageSize)), c[1], c[2]);
    }
}
