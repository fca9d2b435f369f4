using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Machines.Linux.Abi.CloneFlags;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>
/// Creating and reaping child processes: fork, vfork, clone without CLONE_THREAD, wait4, waitid.
/// Children are host processes (ForkSpawner), so the waits are the host's, with the signal numbers
/// in the status and siginfo renumbered for the guest ABI.
/// </summary>
static unsafe class ChildSyscalls
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("fork", c2 => ForkSpawner.Spawn(c2.Process, c2.State, default), "");
        c.Add("vfork", c2 => ForkSpawner.Spawn(c2.Process, c2.State, new ForkRequest(0, Vfork: true, 0, false, false)), "");
        // CLONE_BACKWARDS order (ARM, MIPS): flags, newsp, parent_tidptr, tls, child_tidptr.
        c.Add("clone", Clone, "flags:clone_flags, newsp:ptr, parent_tid:ptr, tls:ptr, child_tid:ptr");
        c.Add("wait4", Wait4, "pid:int, wstatus:ptr, options:wait_options, rusage:ptr");
        c.Add("waitid", WaitId, "idtype:idtype, id:int, infop:ptr, options:wait_options, rusage:ptr");
    }

    static long Clone(SyscallContext c)
    {
        uint flags = c[0];
        if ((flags & CLONE_THREAD) != 0) return Threads.ThreadSyscalls.Clone(c);
        // CLONE_VM without CLONE_VFORK would share memory with a child that runs on: not possible across
        // host processes. CLONE_VM|CLONE_VFORK (posix_spawn, vfork) is fine: the parent waits meanwhile.
        if ((flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) return -ENOSYS;
        if ((flags & CLONE_SETTLS) != 0) return -EINVAL;
        var request = new ForkRequest(c[1], (flags & CLONE_VFORK) != 0, c[4],
            (flags & CLONE_CHILD_SETTID) != 0, (flags & CLONE_CHILD_CLEARTID) != 0);
        long pid = ForkSpawner.Spawn(c.Process, c.State, request);
        if (pid > 0 && (flags & CLONE_PARENT_SETTID) != 0 && !c.WriteU32(c[2], (uint)pid)) return -EFAULT;
        return pid;
    }

    static long Wait4(SyscallContext c)
    {
        int status = 0;
        long* usage = stackalloc long[18];
        long pid = Sys(wait4(c.Int(0), &status, c.Int(2), c[3] != 0 ? usage : null));
        if (pid <= 0) return pid;
        if (c[1] != 0 && !c.WriteU32(c[1], (uint)ToGuestStatus(c.Abi, status))) return -EFAULT;
        if (c[3] != 0 && !TimeSyscalls.WriteRusage(c, c[3], usage)) return -EFAULT;
        return pid;
    }

    /// <summary>A wait status with the host signal numbers in it (killed by, stopped by) renumbered.</summary>
    public static int ToGuestStatus(LinuxAbi abi, int status)
    {
        int low = status & 0x7f;
        if (low == 0x7f) return (status & ~0xff00) | (abi.ToGuestSignal((status >> 8) & 0xff) << 8);   // stopped
        if (low != 0) return (status & ~0x7f) | abi.ToGuestSignal(low);   // killed
        return status;
    }

    const int HostSiginfoSize = 128, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5;

    static long WaitId(SyscallContext c)
    {
        byte* info = stackalloc byte[HostSiginfoSize];
        new Span<byte>(info, HostSiginfoSize).Clear();
        long* usage = stackalloc long[18];
        long r = Sys(waitid(c.Int(0), c.Int(1), info, c.Int(3), c[4] != 0 ? usage : null));
        if (r != 0) return r;
        if (c[2] != 0)
        {
            var l = c.Abi.Structs.Siginfo;
            var bytes = new byte[l.Size];
            var s = new GuestStruct(bytes, c.BigEndian);
            int signo = *(int*)info, code = *(int*)(info + 8), pid = *(int*)(info + 16), status = *(int*)(info + 24);
            if (signo != 0)
            {
                s.Put(l.Signo, (uint)c.Abi.ToGuestSignal(signo));
                s.Put(l.Code, (uint)code);
                s.Put(l.Pid, (uint)pid);
                s.Put(l.Uid, *(uint*)(info + 20));
                // si_status is the exit code, or the signal for the other CLD_* codes.
                s.Put(l.Value, (uint)(code is CLD_KILLED or CLD_DUMPED or CLD_TRAPPED or CLD_STOPPED ? c.Abi.ToGuestSignal(status) : status));
            }
            if (!c.Write(c[2], bytes)) return -EFAULT;
        }
        if (c[4] != 0 && !TimeSyscalls.WriteRusage(c, c[4], usage)) return -EFAULT;
        return 0;
    }
}
