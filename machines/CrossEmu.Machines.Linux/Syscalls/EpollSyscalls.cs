using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// epoll on a host epoll instance. The descriptors the guest registers are the host ones behind its own
/// (the dispatcher translates epoll_ctl's fd), and the 64-bit data word is the guest's, stored in the
/// host's event and handed back unchanged; only the struct's layout differs (16 bytes on 32-bit ABIs,
/// packed 12 on the host). EPOLL* bits are the same everywhere. As with ppoll, epoll_pwait and epoll_pwait2
/// wait with the signal mask they are given (CallMask).
/// </summary>
static unsafe class EpollSyscalls
{
    /// <summary>EP_MAX_EVENTS is INT_MAX / sizeof(struct epoll_event); more than this many at once are not collected.</summary>
    const int MaxEventsAtOnce = 1024;

    public static void Register(SyscallCatalog c)
    {
        c.Add("epoll_create", c2 => c2.Int(0) <= 0 ? -EINVAL : Create(c2, 0), "size:int");
        c.Add("epoll_create1", c2 => Create(c2, c2[0]), "flags:fd_flags");
        c.Add("epoll_ctl", Control, "epfd:fd, op:epoll_op, fd:fd, event:epoll_event");
        c.Add("epoll_wait", c2 => Wait(c2, c2.Int(3)), "epfd:fd, events:out_epoll_events, maxevents:int, timeout:int");
        c.Add("epoll_pwait", c2 => Signals.CallMask.Run(c2, c2[4], c2[5], () => Wait(c2, c2.Int(3))),
            "epfd:fd, events:out_epoll_events, maxevents:int, timeout:int, sigmask:sigset, sigsetsize:size");
        c.Add("epoll_pwait2", Wait2, "epfd:fd, events:out_epoll_events, maxevents:int, timeout:timespec64, sigmask:sigset, sigsetsize:size");
    }

    static long Create(SyscallContext c, uint guestFlags)
    {
        uint flags = c.Abi.OpenFlags.ToHost(guestFlags);
        if ((flags & ~(uint)EPOLL_CLOEXEC) != 0) return -EINVAL;
        return c.Process.Files.AddResult(Sys(epoll_create1(EPOLL_CLOEXEC)), flags != 0);
    }

    static long Control(SyscallContext c)
    {
        var l = c.Abi.Structs.Ipc.EpollEvent;
        var host = new HostEpollEvent();
        // EPOLL_CTL_DEL ignores the event (old kernels wanted one, new ones take NULL).
        if (c.Int(1) != EPOLL_CTL_DEL)
        {
            var bytes = new byte[l.Size];
            if (!c.Read(c[3], bytes)) return -EFAULT;
            var s = c.Struct(bytes);
            host = new HostEpollEvent { Events = (uint)s.Get(l.Events), Data = s.Get(l.Data) };
        }
        return Sys(epoll_ctl(c.Int(0), c.Int(1), c.Int(2), &host));
    }

    static long Wait(SyscallContext c, int timeoutMs)
    {
        int max = c.Int(2);
        var l = c.Abi.Structs.Ipc.EpollEvent;
        if (max <= 0 || max > int.MaxValue / l.Size) return -EINVAL;
        if (c.Writable(c[1], (ulong)max * (ulong)l.Size) == null) return -EFAULT;
        var events = new HostEpollEvent[Math.Min(max, MaxEventsAtOnce)];
        long r;
        fixed (HostEpollEvent* e = events) r = Sys(epoll_wait(c.Int(0), e, events.Length, timeoutMs));
        if (r <= 0) return r;
        var bytes = new byte[r * l.Size];
        for (int i = 0; i < r; i++)
        {
            var s = c.Struct(bytes.AsSpan(i * l.Size, l.Size));
            s.Put(l.Events, events[i].Events);
            s.Put(l.Data, events[i].Data);
        }
        return c.Write(c[1], bytes) ? r : -EFAULT;
    }

    // epoll_pwait2's timeout is a struct __kernel_timespec (NULL: wait forever), rounded up to milliseconds.
    static long Wait2(SyscallContext c)
    {
        int ms = -1;
        if (c[3] != 0)
        {
            if (!TimeSyscalls.TryReadTimespec(c, c[3], c.Abi.Structs.Timespec64, out var ts)) return -EFAULT;
            if (ts.Seconds < 0 || ts.Nanoseconds is < 0 or >= 1_000_000_000) return -EINVAL;
            ms = (int)Math.Min(ts.Seconds * 1000 + (ts.Nanoseconds + 999_999) / 1_000_000, int.MaxValue);
        }
        return Signals.CallMask.Run(c, c[4], c[5], () => Wait(c, ms));
    }
}
