using System.Runtime.InteropServices;
using CrossEmu.Isa.Host;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm;

/// <summary>
/// The signal that kicks a vCPU thread out of KVM_RUN.
///
/// Which signal: a real-time one, SIGRTMIN+6. .NET's runtime uses SIGRTMIN itself (activation injection for GC
/// suspension and thread abort), and standard signals all have meanings (SIGUSR1/2 are claimed by many libraries
/// and debuggers); real-time signals above SIGRTMIN are free in a .NET process. The number comes from glibc at run
/// time (__libc_current_sigrtmin), because glibc reserves the first kernel real-time signals for itself.
///
/// Which handler: the signal must have a handler, because an ignored signal is discarded when it is sent and never
/// interrupts the ioctl; the kernel leaves KVM_RUN with EINTR when a signal with a handler is pending. The handler
/// runs on the vCPU thread at an arbitrary point, maybe while that thread is in managed code or holds a runtime lock,
/// so it must not be managed code (an [UnmanagedCallersOnly] method would make a reverse P/Invoke transition, which
/// is not async-signal-safe and can deadlock against a GC). It is therefore a four-byte native function written into
/// its own executable page: ENDBR64 (a no-op where CET is absent, a valid indirect-branch target where it is
/// enforced) and RET.
///
/// SA_RESTART is set: KVM_RUN ends with -EINTR (never -ERESTARTSYS), which the kernel does not restart, so the kick
/// still works; meanwhile other blocking calls a device model makes on the vCPU thread (read, write, futex waits)
/// are restarted transparently instead of failing with an EINTR that managed code does not expect.
/// </summary>
public static unsafe class VcpuKickSignal
{
    static readonly object Gate = new();
    static int signal;

    /// <summary>Offset of the kick signal from SIGRTMIN.</summary>
    public const int OffsetFromSigRtMin = 6;

    /// <summary>The signal number, installing the handler on first use.</summary>
    public static int Number
    {
        get
        {
            if (Volatile.Read(ref signal) != 0) return signal;
            lock (Gate)
            {
                if (signal == 0) signal = Install();
                return signal;
            }
        }
    }

    static int Install()
    {
        int sig = Libc.__libc_current_sigrtmin() + OffsetFromSigRtMin;
        if (sig > Libc.__libc_current_sigrtmax()) throw new KvmException($"no real-time signal SIGRTMIN+{OffsetFromSigRtMin} on this system");

        nint page = Libc.mmap(0, 4096, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        if (page == Libc.MAP_FAILED) throw new KvmException("mmap of the kick handler page", Marshal.GetLastPInvokeError());
        ReadOnlySpan<byte> code = [0xF3, 0x0F, 0x1E, 0xFA, 0xC3]; // endbr64; ret
        code.CopyTo(new Span<byte>((void*)page, code.Length));
        if (Libc.mprotect(page, 4096, Libc.PROT_READ | Libc.PROT_EXEC) != 0)
            throw new KvmException("mprotect of the kick handler page", Marshal.GetLastPInvokeError());

        HostSigaction action = default;
        action.Handler = page;
        action.Flags = (int)HostSignals.SA_RESTART; // no SA_SIGINFO; the mask is empty
        if (Libc.sigaction(sig, &action, null) != 0)
            throw new KvmException($"sigaction(SIGRTMIN+{OffsetFromSigRtMin})", Marshal.GetLastPInvokeError());
        // The page is never unmapped: the handler stays installed for the life of the process.
        return sig;
    }

    /// <summary>Sends the kick signal to a thread (a pthread_t); returns the error number, 0 on success.</summary>
    internal static int Send(nuint thread) => Libc.pthread_kill(thread, Number);
}
