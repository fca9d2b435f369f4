using CrossEmu.Isa.Host;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// sendmsg and recvmsg: the guest's 32-bit msghdr and iovecs become the host's; the address goes through
/// SocketAddresses and the ancillary data through ControlMessages. recvmsg writes back msg_namelen,
/// msg_controllen (the bytes of control data used) and msg_flags, as ___sys_recvmsg does.
/// </summary>
static unsafe class SocketMessages
{
    /// <summary>UIO_MAXIOV.</summary>
    const int MaxIovecs = 1024;

    /// <summary>Host room for received control data beyond twice the guest's (host headers and alignment are
    /// bigger): enough for SCM_MAX_FD descriptors, so that the descriptors the guest has no room for reach
    /// the runtime, which closes them as Linux would.</summary>
    const int ExtraControlRoom = 1100;

    public static void Register(SyscallCatalog c)
    {
        c.Add("sendmsg", c2 => Send(c2, c2.Int(0), c2[1], c2.Int(2)), "sockfd:fd, msg:msghdr, flags:msg_flags");
        c.Add("recvmsg", c2 => Receive(c2, c2.Int(0), c2[1], c2.Int(2)), "sockfd:fd, msg:out_msghdr, flags:msg_flags");
        SocketMultipleMessages.Register(c);
    }

    /// <summary>The guest's msghdr, read.</summary>
    readonly record struct GuestMessage(uint Name, uint NameLength, uint Iov, uint IovLength, uint Control, uint ControlLength);

    static long ReadMessage(SyscallContext c, uint address, out GuestMessage message)
    {
        var l = c.Abi.Structs.Ipc.Msghdr;
        var bytes = new byte[l.Size];
        message = default;
        if (!c.Read(address, bytes)) return -EFAULT;
        var s = c.Struct(bytes);
        message = new((uint)s.Get(l.Name), (uint)s.Get(l.NameLength), (uint)s.Get(l.Iov), (uint)s.Get(l.IovLength),
            (uint)s.Get(l.Control), (uint)s.Get(l.ControlLength));
        if (message.IovLength > MaxIovecs) return -EMSGSIZE;
        return message.ControlLength > int.MaxValue ? -ENOBUFS : 0;
    }

    /// <summary>The guest's iovecs as host ones; every buffer must be accessible (import_iovec's access_ok).</summary>
    static long ReadIovecs(SyscallContext c, GuestMessage m, bool forReceive, out HostIovec[] iovecs)
    {
        var l = c.Abi.Structs.Iovec;
        iovecs = new HostIovec[Math.Max(m.IovLength, 1)];
        Span<byte> raw = stackalloc byte[l.Size];
        for (int i = 0; i < m.IovLength; i++)
        {
            if (!c.Read(m.Iov + (uint)(i * l.Size), raw)) return -EFAULT;
            var s = c.Struct(raw);
            uint address = (uint)s.Get(l.Base), length = (uint)s.Get(l.Length);
            if (length > int.MaxValue) return -EINVAL;
            byte* p = forReceive ? c.Writable(address, length) : c.Readable(address, length);
            if (p == null && length > 0) return -EFAULT;
            iovecs[i] = new HostIovec { Base = p, Length = length };
        }
        return 0;
    }

    /// <summary>sendmsg of the guest msghdr at header on host descriptor fd.</summary>
    public static long Send(SyscallContext c, int fd, uint header, int flags)
    {
        c.NoSigpipe = (flags & MSG_NOSIGNAL) != 0;
        long r = ReadMessage(c, header, out var m);
        if (r != 0) return r;
        byte[] name = [];
        if (m.Name != 0 && (r = SocketAddresses.ToHost(c, m.Name, m.NameLength, out name)) != 0) return r;
        if ((r = ReadIovecs(c, m, forReceive: false, out var iovecs)) != 0) return r;
        byte[] control = [];
        if (m.ControlLength > 0)
        {
            var guestControl = new byte[m.ControlLength];
            if (!c.Read(m.Control, guestControl)) return -EFAULT;
            if ((r = ControlMessages.ToHost(c, guestControl, out control)) != 0) return r;
        }
        fixed (byte* n = name)
        fixed (HostIovec* v = iovecs)
        fixed (byte* ctl = control)
        {
            var h = new HostMsghdr
            {
                Name = name.Length > 0 ? n : null, NameLength = (uint)name.Length, Iov = v, IovLength = m.IovLength,
                Control = control.Length > 0 ? ctl : null, ControlLength = (nuint)control.Length,
            };
            return Sys(sendmsg(fd, &h, flags));
        }
    }

    /// <summary>recvmsg into the guest msghdr at header from host descriptor fd.</summary>
    public static long Receive(SyscallContext c, int fd, uint header, int flags)
    {
        long r = ReadMessage(c, header, out var m);
        if (r != 0) return r;
        if ((r = ReadIovecs(c, m, forReceive: true, out var iovecs)) != 0) return r;
        bool closeOnExec = (flags & MSG_CMSG_CLOEXEC) != 0;
        var name = new byte[SocketAddresses.StorageSize];
        var control = new byte[m.ControlLength == 0 ? 0 : 2 * (long)m.ControlLength + ExtraControlRoom];
        HostMsghdr h;
        fixed (byte* n = name)
        fixed (HostIovec* v = iovecs)
        fixed (byte* ctl = control)
        {
            h = new HostMsghdr
            {
                Name = m.Name != 0 ? n : null, NameLength = m.Name != 0 ? (uint)name.Length : 0, Iov = v, IovLength = m.IovLength,
                Control = control.Length > 0 ? ctl : null, ControlLength = (nuint)control.Length,
            };
            // Received descriptors always arrive close-on-exec on the host; the guest's flag is the table's.
            r = Sys(recvmsg(fd, &h, flags | MSG_CMSG_CLOEXEC));
        }
        if (r < 0) return r;
        int resultFlags = h.Flags & ~MSG_CMSG_CLOEXEC;
        var guestControl = ControlMessages.ToGuest(c, control.AsSpan(0, (int)h.ControlLength), (int)m.ControlLength, closeOnExec,
            ref resultFlags);
        if (guestControl.Length > 0 && !c.Write(m.Control, guestControl)) return -EFAULT;
        var l = c.Abi.Structs.Ipc.Msghdr;
        if (m.Name != 0)
        {
            var guestName = SocketAddresses.ToGuest(c, name.AsSpan(0, (int)Math.Min(h.NameLength, (uint)name.Length)));
            int copy = Math.Min(guestName.Length, (int)Math.Min(m.NameLength, int.MaxValue));
            if (copy > 0 && !c.Write(m.Name, guestName.AsSpan(0, copy))) return -EFAULT;
            if (!c.WriteU32(header + (uint)l.NameLength.Offset, (uint)guestName.Length)) return -EFAULT;
        }
        if (!c.WriteU32(header + (uint)l.ControlLength.Offset, (uint)guestControl.Length)) return -EFAULT;
        return c.WriteU32(header + (uint)l.Flags.Offset, (uint)resultFlags) ? r : -EFAULT;
    }
}
