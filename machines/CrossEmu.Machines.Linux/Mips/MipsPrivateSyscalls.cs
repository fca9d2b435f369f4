using CrossEmu.Frontends.Mips;
using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Mips;

/// <summary>The o32 calls that differ from the common handlers of the same name, or exist only on MIPS.</summary>
static unsafe class MipsPrivateSyscalls
{
    // sysmips commands (asm/sysmips.h).
    const int FLUSH_CACHE = 3, MIPS_FIXADE = 7, MIPS_ATOMIC_SET = 2001;

    public static void Register(SyscallCatalog c)
    {
        // sysm_pipe: the two descriptors come back in v0 and v1, nothing is written to memory.
        c.Add("pipe", Pipe, "");
        c.Add("set_thread_area", SetThreadArea, "addr:ptr");
        // Translated code is invalidated by the write watch on code pages: nothing to flush.
        c.Add("cacheflush", _ => 0, "addr:ptr, bytes:size, cache:mips_cache");
        c.Add("sysmips", SysMips, "cmd:sysmips_cmd, arg1:hex, arg2:hex");
        // MIPS never had 16-bit uids: the plain names are the 32-bit calls.
        foreach (var name in new[] { "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid", "getgroups", "chown", "lchown", "fchown" })
            if (c.Find(name + "32") != null) c.Alias(name, name + "32");
        // o32 has only getrlimit, with the ABI's struct rlimit (RLIM_INFINITY 0x7fffffff).
        c.Alias("getrlimit", "ugetrlimit");
        // o32 has socketcall beside the direct socket calls (old libcs use it).
        SocketCall.Register(c);
    }

    static long Pipe(SyscallContext c)
    {
        long r = DescriptorSyscalls.NewPipe(c, 0, out int read, out int write);
        if (r != 0) return r;
        ((MipsCpuState*)c.State)->R[MipsCpuState.V1] = (uint)write;
        return read;
    }

    static long SetThreadArea(SyscallContext c)
    {
        ((MipsCpuState*)c.State)->UserLocal = c[0];
        return 0;
    }

    static long SysMips(SyscallContext c)
    {
        switch (c.Int(0))
        {
            case MIPS_ATOMIC_SET:
                // Old libcs' test-and-set without ll/sc: store arg2 at arg1, return the old word.
                // A single guest thread runs at a time here, so a plain exchange is atomic.
                if ((c[1] & 3) != 0) return -EINVAL;
                if (!c.ReadU32(c[1], out uint old) || !c.WriteU32(c[1], c[2])) return -EFAULT;
                return old;
            case MIPS_FIXADE:
                // Misaligned accesses always raise SIGBUS here (as in qemu); the request is accepted.
                return (c[1] & ~3u) != 0 ? -EINVAL : 0;
            case FLUSH_CACHE:
                return 0;
            default:
                return -EINVAL;
        }
    }
}
