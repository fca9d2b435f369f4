using System.Runtime.InteropServices;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm.Tests;

/// <summary>The kick signal without KVM: it must interrupt a blocking system call (EINTR) and its handler must be harmless.</summary>
[TestClass]
public sealed partial class KickSignalTests
{
    [LibraryImport("libc", EntryPoint = "pipe", SetLastError = true)]
    private static unsafe partial int Pipe(int* fds);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [TestMethod]
    public void TheSignalIsARealTimeSignalAboveTheRuntimes()
    {
        int sig = VcpuKickSignal.Number;
        Assert.AreEqual(LibC.CurrentSigRtMin() + VcpuKickSignal.OffsetFromSigRtMin, sig);
        Assert.IsLessThanOrEqualTo(LibC.CurrentSigRtMax(), sig);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public unsafe void TheSignalInterruptsABlockingSystemCallWithEINTR()
    {
        int* fds = stackalloc int[2];
        Assert.AreEqual(0, Pipe(fds));
        int readFd = fds[0], writeFd = fds[1];
        try
        {
            nuint thread = 0;
            var ready = new ManualResetEventSlim();
            nint result = 0;
            int errno = 0;
            var reader = new Thread(() =>
            {
                thread = LibC.PthreadSelf();
                ready.Set();
                byte b;
                result = Read(readFd, &b, 1);
                errno = Marshal.GetLastPInvokeError();
            }) { IsBackground = true };
            _ = VcpuKickSignal.Number;
            reader.Start();
            ready.Wait();
            // The reader may not have entered read() yet: signal until it leaves.
            for (int i = 0; i < 200 && reader.IsAlive; i++)
            {
                Assert.AreEqual(0, VcpuKickSignal.Send(thread));
                reader.Join(50);
            }
            Assert.IsFalse(reader.IsAlive, "the kick signal did not interrupt read()");
            Assert.AreEqual((nint)(-1), result);
            Assert.AreEqual(Errno.EINTR, errno);
        }
        finally
        {
            LibC.Close(readFd);
            LibC.Close(writeFd);
        }
    }
}
