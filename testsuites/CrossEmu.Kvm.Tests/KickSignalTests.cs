using System.Runtime.InteropServices;
using CrossEmu.Isa.Host;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm.Tests;

/// <summary>
/// The kick signal without KVM: it must interrupt a call the kernel never restarts (as KVM_RUN's -EINTR is not), its
/// native handler must be harmless, and ordinary blocking I/O on the same thread must be restarted (SA_RESTART).
/// </summary>
[TestClass]
public sealed class KickSignalTests
{
    [TestMethod]
    public void TheSignalIsARealTimeSignalAboveTheRuntimes()
    {
        int sig = VcpuKickSignal.Number;
        Assert.AreEqual(Libc.__libc_current_sigrtmin() + VcpuKickSignal.OffsetFromSigRtMin, sig);
        Assert.IsLessThanOrEqualTo(Libc.__libc_current_sigrtmax(), sig);
    }

    static unsafe (int Read, int Write) NewPipe()
    {
        int* fds = stackalloc int[2];
        Assert.AreEqual(0, Libc.pipe2(fds, 0));
        return (fds[0], fds[1]);
    }

    /// <summary>Starts <paramref name="body"/> on a thread and returns its pthread_t once it runs.</summary>
    static (Thread Thread, nuint Handle) StartThread(Action body)
    {
        nuint handle = 0;
        var ready = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            handle = Libc.pthread_self();
            ready.Set();
            body();
        }) { IsBackground = true };
        _ = VcpuKickSignal.Number;
        thread.Start();
        ready.Wait();
        return (thread, handle);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public unsafe void TheSignalInterruptsACallThatIsNeverRestartedWithEINTR()
    {
        var (readFd, writeFd) = NewPipe();
        try
        {
            int result = 0, errno = 0;
            var (thread, handle) = StartThread(() =>
            {
                var fd = new HostPollFd { Fd = readFd, Events = Libc.POLLIN };
                result = Libc.poll(&fd, 1, -1);
                errno = Marshal.GetLastPInvokeError();
            });
            // The thread may not have entered poll() yet: signal until it leaves.
            for (int i = 0; i < 200 && thread.IsAlive; i++)
            {
                Assert.AreEqual(0, VcpuKickSignal.Send(handle));
                thread.Join(50);
            }
            Assert.IsFalse(thread.IsAlive, "the kick signal did not interrupt poll()");
            Assert.AreEqual(-1, result);
            Assert.AreEqual(Errno.EINTR, errno);
        }
        finally
        {
            Libc.close(readFd);
            Libc.close(writeFd);
        }
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public unsafe void BlockingReadsOnAKickedThreadAreRestarted()
    {
        var (readFd, writeFd) = NewPipe();
        try
        {
            nint result = 0;
            byte got = 0;
            var (thread, handle) = StartThread(() =>
            {
                byte b;
                result = Libc.read(readFd, &b, 1);
                got = b;
            });
            for (int i = 0; i < 10; i++)
            {
                Assert.AreEqual(0, VcpuKickSignal.Send(handle));
                Thread.Sleep(20);
            }
            Assert.IsTrue(thread.IsAlive, "read() was not restarted after the signal");
            byte value = 0x5A;
            Assert.AreEqual((nint)1, Libc.write(writeFd, &value, 1));
            Assert.IsTrue(thread.Join(10_000));
            Assert.AreEqual((nint)1, result);
            Assert.AreEqual((byte)0x5A, got);
        }
        finally
        {
            Libc.close(readFd);
            Libc.close(writeFd);
        }
    }
}
