using System.Diagnostics;
using static CrossEmu.Isa.Host.Errno;

namespace CrossEmu.Machines.Linux.Threads;

/// <summary>
/// The futex wait queues of one process, keyed by guest address (private and shared futexes alike:
/// the threads share one address space). The compare of FUTEX_WAIT and the queueing happen under the
/// table's lock, and every waker takes it too, so a wake between a waiter's check of the word and its
/// sleep is never lost. One lock and one monitor for the whole table: waiters are woken by flag, and
/// a pulse makes each look at its own; guests with many contended futexes would want buckets.
/// </summary>
public sealed class FutexTable
{
    sealed class Waiter(uint address, uint bitset, Func<bool> interrupted)
    {
        public uint Address = address;
        public readonly uint Bitset = bitset;
        public readonly Func<bool> Interrupted = interrupted;
        public bool Woken;
    }

    readonly object gate = new();
    readonly List<Waiter> waiters = new();

    /// <summary>
    /// FUTEX_WAIT(_BITSET): sleeps while the word still holds expected (read under the lock by
    /// valueMatches), until woken (0), the deadline passes (-ETIMEDOUT; a Stopwatch timestamp, or
    /// long.MaxValue for none) or interrupted() says a signal is due or the process ends (-EINTR).
    /// -EAGAIN when the word differs; -EFAULT when it cannot be read.
    /// </summary>
    public int Wait(uint address, Func<bool?> valueMatches, uint bitset, long deadline, Func<bool> interrupted)
    {
        lock (gate)
        {
            switch (valueMatches())
            {
                case null: return -EFAULT;
                case false: return -EAGAIN;
            }
            var me = new Waiter(address, bitset, interrupted);
            waiters.Add(me);
            try
            {
                while (!me.Woken)
                {
                    if (interrupted()) return -EINTR;
                    long left = deadline == long.MaxValue ? -1 : (deadline - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
                    if (deadline != long.MaxValue && deadline <= Stopwatch.GetTimestamp()) return -ETIMEDOUT;
                    // At least 1 ms: the monitor cannot wait less (a shorter timeout then ends late, never early).
                    Monitor.Wait(gate, left < 0 ? Timeout.Infinite : (int)Math.Clamp(left, 1, int.MaxValue));
                }
                return 0;
            }
            finally { waiters.Remove(me); }
        }
    }

    /// <summary>FUTEX_WAKE(_BITSET): wakes up to count waiters on address whose bitset meets bitset; returns how many.</summary>
    public int Wake(uint address, int count, uint bitset = uint.MaxValue)
    {
        lock (gate)
        {
            int woken = WakeLocked(address, count, bitset);
            if (woken > 0) Monitor.PulseAll(gate);
            return woken;
        }
    }

    int WakeLocked(uint address, int count, uint bitset)
    {
        int woken = 0;
        foreach (var w in waiters)
        {
            if (woken >= count) break;
            if (w.Woken || w.Address != address || (w.Bitset & bitset) == 0) continue;
            w.Woken = true;
            woken++;
        }
        return woken;
    }

    /// <summary>
    /// FUTEX_REQUEUE and FUTEX_CMP_REQUEUE (expectedMatches non-null: -EAGAIN when the word at address
    /// moved on): wakes up to wake waiters, moves up to requeue more to target; returns woken + moved.
    /// </summary>
    public int Requeue(uint address, uint target, int wake, int requeue, Func<bool?>? expectedMatches)
    {
        lock (gate)
        {
            if (expectedMatches != null)
                switch (expectedMatches())
                {
                    case null: return -EFAULT;
                    case false: return -EAGAIN;
                }
            int woken = WakeLocked(address, wake, uint.MaxValue), moved = 0;
            foreach (var w in waiters)
            {
                if (moved >= requeue) break;
                if (w.Woken || w.Address != address) continue;
                w.Address = target;
                moved++;
            }
            if (woken > 0) Monitor.PulseAll(gate);
            return woken + moved;
        }
    }

    /// <summary>FUTEX_WAKE_OP: under the lock, runs op on the second word (false: it faulted, -EFAULT), wakes
    /// up to count waiters on address, and up to count2 on address2 when op says its old value passed the test.</summary>
    public int WakeOp(uint address, int count, uint address2, int count2, Func<bool?> op)
    {
        lock (gate)
        {
            bool? passed = op();
            if (passed == null) return -EFAULT;
            int woken = WakeLocked(address, count, uint.MaxValue);
            if (passed == true) woken += WakeLocked(address2, count2, uint.MaxValue);
            if (woken > 0) Monitor.PulseAll(gate);
            return woken;
        }
    }

    /// <summary>Makes every waiter look at its interrupted() (a signal was posted, the process is ending).</summary>
    public void Poke()
    {
        lock (gate) Monitor.PulseAll(gate);
    }
}
