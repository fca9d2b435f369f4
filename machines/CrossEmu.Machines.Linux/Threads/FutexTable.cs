using System.Buffers.Binary;
using System.Runtime.InteropServices;
using CrossEmu.Isa.Host;
using CrossEmu.Isa.Memory;
using static CrossEmu.Isa.Host.Errno;

namespace CrossEmu.Machines.Linux.Threads;

/// <summary>
/// The process's futexes are host futexes on the guest word itself (guest memory is host memory): the
/// kernel compares the word and queues the waiter atomically, as it does for native threads, and a wake
/// costs one host system call. A guest word in big-endian order is compared with the expected value
/// byte-swapped. Host calls are FUTEX_PRIVATE unless the word is in a MAP_SHARED mapping and the guest did
/// not ask for a private futex (then other processes mapping the file wait and wake on it too): a private
/// key (address space + address) stays the same when a fork child's copy-on-write page changes from file to
/// anonymous backing, where a shared key would not.
/// A waiting thread is woken early by a host signal (CallInterrupter): the wait returns EINTR.
/// </summary>
public sealed unsafe class FutexTable(GuestMemory memory, Memory.SharedMappings shared)
{
    const int SYS_futex = 202;
    const int FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4, FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10;
    const int FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256;

    /// <summary>
    /// FUTEX_WAIT(_BITSET): sleeps while the guest word holds expected (a guest-order value), until woken (0),
    /// the absolute deadline on its clock passes (-ETIMEDOUT; null: none) or a host signal interrupts (-EINTR).
    /// -EAGAIN when the word differs, -EFAULT when it is not readable.
    /// </summary>
    public int Wait(uint address, uint expected, bool bigEndian, uint bitset, HostTimespec? deadline, bool realtime, bool guestPrivate = true)
    {
        if (!memory.IsAccessible(address, 4, PagePermissions.Read)) return -EFAULT;
        uint hostOrder = bigEndian ? BinaryPrimitives.ReverseEndianness(expected) : expected;
        int op = FUTEX_WAIT_BITSET | Privacy(address, guestPrivate) | (realtime ? FUTEX_CLOCK_REALTIME : 0);
        HostTimespec until = deadline ?? default;
        return Call(address, op, hostOrder, deadline == null ? 0 : (long)&until, 0, bitset);
    }

    /// <summary>FUTEX_WAKE(_BITSET): wakes up to count waiters on address whose bitset meets bitset; returns how many.</summary>
    public int Wake(uint address, int count, uint bitset = uint.MaxValue, bool guestPrivate = true)
    {
        if (!memory.IsAccessible(address, 4, PagePermissions.None)) return -EFAULT;   // outside the guest's 4 GiB
        return Call(address, FUTEX_WAKE_BITSET | Privacy(address, guestPrivate), (uint)count, 0, 0, bitset);
    }

    /// <summary>
    /// FUTEX_REQUEUE and FUTEX_CMP_REQUEUE (expected non-null, guest order: -EAGAIN when the word at address
    /// moved on): wakes up to wake waiters, moves up to requeue more to target; returns woken + moved.
    /// </summary>
    public int Requeue(uint address, uint target, int wake, int requeue, uint? expected, bool bigEndian, bool guestPrivate = true)
    {
        var need = expected == null ? PagePermissions.None : PagePermissions.Read;
        if (!memory.IsAccessible(address, 4, need) || !memory.IsAccessible(target, 4, PagePermissions.None)) return -EFAULT;
        uint compare = expected is { } e && bigEndian ? BinaryPrimitives.ReverseEndianness(e) : expected ?? 0;
        int op = (expected == null ? FUTEX_REQUEUE : FUTEX_CMP_REQUEUE) | Privacy(address, guestPrivate);
        return Call(address, op, (uint)wake, requeue, (long)(memory.Base + target), compare);
    }

    /// <summary>
    /// FUTEX_WAKE_OP: op updates the second word atomically (null: it faulted, -EFAULT) and says whether
    /// its old value passed the test; then up to count waiters on address are woken, and up to count2 on address2
    /// when it passed. Linux holds both queues' locks across all of it; here a waiter on address2 that read the
    /// old value is queued before the wake (the kernel's compare-and-queue is atomic), so no wake is lost.
    /// </summary>
    public int WakeOp(uint address, int count, uint address2, int count2, Func<bool?> op, bool guestPrivate = true)
    {
        if (!memory.IsAccessible(address, 4, PagePermissions.None)) return -EFAULT;
        bool? passed = op();
        if (passed == null) return -EFAULT;
        int woken = Wake(address, count, guestPrivate: guestPrivate);
        if (woken < 0) return woken;
        if (passed == true)
        {
            int more = Wake(address2, count2, guestPrivate: guestPrivate);
            if (more > 0) woken += more;
        }
        return woken;
    }

    int Privacy(uint address, bool guestPrivate) => guestPrivate || !shared.Contains(address) ? FUTEX_PRIVATE_FLAG : 0;

    int Call(uint address, int op, uint value, long timeoutOrCount, long address2, uint value3)
    {
        long r = Libc.syscall(SYS_futex, (long)(memory.Base + address), op, value, timeoutOrCount, address2, value3);
        return r >= 0 ? (int)r : -Marshal.GetLastPInvokeError();
    }
}
