using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// sendmmsg and recvmmsg as a loop of sendmsg and recvmsg over the guest's struct mmsghdr (its msghdr, then
/// the u32 msg_len each call fills in), as __sys_sendmmsg and do_recvmmsg loop: an error after at least
/// one message ends the loop with the count. recvmmsg's timeout is checked between messages only, as Linux does.
/// </summary>
static class SocketMultipleMessages
{
    /// <summary>UIO_MAXIOV: the most messages one call handles.</summary>
    const uint MaxMessages = 1024;
    const int MSG_WAITFORONE = 0x10000;

    public static void Register(SyscallCatalog c)
    {
        c.Add("sendmmsg", Send, "sockfd:fd, msgvec:ptr, vlen:uint, flags:msg_flags");
        c.Add("recvmmsg", c2 => Receive(c2, c2.Abi.Structs.Timespec32), "sockfd:fd, msgvec:ptr, vlen:uint, flags:msg_flags, timeout:timespec");
        c.Add("recvmmsg_time64", c2 => Receive(c2, c2.Abi.Structs.Timespec64),
            "sockfd:fd, msgvec:ptr, vlen:uint, flags:msg_flags, timeout:timespec64");
    }

    static int EntrySize(SyscallContext c) => c.Abi.Structs.Ipc.Msghdr.Size + 4;

    static long Send(SyscallContext c)
    {
        uint count = Math.Min(c[2], MaxMessages);
        int sent = 0;
        for (; sent < count; sent++)
        {
            uint entry = c[1] + (uint)(sent * EntrySize(c));
            long r = SocketMessages.Send(c, c.Int(0), entry, c.Int(3));
            if (r < 0) return sent > 0 ? sent : r;
            if (!c.WriteU32(entry + (uint)EntrySize(c) - 4, (uint)r)) return sent > 0 ? sent : -EFAULT;
        }
        return sent;
    }

    static long Receive(SyscallContext c, Abi.TimespecLayout layout)
    {
        long deadline = long.MaxValue;
        if (c[4] != 0)
        {
            if (!TimeSyscalls.TryReadTimespec(c, c[4], layout, out var ts)) return -EFAULT;
            if (ts.Seconds < 0 || ts.Nanoseconds is < 0 or >= 1_000_000_000) return -EINVAL;
            deadline = Environment.TickCount64 + ts.Seconds * 1000 + ts.Nanoseconds / 1_000_000;
        }
        uint count = Math.Min(c[2], MaxMessages);
        int flags = c.Int(3), received = 0;
        for (; received < count; received++)
        {
            uint entry = c[1] + (uint)(received * EntrySize(c));
            long r = SocketMessages.Receive(c, c.Int(0), entry, flags);
            if (r < 0) return received > 0 ? received : r;
            if (!c.WriteU32(entry + (uint)EntrySize(c) - 4, (uint)r)) return received > 0 ? received : -EFAULT;
            if ((flags & MSG_WAITFORONE) != 0) flags |= MSG_DONTWAIT;
            if (Environment.TickCount64 >= deadline) return received + 1;
        }
        return received;
    }
}
