using System.Text;
using CrossEmu.Machines.Linux.Abi;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>Process identity: exit, ids, uname, sysinfo, getrandom, futex, children.</summary>
static unsafe class ProcessSyscalls
{
    const int UtsFieldLength = 65, UtsFields = 6;

    public static void Register(SyscallCatalog c)
    {
        c.Add("exit", Threads.ThreadSyscalls.ExitThread, "status:int -> noreturn");
        c.Add("exit_group", Exit, "status:int -> noreturn");
        c.Add("getpid", c2 => c2.Process.Pid, "");
        c.Add("gettid", c2 => c2.Tid, "");
        c.Add("getppid", _ => getppid(), "");
        c.Add("getuid32", _ => getuid(), "");
        c.Add("geteuid32", _ => geteuid(), "");
        c.Add("getgid32", _ => getgid(), "");
        c.Add("getegid32", _ => getegid(), "");
        c.Add("getuid", _ => Uid16(getuid()), "");
        c.Add("geteuid", _ => Uid16(geteuid()), "");
        c.Add("getgid", _ => Uid16(getgid()), "");
        c.Add("getegid", _ => Uid16(getegid()), "");
        c.Add("getresuid32", c2 => ThreeIds(c2, getuid(), geteuid(), getuid()), "ruid:out_int, euid:out_int, suid:out_int");
        c.Add("getresgid32", c2 => ThreeIds(c2, getgid(), getegid(), getgid()), "rgid:out_int, egid:out_int, sgid:out_int");
        c.Add("getgroups32", _ => 0, "size:int, list:ptr");
        c.Add("getpgrp", _ => getpgrp(), "");
        c.Add("getpgid", c2 => Sys(getpgid(c2.Int(0))), "pid:int");
        c.Add("getsid", c2 => Sys(getsid(c2.Int(0))), "pid:int");
        c.Add("setpgid", SetPgid, "pid:int, pgid:int");
        c.Add("setsid", _ => Sys(setsid()), "");
        c.Add("set_tid_address", SetTidAddress, "tidptr:ptr");
        c.Add("set_robust_list", Threads.ThreadSyscalls.SetRobustList, "head:ptr, len:size");
        c.Add("uname", Uname, "buf:out_utsname");
        c.Add("sysinfo", SysInfo, "info:out_sysinfo");
        c.Add("getrandom", GetRandom, "buf:out_buf, buflen:size, flags:getrandom_flags");
        c.Add("sched_yield", _ => sched_yield(), "");
        c.Add("sched_getaffinity", SchedGetAffinity, "pid:int, cpusetsize:size, mask:ptr");
        c.Add("prctl", Prctl, "option:prctl_option, arg2:prctl_arg, arg3:prctl_rest, arg4:prctl_rest, arg5:prctl_rest");
        c.Add("futex", Futex.Call32, "uaddr:ptr, op:futex_op, val:uint, timeout:futex_timeout, uaddr2:futex_addr2, val3:futex_val3");
        c.Add("futex_time64", Futex.Call64, "uaddr:ptr, op:futex_op, val:uint, timeout:futex_timeout64, uaddr2:futex_addr2, val3:futex_val3");
    }

    /// <summary>
    /// setpgid. A guest's fork child is a host process that has exec'd (the new CrossEmu), so the host
    /// refuses the parent's setpgid(child, ...) with EACCES, which Linux gives only after the child's
    /// execve. When the child is already in the group asked for (shells have both sides call it, and the
    /// child's own call came first), the call has nothing to do and succeeds, as on Linux.
    /// </summary>
    static long SetPgid(SyscallContext c)
    {
        int pid = c.Int(0), pgid = c.Int(1);
        long r = Sys(setpgid(pid, pgid));
        if (r == -EACCES && pid > 0 && getpgid(pid) == (pgid == 0 ? pid : pgid)) return 0;
        return r;
    }

    const long SYS_sched_getaffinity = 204;
    const int HostCpuSetBytes = 128;

