using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Files;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// eventfd and timerfd on the host's. Their flags are the ABI's O_NONBLOCK and O_CLOEXEC (plus
/// EFD_SEMAPHORE, TFD_TIMER_* which agree); struct itimerspec is two of the ABI's timespecs, it_interval
/// then it_value, in the 32-bit or the _time64 layout. A big-endian guest reads and writes the 8-byte
/// counters in its own byte order, so its descriptors are CounterFiles.
/// </summary>
static unsafe class EventFdSyscalls
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("eventfd", c2 => EventFd(c2, c2[0], 0), "initval:uint");
        c.Add("eventfd2", c2 => EventFd(c2, c2[0], c2[1]), "initval:uint, flags:fd_flags");
        c.Add("timerfd_create", TimerFdCreate, "clockid:clockid, flags:fd_flags");
        c.Add("timerfd_settime", c2 => SetTime(c2, c2.Abi.Structs.Timespec32),
            "fd:fd, flags:timer_flags, new_value:itimerspec, old_value:out_itimerspec");
        c.Add("timerfd_settime64", c2 => SetTime(c2, c2.Abi.Structs.Timespec64),
            "fd:fd, flags:timer_flags, new_value:itimerspec64, old_value:out_itimerspec64");
        c.Add("timerfd_gettime", c2 => GetTime(c2, c2.Abi.Structs.Timespec32), "fd:fd, curr_value:out_itimerspec");
        c.Add("timerfd_gettime64", c2 => GetTime(c2, c2.Abi.Structs.Timespec64), "fd:fd, curr_value:out_itimerspec64");
    }

    static long EventFd(SyscallContext c, uint initial, uint guestFlags)
    {
        int flags = (int)c.Abi.OpenFlags.ToHost(guestFlags);
        if ((flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK)) != 0) return -EINVAL;
        return Install(c, Sys(eventfd(initial, flags | EFD_CLOEXEC)), flags);
    }

    static long TimerFdCreate(SyscallContext c)
    {
        int flags = (int)c.Abi.OpenFlags.ToHost(c[1]);
        if ((flags & ~(TFD_CLOEXEC | TFD_NONBLOCK)) != 0) return -EINVAL;
        return Install(c, Sys(timerfd_create(c.Int(0), flags | TFD_CLOEXEC)), flags);
    }

    static long Install(SyscallContext c, long host, int hostFlags)
    {
        if (host < 0) return host;
        return c.Process.Files.Add((int)host, (hostFlags & O_CLOEXEC) != 0, emulation: c.BigEndian ? new CounterFile() : null);
    }

    static long SetTime(SyscallContext c, TimespecLayout layout)
    {
        HostTimespec* value = stackalloc HostTimespec[2];
        HostTimespec* old = stackalloc HostTimespec[2];
        if (!ReadItimerspec(c, c[2], layout, value)) return -EFAULT;
        long r = Sys(timerfd_settime(c.Int(0), c.Int(1), value, c[3] != 0 ? old : null));
        if (r != 0 || c[3] == 0) return r;
        return WriteItimerspec(c, c[3], layout, old) ? 0 : -EFAULT;
    }

    static long GetTime(SyscallContext c, TimespecLayout layout)
    {
        HostTimespec* value = stackalloc HostTimespec[2];
        long r = Sys(timerfd_gettime(c.Int(0), value));
        if (r != 0) return r;
        return WriteItimerspec(c, c[1], layout, value) ? 0 : -EFAULT;
    }

    static bool ReadItimerspec(SyscallContext c, uint address, TimespecLayout layout, HostTimespec* into) =>
        TimeSyscalls.TryReadTimespec(c, address, layout, out into[0])
        && TimeSyscalls.TryReadTimespec(c, address + (uint)layout.Size, layout, out into[1]);

    static bool WriteItimerspec(SyscallContext c, uint address, TimespecLayout layout, HostTimespec* from) =>
        TimeSyscalls.WriteTimespec(c, address, layout, from[0]) && TimeSyscalls.WriteTimespec(c, address + (uint)layout.Size, layout, from[1]);
}
