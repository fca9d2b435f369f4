using System.Runtime.InteropServices;
using CrossEmu.Isa.Host;

namespace CrossEmu.Machines.Linux.Threads;

/// <summary>
/// Interrupts a guest thread's blocking host call (read on a pipe, wait4, poll, accept...) when a signal
/// is posted to it, as the kernel wakes a sleeping task: the host thread gets SIGRTMAX, whose handler
/// does nothing and is installed without SA_RESTART, so the host call returns EINTR. The handler is one
/// `ret` instruction on an executable page (no managed code may run in a signal handler).
/// </summary>
public static unsafe class CallInterrupter
{
    static readonly object gate = new();
    static int signal;

    /// <summary>The host signal used (installed on first use).</summary>
    public static int Signal
    {
        get
        {
            lock (gate)
            {
                if (signal == 0) signal = Install();
                return signal;
            }
        }
    }

    static int Install()
    {
        int number = Libc.__libc_current_sigrtmax();
        nint page = Libc.mmap(0, (nuint)Environment.SystemPageSize, Libc.PROT_READ | Libc.PROT_WRITE,
            Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        if (page == Libc.MAP_FAILED) throw new InvalidOperationException("mmap for the call interrupter");
        *(byte*)page = 0xc3;   // ret
        Libc.mprotect(page, (nuint)Environment.SystemPageSize, Libc.PROT_READ | Libc.PROT_EXEC);
        var action = new HostSigaction { Handler = page, Flags = (int)HostSignals.SA_ONSTACK };
        if (Libc.sigaction(number, &action, null) != 0)
            throw new InvalidOperationException($"sigaction({number}): errno {Marshal.GetLastPInvokeError()}");
        return number;
    }

    /// <summary>Sends the interrupt to a host thread (pthread_t).</summary>
    public static void Kick(nuint thread) => Libc.pthread_kill(thread, Signal);
}