    /// <summary>The host's CPU mask in the guest's 32-bit words (the compat call's size: whole words up to the
    /// highest CPU). pthread_getaffinity_np and nproc read it.</summary>
    static long SchedGetAffinity(SyscallContext c)
    {
        uint size = c[1];
        if (size < 4 || (size & 3) != 0) return -EINVAL;
        byte* mask = stackalloc byte[HostCpuSetBytes];
        long r = Sys(syscall(SYS_sched_getaffinity, c.Int(0), HostCpuSetBytes, (long)mask, 0, 0));
        if (r < 0) return r;
        var bits = new ReadOnlySpan<byte>(mask, (int)r);
        int last = bits.LastIndexOfAnyExcept((byte)0);
        int used = Math.Max(4, (last / 4 + 1) * 4);
        if (used > size) return -EINVAL;
        var guest = new byte[used];
        for (int word = 0; word < used / 4; word++)
        {
            uint value = (uint)(word * 4 + 3 < bits.Length ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bits[(word * 4)..]) : 0);
            new GuestStruct(guest.AsSpan(word * 4, 4), c.BigEndian).Put(Field.U32(0), value);
        }
        return c.Write(c[2], guest) ? used : -EFAULT;
    }

    static long Exit(SyscallContext c)
    {
        c.Process.Exit(c.Int(0));
        return SyscallContext.NoResult;
    }

    // 16-bit uid calls report ids that do not fit as the overflow id 65534, like Linux.
    static long Uid16(uint id) => id > 0xffff ? 65534 : id;

    static long ThreeIds(SyscallContext c, uint a, uint b, uint d) =>
        c.WriteU32(c[0], a) && c.WriteU32(c[1], b) && c.WriteU32(c[2], d) ? 0 : -EFAULT;

    static long SetTidAddress(SyscallContext c)
    {
        if (c.Thread != null) c.Thread.ClearChildTid = c[0];
        else c.Process.ClearChildTid = c[0];
        return c.Tid;
    }

    static long Uname(SyscallContext c)
    {
        var buf = new byte[UtsFieldLength * UtsFields];
        fixed (byte* p = buf) if (uname(p) != 0) return -EFAULT;
        var machine = buf.AsSpan(4 * UtsFieldLength, UtsFieldLength);
        machine.Clear();
        Encoding.ASCII.GetBytes(c.Abi.UnameMachine).CopyTo(machine);
        return c.Write(c[0], buf) ? 0 : -EFAULT;
    }

    /// <summary>The host's 64-bit sysinfo in the guest's 32-bit struct; memory sizes are scaled
    /// through mem_unit until they fit, as the kernel does for compat tasks.</summary>
    static long SysInfo(SyscallContext c)
    {
        byte* h = stackalloc byte[112];
        if (sysinfo(h) != 0) return -EFAULT;
        ulong U64(int o) => *(ulong*)(h + o);
        ulong[] mem = [U64(32), U64(40), U64(48), U64(56), U64(64), U64(72), U64(88), U64(96)];
        uint unit = *(uint*)(h + 104);
        while (mem.Any(v => v > uint.MaxValue)) { for (int i = 0; i < mem.Length; i++) mem[i] >>= 1; unit <<= 1; }
        var l = c.Abi.Structs.Sysinfo;
        var buf = new byte[l.Size];
        var s = c.Struct(buf);
        s.Put(l.Uptime, U64(0));
        for (int i = 0; i < 3; i++) s.Put(l.Loads with { Offset = l.Loads.Offset + 4 * i }, U64(8 + 8 * i));
        s.Put(l.TotalRam, mem[0]); s.Put(l.FreeRam, mem[1]); s.Put(l.SharedRam, mem[2]); s.Put(l.BufferRam, mem[3]);
        s.Put(l.TotalSwap, mem[4]); s.Put(l.FreeSwap, mem[5]); s.Put(l.Procs, *(ushort*)(h + 80));
        s.Put(l.TotalHigh, mem[6]); s.Put(l.FreeHigh, mem[7]); s.Put(l.MemUnit, unit);
        return c.Write(c[0], buf) ? 0 : -EFAULT;
    }

    static long GetRandom(SyscallContext c)
    {
        byte* p = c.Writable(c[0], c[1]);
        return p == null ? -EFAULT : Sys(getrandom(p, c[1], c[2]));
    }

    const int PR_SET_NAME = 15, PR_GET_NAME = 16, TaskCommLength = 16;

    // The thread name is the guest's own (renaming the emulator's thread would help nobody).
    static long Prctl(SyscallContext c)
    {
        switch (c.Int(0))
        {
            case PR_SET_NAME:
                var name = new byte[TaskCommLength];
                for (int i = 0; i < TaskCommLength - 1; i++)
                {
                    if (!c.Read(c[1] + (uint)i, name.AsSpan(i, 1))) return -EFAULT;
                    if (name[i] == 0) break;
                }
                name[TaskCommLength - 1] = 0;
                // The calling thread's name; the main thread's is the process's (/proc/PID/comm, a fork child's start).
                if (c.Thread is { } thread)
                {
                    thread.Name = name;
                    thread.NameHostThread();
                }
                if (c.Thread == null || c.Thread.Tid == c.Process.Pid) c.Process.ThreadName = name;
                return 0;
            case PR_GET_NAME:
                return c.Write(c[1], c.Thread?.Name ?? c.Process.ThreadName) ? 0 : -EFAULT;
            default:
                return -EINVAL;
        }
    }
}
