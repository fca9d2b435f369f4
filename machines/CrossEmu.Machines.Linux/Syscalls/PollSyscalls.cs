using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Isa.Host;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>Waiting for descriptors: poll/ppoll, and select/pselect6 carried out with the host's poll.
/// ppoll and pselect6 wait with the signal mask they are given (CallMask).</summary>
static unsafe class PollSyscalls
{
    const int PollFdSize = 8, MaxFds = 1024;

    /// <summary>A host descriptor number that is never open (above any RLIMIT_NOFILE): poll reports POLLNVAL for it.</summary>
    const int ClosedDescriptor = int.MaxValue;

    public static void Register(SyscallCatalog c)
    {
        c.Add("poll", c2 => Poll(c2, c2[0], c2[1], c2.Int(2)), "fds:pollfds, nfds:int, timeout:int -> poll");
        c.Add("ppoll", c2 => PollTimespec(c2, c2.Abi.Structs.Timespec32), "fds:pollfds, nfds:int, tsp:timespec, sigmask:sigset, sigsetsize:size -> poll");
        c.Add("ppoll_time64", c2 => PollTimespec(c2, c2.Abi.Structs.Timespec64),
            "fds:pollfds, nfds:int, tsp:timespec64, sigmask:sigset, sigsetsize:size -> poll");
        c.Add("_newselect", Select, "nfds:int, readfds:fdset, writefds:fdset, exceptfds:fdset, timeout:timeval -> select");
        c.Add("pselect6", c2 => PSelect(c2, c2.Abi.Structs.Timespec32),
            "nfds:int, readfds:fdset, writefds:fdset, exceptfds:fdset, tsp:timespec, sigmask:ptr -> select");
        c.Add("pselect6_time64", c2 => PSelect(c2, c2.Abi.Structs.Timespec64),
            "nfds:int, readfds:fdset, writefds:fdset, exceptfds:fdset, tsp:timespec64, sigmask:ptr -> select");
    }

    /// <summary>Host poll timeout in ms from a guest timespec pointer (NULL: -1, wait forever); 0 or -errno.</summary>
    static long TimeoutMs(SyscallContext c, uint address, TimespecLayout layout, out int ms)
    {
        ms = -1;
        if (address == 0) return 0;
        if (!TimeSyscalls.TryReadTimespec(c, address, layout, out var ts)) return -EFAULT;
        if (ts.Seconds < 0 || ts.Nanoseconds is < 0 or >= 1_000_000_000) return -EINVAL;
        ms = (int)Math.Min(ts.Seconds * 1000 + (ts.Nanoseconds + 999_999) / 1_000_000, int.MaxValue);
        return 0;
    }

    static long PollTimespec(SyscallContext c, TimespecLayout layout)
    {
        long r = TimeoutMs(c, c[2], layout, out int ms);
        return r != 0 ? r : Signals.CallMask.Run(c, c[3], c[4], () => Poll(c, c[0], c[1], ms));
    }

    static long Poll(SyscallContext c, uint address, uint count, int timeoutMs)
    {
        if (count > MaxFds) return -EINVAL;
        var raw = new byte[count * PollFdSize];
        if (count > 0 && !c.Read(address, raw)) return -EFAULT;   // poll(NULL, 0, ms) is a sleep
        var fds = new HostPollFd[Math.Max(count, 1)];
        for (int i = 0; i < count; i++)
        {
            var g = c.Struct(raw.AsSpan(i * PollFdSize));
            int fd = (int)g.Get(Field.U32(0));
            // A negative fd is skipped (revents 0); one that is not open gets POLLNVAL, as on Linux.
            int host = fd < 0 ? -1 : c.Process.Files.HostOf(fd);
            short events = (short)c.Abi.ToHostPollEvents((ushort)g.Get(Field.U16(4)));
            fds[i] = fd >= 0 && host < 0 ? new HostPollFd { Fd = ClosedDescriptor, Events = events } : new HostPollFd { Fd = host, Events = events };
        }
        long r;
        fixed (HostPollFd* p = fds) r = Sys(poll(p, count, timeoutMs));
        if (r < 0) return r;
        for (int i = 0; i < count; i++) c.Struct(raw.AsSpan(i * PollFdSize)).Put(Field.U16(6), c.Abi.ToGuestPollEvents((ushort)fds[i].Revents));
        return count == 0 || c.Write(address, raw) ? r : -EFAULT;
    }

