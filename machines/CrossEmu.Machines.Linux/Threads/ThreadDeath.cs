namespace CrossEmu.Machines.Linux.Threads;

/// <summary>What the kernel does for a thread that exits while its process goes on (mm_release and
/// exit_robust_list): pthread_join and robust mutexes depend on it.</summary>
static class ThreadDeath
{
    const uint FUTEX_WAITERS = 0x80000000, FUTEX_OWNER_DIED = 0x40000000, FUTEX_TID_MASK = 0x3fffffff;
    const int RobustListLimit = 2048;

    public static void Release(LinuxProcess p, GuestThread t)
    {
        WalkRobustList(p, t);
        // clear_child_tid: 0 at the address, one waiter woken (glibc's pthread_join waits there).
        if (t.ClearChildTid != 0 && p.Memory.TryWriteU32(t.ClearChildTid, 0, p.Abi.BigEndian))
            p.Futexes.Wake(t.ClearChildTid, 1);
    }

    /// <summary>
    /// struct robust_list_head { next; long futex_offset; list_op_pending; }: every lock on the list (and
    /// the pending one) that this thread holds gets FUTEX_OWNER_DIED, and a waiter is woken, so the next
    /// locker gets EOWNERDEAD instead of hanging.
    /// </summary>
    static void WalkRobustList(LinuxProcess p, GuestThread t)
    {
        bool big = p.Abi.BigEndian;
        uint head = t.RobustList;
        if (head == 0 || !p.Memory.TryReadU32(head, big, out uint entry) || !p.Memory.TryReadU32(head + 4, big, out uint offset)
            || !p.Memory.TryReadU32(head + 8, big, out uint pending)) return;
        for (int n = 0; entry != head && entry != 0 && n < RobustListLimit; n++)
        {
            if (!p.Memory.TryReadU32(entry, big, out uint next)) return;
            if (entry != pending) MarkOwnerDied(p, t, entry + offset);
            entry = next;
        }
        if (pending != 0) MarkOwnerDied(p, t, pending + offset);
    }

    static void MarkOwnerDied(LinuxProcess p, GuestThread t, uint address)
    {
        bool big = p.Abi.BigEndian;
        if (!p.Memory.TryReadU32(address, big, out uint word) || (word & FUTEX_TID_MASK) != (uint)t.Tid) return;
        p.Memory.TryWriteU32(address, (word & FUTEX_WAITERS) | FUTEX_OWNER_DIED, big);
        if ((word & FUTEX_WAITERS) != 0) p.Futexes.Wake(address, 1);
    }
}
