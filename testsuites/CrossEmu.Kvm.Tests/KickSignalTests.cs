using System.Runtime.InteropServices;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm.Tests;

/// <summary>
/// The kick signal without KVM: it must interrupt a call the kernel never restarts (as KVM_RUN's -EINTR is not), its
/// native handler must be harmless, and ordinary blocking I/O on the same thread must be restarted (SA_RESTART).
/// </summary>
[TestClass]
public sealed partial class KickSignalTests
{
    [LibraryImport("libc", EntryPoint = "pipe", SetLastError = true)]
    private static unsafe partial int Pipe(int* fds);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [StructLayout(LayoutKind.Sequential)]
    struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeout);

    [TestMethod]
    public void TheSignalIsARealTimeSignalAboveTheRuntimes()
    {
        int sig = VcpuKickSignal.Number;
        Assert.AreEqual(LibC.CurrentSigRtMin() + VcpuKickSignal.OffsetFromSigRtMin, sig);
        Assert.IsLessThanOrEqualTo(LibC.CurrentSigRtMax(), sig);
    }

    static unsafe (int Read, int Write) NewPipe()
    {
        int* fds = stackalloc int[2];
        Assert.AreEqual(0, Pipe(fds));
        return (fds[0], fds[1]);
    }

    /// <summary>Starts <paramref name="body"/> on a thread and returns its pthread_t once it runs.</summary>
    static (Thread Thread, nuint Handle) StartThread(Action body)
    {
        nuint handle = 0;
        var ready = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            handle = LibC.PthreadSelf();
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
                var fd = new PollFd { Fd = readFd, Events = 1 }; // POLLIN
                result = Poll(&fd, 1, -1);
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
            LibC.Close(readFd);
            LibC.Close(writeFd);
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
                result = Read(readFd, &b, 1);
                got = b;
            });
            for (int i = 0; i < 10; i++)
            {
                Assert.AreEqual(0, VcpuKickSignal.Send(handle));
                Thread.Sleep(20);
            }
            Assert.IsTrue(thread.IsAlive, "read() was not restarted after the signal");
            byte value = 0x5A;
            Assert.AreEqual((nint)1, Write(writeFd, &value, 1));
            Assert.IsTrue(thread.Join(10_000));
            Assert.AreEqual((nint)1, result);
            Assert.AreEqual((byte)0x5A, got);
        }
        finally
        {
            LibC.Close(readFd);
            LibC.Close(writeFd);
        }
    }
}