    static long Select(SyscallContext c)
    {
        long ms = -1;
        if (c[4] != 0)
        {
            var l = c.Abi.Structs.Timeval;
            Span<byte> buf = stackalloc byte[l.Size];
            if (!c.Read(c[4], buf)) return -EFAULT;
            var s = c.Struct(buf);
            long seconds = s.GetSigned(l.Seconds), micros = s.GetSigned(l.Microseconds);
            if (seconds < 0 || micros is < 0 or >= 1_000_000) return -EINVAL;
            ms = Math.Min(seconds * 1000 + (micros + 999) / 1000, int.MaxValue);
        }
        return SelectCommon(c, (int)ms);
    }

    // pselect6's last argument points to { const sigset_t *set; size_t size; } (NULL: no mask).
    static long PSelect(SyscallContext c, TimespecLayout layout)
    {
        long r = TimeoutMs(c, c[4], layout, out int ms);
        if (r != 0) return r;
        uint set = 0, size = 0;
        if (c[5] != 0 && (!c.ReadU32(c[5], out set) || !c.ReadU32(c[5] + 4, out size))) return -EFAULT;
        return Signals.CallMask.Run(c, set, size, () => SelectCommon(c, ms));
    }

    // fd_set is an array of 32-bit words in guest byte order: bit n of word n/32 is descriptor n.
    static long SelectCommon(SyscallContext c, int timeoutMs)
    {
        int nfds = c.Int(0);
        if (nfds < 0 || nfds > MaxFds) return -EINVAL;
        int words = (nfds + 31) / 32;
        var sets = new uint[3][];
        for (int k = 0; k < 3; k++)
        {
            sets[k] = new uint[words];
            if (c[1 + k] == 0) continue;
            for (int w = 0; w < words; w++)
                if (!c.ReadU32(c[1 + k] + (uint)(4 * w), out sets[k][w])) return -EFAULT;
        }
        bool IsSet(int k, int fd) => (sets[k][fd / 32] & (1u << (fd % 32))) != 0;

        var fds = new List<HostPollFd>();
        var guestFds = new List<int>();
        for (int fd = 0; fd < nfds; fd++)
        {
            short events = (short)((IsSet(0, fd) ? POLLIN : 0) | (IsSet(1, fd) ? POLLOUT : 0) | (IsSet(2, fd) ? POLLPRI : 0));
            if (events == 0) continue;
            int host = c.Process.Files.HostOf(fd);
            if (host < 0) return -EBADF;
            fds.Add(new HostPollFd { Fd = host, Events = events });
            guestFds.Add(fd);
        }
        var array = fds.ToArray();
        long r;
        fixed (HostPollFd* p = array) r = Sys(poll(p, (nuint)array.Length, timeoutMs));
        if (r < 0) return r;

        var result = new uint[3][] { new uint[words], new uint[words], new uint[words] };
        int ready = 0;
        for (int i = 0; i < array.Length; i++)
        {
            var f = array[i];
            int fd = guestFds[i];
            if ((f.Revents & POLLNVAL) != 0) return -EBADF;
            bool[] hit =
            [
                (f.Events & POLLIN) != 0 && (f.Revents & (POLLIN | POLLHUP | POLLERR)) != 0,
                (f.Events & POLLOUT) != 0 && (f.Revents & (POLLOUT | POLLERR)) != 0,
                (f.Events & POLLPRI) != 0 && (f.Revents & POLLPRI) != 0,
            ];
            for (int k = 0; k < 3; k++)
                if (hit[k]) { result[k][fd / 32] |= 1u << (fd % 32); ready++; }
        }
        for (int k = 0; k < 3; k++)
        {
            if (c[1 + k] == 0) continue;
            for (int w = 0; w < words; w++)
                if (!c.WriteU32(c[1 + k] + (uint)(4 * w), result[k][w])) return -EFAULT;
        }
        return ready;
    }
}
