using CrossEmu.Isa.Host;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// getrlimit/setrlimit/prlimit64. A guest's setrlimit is kept for the guest (it must not shrink the
/// emulator's own limits); RLIMIT_NOFILE bounds the guest's descriptor table.
/// </summary>
static unsafe class ResourceLimitSyscalls
{
    /// <summary>Linux's fs.nr_open default: the largest RLIMIT_NOFILE a process may set.</summary>
    const ulong NoFileCeiling = 1 << 20;

    public static void Register(SyscallCatalog c)
    {
        c.Add("ugetrlimit", GetRlimit32, "resource:rlimit_resource, rlim:out_rlimit32");
        c.Add("setrlimit", SetRlimit32, "resource:rlimit_resource, rlim:rlimit32");
        c.Add("prlimit64", Prlimit64, "pid:int, resource:rlimit_resource, new_limit:rlimit64, old_limit:out_rlimit64");
    }

    static long GetLimit(SyscallContext c, int guestResource, out HostRlimit limit)
    {
        int resource = c.Abi.ToHostRlimitResource(guestResource);
        if (c.Process.GuestLimits.TryGetValue(resource, out limit)) return 0;
        fixed (HostRlimit* p = &limit) return Sys(prlimit(0, resource, null, p));
    }

    static long SetLimit(SyscallContext c, int guestResource, HostRlimit limit)
    {
        int resource = c.Abi.ToHostRlimitResource(guestResource);
        if (limit.Current > limit.Max) return -EINVAL;
        if (resource is < 0 or >= 16) return -EINVAL;
        if (resource == RLIMIT_NOFILE)
        {
            // The guest's table enforces it; the host's limit stays (the emulator needs descriptors of its own).
            if (limit.Max > NoFileCeiling) return -EPERM;
            c.Process.Files.Limit = (int)limit.Current;
        }
        c.Process.GuestLimits[resource] = limit;
        return 0;
    }

    static long GetRlimit32(SyscallContext c)
    {
        long r = GetLimit(c, c.Int(0), out var limit);
        if (r != 0) return r;
        var l = c.Abi.Structs.Rlimit32;
        Span<byte> buf = stackalloc byte[l.Size];
        var s = c.Struct(buf);
        s.Put(l.Current, Math.Min(limit.Current, l.Infinity));
        s.Put(l.Max, Math.Min(limit.Max, l.Infinity));
        return c.Write(c[1], buf) ? 0 : -EFAULT;
    }

    static long SetRlimit32(SyscallContext c)
    {
        var l = c.Abi.Structs.Rlimit32;
        Span<byte> buf = stackalloc byte[l.Size];
        if (!c.Read(c[1], buf)) return -EFAULT;
        var s = c.Struct(buf);
        ulong Widen(ulong v) => v == l.Infinity ? ulong.MaxValue : v;
        return SetLimit(c, c.Int(0), new HostRlimit { Current = Widen(s.Get(l.Current)), Max = Widen(s.Get(l.Max)) });
    }

    static long Prlimit64(SyscallContext c)
    {
        if (c.Int(0) != 0 && c.Int(0) != c.Process.Pid) return -EPERM;
        var l = c.Abi.Structs.Rlimit64;
        Span<byte> buf = stackalloc byte[l.Size];
        long r = GetLimit(c, c.Int(1), out var old);
        if (r != 0) return r;
        if (c[2] != 0)
        {
            if (!c.Read(c[2], buf)) return -EFAULT;
            var s = c.Struct(buf);
            r = SetLimit(c, c.Int(1), new HostRlimit { Current = s.Get(l.Current), Max = s.Get(l.Max) });
            if (r != 0) return r;
        }
        if (c[3] != 0)
        {
            var s = c.Struct(buf);
            s.Put(l.Current, old.Current);
            s.Put(l.Max, old.Max);
            if (!c.Write(c[3], buf)) return -EFAULT;
        }
        return 0;
    }
}
