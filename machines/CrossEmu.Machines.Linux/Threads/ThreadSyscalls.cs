using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Machines.Linux.Abi.CloneFlags;

namespace CrossEmu.Machines.Linux.Threads;

/// <summary>Thread creation and exit: clone with CLONE_THREAD, exit, set_robust_list.</summary>
static class ThreadSyscalls
{
    const int RobustListHeadSize = 12;

    /// <summary>clone(flags, newsp, parent_tid, tls, child_tid) with CLONE_THREAD, as glibc's pthread_create calls it.</summary>
    public static unsafe long Clone(SyscallContext c)
    {
        uint flags = c[0];
        // Linux: a thread shares the address space and the handlers.
        if ((flags & (CLONE_VM | CLONE_SIGHAND)) != (CLONE_VM | CLONE_SIGHAND)) return -EINVAL;
        var p = c.Process;
        if (p.Launch == null) return -ENOSYS;
        uint parentTid = c[2], childTid = c[4];
        int tid = p.StartThread(c.State, c[1], (flags & CLONE_SETTLS) != 0 ? c[3] : null, t =>
        {
            if ((flags & CLONE_CHILD_CLEARTID) != 0) t.ClearChildTid = childTid;
            if ((flags & CLONE_CHILD_SETTID) != 0) c.WriteU32(childTid, (uint)t.Tid);
            if ((flags & CLONE_PARENT_SETTID) != 0) c.WriteU32(parentTid, (uint)t.Tid);
        });
        return tid;
    }

    public static long ExitThread(SyscallContext c)
    {
        c.Process.ExitThread(c.Thread, c.Int(0));
        return SyscallContext.NoResult;
    }

    public static long SetRobustList(SyscallContext c)
    {
        if (c[1] != RobustListHeadSize) return -EINVAL;
        if (c.Thread != null) c.Thread.RobustList = c[0];
        return 0;
    }
}
