using System.Diagnostics;
using CrossEmu.Machines.Linux.Syscalls;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>setitimer, getitimer and alarm: values read back, interval reloads, expiry signals.</summary>
[TestClass]
public sealed class TimerSyscallTests
{
    const uint ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2, SIGALRM = 14, SIGPROF = 27, SI_KERNEL = 0x80;
    const int EINVAL = 22, EFAULT = 14;
    static uint S(uint offset) => ArmProcessFixture.Scratch + offset;

    /// <summary>Writes struct itimerval {interval, value} (two 32-bit timevals) and returns its address.</summary>
    static uint Itimerval(ArmProcessFixture f, uint offset, uint intervalSec, uint intervalUsec, uint valueSec, uint valueUsec)
    {
        f.Memory.WriteUnchecked(S(offset), [.. BitConverter.GetBytes(intervalSec), .. BitConverter.GetBytes(intervalUsec),
            .. BitConverter.GetBytes(valueSec), .. BitConverter.GetBytes(valueUsec)]);
        return S(offset);
    }

    static (double Interval, double Value) ReadItimerval(ArmProcessFixture f, uint address) =>
        (f.U32(address) + f.U32(address + 4) / 1e6, f.U32(address + 8) + f.U32(address + 12) / 1e6);

    [TestMethod]
    public void SetitimerArmsAndGetitimerCountsDown()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(0, f.Call("setitimer", ITIMER_REAL, Itimerval(f, 0x200, 2, 500_000, 100, 0), S(0x300)));
        Assert.AreEqual((0.0, 0.0), ReadItimerval(f, S(0x300)), "no previous timer");
        Thread.Sleep(20);
        Assert.AreEqual(0, f.Call("getitimer", ITIMER_REAL, S(0x300)));
        var (interval, value) = ReadItimerval(f, S(0x300));
        Assert.AreEqual(2.5, interval);
        Assert.IsTrue(value is > 90 and < 99.99, $"value {value}");

        // Setting returns the old setting; a zero value disarms and clears the interval.
        Assert.AreEqual(0, f.Call("setitimer", ITIMER_REAL, Itimerval(f, 0x200, 1, 0, 0, 0), S(0x300)));
        Assert.AreEqual(2.5, ReadItimerval(f, S(0x300)).Interval);
        Assert.AreEqual(0, f.Call("getitimer", ITIMER_REAL, S(0x300)));
        Assert.AreEqual((0.0, 0.0), ReadItimerval(f, S(0x300)));
    }

    [TestMethod]
    public void SetitimerRejectsBadArguments()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(-EINVAL, f.Call("setitimer", 3, Itimerval(f, 0x200, 0, 0, 1, 0), 0), "which");
        Assert.AreEqual(-EINVAL, f.Call("setitimer", ITIMER_REAL, Itimerval(f, 0x200, 0, 0, 1, 1_000_000), 0), "tv_usec");
        Assert.AreEqual(-EINVAL, f.Call("setitimer", ITIMER_REAL, Itimerval(f, 0x200, 0, 0, unchecked((uint)-1), 0), 0), "tv_sec < 0");
        Assert.AreEqual(-EFAULT, f.Call("setitimer", ITIMER_REAL, 0x10, 0));
        Assert.AreEqual(-EINVAL, f.Call("getitimer", 7, S(0x300)));
        Assert.AreEqual(-EFAULT, f.Call("getitimer", ITIMER_REAL, 0x10));
    }

    [TestMethod]
    public void RealTimerSendsSigalrmFromTheKernelAndReloadsWithItsInterval()
    {
        using var f = new ArmProcessFixture();
        uint set = S(0x100);
        f.Memory.WriteUnchecked(set, BitConverter.GetBytes(1UL << (int)(SIGALRM - 1)));
        Assert.AreEqual(0, f.Call("rt_sigprocmask", 0, set, 0, 8));
        var watch = Stopwatch.StartNew();
        Assert.AreEqual(0, f.Call("setitimer", ITIMER_REAL, Itimerval(f, 0x200, 0, 15_000, 0, 20_000), 0));
        for (int i = 0; i < 3; i++)
        {
            Assert.AreEqual((int)SIGALRM, f.Call("rt_sigtimedwait", set, S(0x400), 0, 8), $"expiry {i}");
            Assert.AreEqual(SI_KERNEL, f.U32(S(0x408)), "si_code SI_KERNEL");
        }
        Assert.IsTrue(watch.ElapsedMilliseconds >= 48, $"three expiries after {watch.ElapsedMilliseconds} ms (20 + 15 + 15)");
        Assert.AreEqual(0, f.Call("setitimer", ITIMER_REAL, Itimerval(f, 0x200, 0, 0, 0, 0), 0));
    }

    [TestMethod]
    public void ProfTimerCountsTheThreadsCpuTime()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(0, f.Call("setitimer", ITIMER_PROF, Itimerval(f, 0x200, 0, 0, 0, 50_000), 0));
        Thread.Sleep(150); // asleep: no CPU time used, so no SIGPROF yet
        Assert.AreEqual(0ul, f.Process.Signals.Pending);
        Assert.AreEqual(0, f.Call("getitimer", ITIMER_PROF, S(0x300)));
        Assert.IsTrue(ReadItimerval(f, S(0x300)).Value > 0.03, "barely consumed");
        var watch = Stopwatch.StartNew();
        while (f.Process.Signals.Pending == 0 && watch.ElapsedMilliseconds < 10_000) { } // burn CPU time
        Assert.AreEqual(1UL << (int)(SIGPROF - 1), f.Process.Signals.Pending);
        Assert.AreEqual(0, f.Call("getitimer", ITIMER_VIRTUAL, S(0x300)));
        Assert.AreEqual((0.0, 0.0), ReadItimerval(f, S(0x300)), "the virtual timer is separate");
    }

    [TestMethod]
    public void AlarmReturnsTheSecondsLeftRounded()
    {
        // ARM EABI has no alarm syscall (glibc uses setitimer); MIPS o32 does: call the handler directly.
        using var f = new ArmProcessFixture();
        var alarm = SyscallCatalog.CreateCommon().Find("alarm")!.Handler;
        var c = new SyscallContext(f.Process);
        c.Args[0] = 10;
        Assert.AreEqual(0, alarm(c));
        c.Args[0] = 0;
        Assert.AreEqual(10, alarm(c), "9.99... s left rounds to 10");
        Assert.AreEqual(0, alarm(c), "cancelled");
        Assert.AreEqual(0, f.Call("setitimer", ITIMER_REAL, Itimerval(f, 0x200, 0, 0, 0, 300_000), 0));
        Assert.AreEqual(1, alarm(c), "a pending alarm never reports 0");
    }
}
