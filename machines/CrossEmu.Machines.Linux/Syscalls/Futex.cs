using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Signals;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// futex and futex_time64 on the guest address itself, as host futexes (FutexTable):
/// WAIT and WAIT_BITSET (relative, and absolute on CLOCK_MONOTONIC or with FUTEX_CLOCK_REALTIME),
/// WAKE, WAKE_BITSET, REQUEUE, CMP_REQUEUE, WAKE_OP. A wait is a blocking call (BlockingCalls): it ends
/// early with EINTR when a signal the thread does not block is posted to it, or the process ends.
/// </summary>
static class Futex
{
    const int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4, FUTEX_WAKE_OP = 5,
        FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10, FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256, CommandMask = 0x7f;

    public static long Call32(SyscallContext c) => Call(c, c.Abi.Structs.Timespec32);
    public static long Call64(SyscallContext c) => Call(c, c.Abi.Structs.Timespec64);

    static long Call(SyscallContext c, TimespecLayout layout)
    {
        var table = c.Process.Futexes;
        uint address = c[0], value = c[2];
        int op = c.Int(1);
        bool isPrivate = (op & FUTEX_PRIVATE_FLAG) != 0;
        switch (op & CommandMask)
        {
            case FUTEX_WAIT:
            case FUTEX_WAIT_BITSET:
                bool bitsetWait = (op & CommandMask) == FUTEX_WAIT_BITSET;
                uint bitset = bitsetWait ? c[5] : uint.MaxValue;
                if (bitset == 0 || (address & 3) != 0) return -EINVAL;
                HostTimespec? deadline = null;
                bool realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
                if (c[3] != 0)
                {
                    if (!TimeSyscalls.TryReadTimespec(c, c[3], layout, out var ts)) return -EFAULT;
                    if (ts.Seconds < 0 || ts.Nanoseconds is < 0 or >= 1_000_000_000) return -EINVAL;
                    // FUTEX_WAIT's timeout is relative (to CLOCK_MONOTONIC); the host call takes an absolute one.
                    deadline = bitsetWait ? ts : After(ts);
                    if (!bitsetWait) realtime = false;
                }
                return table.Wait(address, value, c.BigEndian, bitset, deadline, realtime, isPrivate);
            case FUTEX_WAKE:
                return table.Wake(address, c.Int(2), guestPrivate: isPrivate);
            case FUTEX_WAKE_BITSET:
                return c[5] == 0 ? -EINVAL : table.Wake(address, c.Int(2), c[5], isPrivate);
            case FUTEX_REQUEUE:
                return table.Requeue(address, c[4], c.Int(2), c.Int(3), null, c.BigEndian, isPrivate);
            case FUTEX_CMP_REQUEUE:
                return table.Requeue(address, c[4], c.Int(2), c.Int(3), c[5], c.BigEndian, isPrivate);
            case FUTEX_WAKE_OP:
                return table.WakeOp(address, c.Int(2), c[4], c.Int(3), () => WakeOperation(c, c[4], c[5]), isPrivate);
            default:
                return -ENOSYS;
        }
    }

    /// <summary>
    /// A wait is interrupted by a signal as Linux's futex_wait: without a timeout it is restarted after an SA_RESTART
    /// handler (-ERESTARTSYS), with one it returns EINTR once a handler ran (-ERESTART_RESTARTBLOCK). Wakes never block.
    /// </summary>
    public static Interruption Interruption(SyscallContext c) => (c.Int(1) & CommandMask) is FUTEX_WAIT or FUTEX_WAIT_BITSET
        ? c[3] == 0 ? Syscalls.Interruption.Restartable : Syscalls.Interruption.NeverRestarted
        : Syscalls.Interruption.None;

    /// <summary>CLOCK_MONOTONIC now + a relative timeout.</summary>
    static unsafe HostTimespec After(HostTimespec relative)
    {
        HostTimespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long ns = now.Nanoseconds + relative.Nanoseconds;
        long seconds = relative.Seconds > long.MaxValue / 2 ? long.MaxValue / 2 : now.Seconds + relative.Seconds + ns / 1_000_000_000;
        return new HostTimespec { Seconds = seconds, Nanoseconds = ns % 1_000_000_000 };
    }

    // val3 encodes: op (bits 28-31, bit 31 = oparg is a shift count), cmp (24-27), oparg (12-23), cmparg (0-11).
    // The update is atomic against the other threads' plain accesses (compare-and-swap on the guest word).
    static unsafe bool? WakeOperation(SyscallContext c, uint address2, uint encoded)
    {
        int op = (int)(encoded >> 28) & 7, cmp = (int)(encoded >> 24) & 15;
        int oparg = (int)(encoded << 8) >> 20, cmparg = (int)(encoded << 20) >> 20;
        if ((encoded & 0x80000000) != 0) oparg = 1 << (oparg & 31);
        if (op > 4 || (address2 & 3) != 0) return null;
        byte* p = c.Writable(address2, 4);
        if (p == null) return null;
        ref uint word = ref *(uint*)p;
        uint old, updated;
        do
        {
            old = Volatile.Read(ref word);
            uint value = c.BigEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(old) : old;
            uint result = op switch
            {
                0 => (uint)oparg,
                1 => value + (uint)oparg,
                2 => value | (uint)oparg,
                3 => value & ~(uint)oparg,
                _ => value ^ (uint)oparg,
            };
            updated = c.BigEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(result) : result;
        } while (Interlocked.CompareExchange(ref word, updated, old) != old);
        int before = (int)(c.BigEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(old) : old);
        return cmp switch
        {
            0 => before == cmparg,
            1 => before != cmparg,
            2 => before < cmparg,
            3 => before <= cmparg,
            4 => before > cmparg,
            5 => before >= cmparg,
            _ => false,
        };
    }
}
