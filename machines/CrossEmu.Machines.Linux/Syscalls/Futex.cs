using static CrossEmu.Isa.Host.Errno;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// futex for a single-threaded guest: nobody else can wake a waiter, so WAIT only checks the value
/// (EAGAIN when it differs, else it would sleep forever: ETIMEDOUT with a timeout, EINTR without),
/// WAKE wakes nobody, and WAKE_OP still performs its operation on the second word.
/// </summary>
static class Futex
{
    const int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4, FUTEX_WAKE_OP = 5,
        FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10, CommandMask = 0x7f;

    public static long Call(SyscallContext c)
    {
        uint address = c[0], value = c[2];
        switch (c.Int(1) & CommandMask)
        {
            case FUTEX_WAIT:
            case FUTEX_WAIT_BITSET:
                if (!c.ReadU32(address, out uint current)) return -EFAULT;
                if (current != value) return -EAGAIN;
                return c[3] != 0 ? -ETIMEDOUT : -EINTR;
            case FUTEX_WAKE:
            case FUTEX_WAKE_BITSET:
                return 0;
            case FUTEX_REQUEUE:
                return 0;
            case FUTEX_CMP_REQUEUE:
                if (!c.ReadU32(address, out uint now)) return -EFAULT;
                return now != c[5] ? -EAGAIN : 0;
            case FUTEX_WAKE_OP:
                return WakeOp(c, c[4], c[5]);
            default:
                return -ENOSYS;
        }
    }

    // val3 encodes: op (bits 28-31, bit 31 = oparg is a shift count), cmp (24-27), oparg (12-23), cmparg (0-11).
    static long WakeOp(SyscallContext c, uint address2, uint encoded)
    {
        int op = (int)(encoded >> 28) & 7;
        int oparg = (int)(encoded << 8) >> 20;
        if ((encoded & 0x80000000) != 0) oparg = 1 << (oparg & 31);
        if (!c.ReadU32(address2, out uint old)) return -EFAULT;
        uint updated = op switch
        {
            0 => (uint)oparg,
            1 => old + (uint)oparg,
            2 => old | (uint)oparg,
            3 => old & ~(uint)oparg,
            4 => old ^ (uint)oparg,
            _ => old,
        };
        if (op > 4) return -ENOSYS;
        return c.WriteU32(address2, updated) ? 0 : -EFAULT;
    }
}
