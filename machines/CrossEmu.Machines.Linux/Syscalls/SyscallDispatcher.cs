using CrossEmu.Isa;
using CrossEmu.Isa.Host;
using CrossEmu.Isa.State;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Strace;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>Looks a syscall up in the ABI's table, runs it, logs it (-strace, -d unimp), stores the result.</summary>
static unsafe class SyscallDispatcher
{
    public static void Dispatch(LinuxProcess process, SyscallContext c, void* state)
    {
        c.State = state;
        c.NoSigpipe = false;
        Array.Clear(c.Args);
        process.Abi.ReadSyscall(state, c);
        var entry = process.Abi.Syscalls.Find(c.Number);
        long result;
        if (entry?.Implementation is { } impl)
        {
            var trace = process.Strace ? SyscallTrace.Begin(process, c, impl) : null;
            TranslateDescriptors(process, c, impl);
            result = c.Thread is { } thread && impl.Blocking(c) is var kind and not Interruption.None
                ? CallInterruptibly(process, c, thread, impl, kind)
                : impl.Handler(c);
            trace?.End(result == Restart ? -Errno.EINTR : result);
            if (result == Restart)
            {
                // The call runs again once the handler returns (SA_RESTART): back to the syscall instruction,
                // with the registers as the guest left them (no result was written).
                ((CpuHeader*)state)->Pc -= process.Abi.SyscallInstructionSize;
                return;
            }
        }
        else
        {
            result = -Errno.ENOSYS;
            if (process.Log.HasFlag(LogFlags.Unimp))
                process.LogWriter.WriteLine(entry != null
                    ? $"unimplemented syscall {c.Number} ({entry.Name})"
                    : $"unimplemented syscall {c.Number}");
            if (process.Strace) SyscallTrace.Unimplemented(process, c.Number, entry?.Name);
        }
        if (result == -Errno.EPIPE && !c.NoSigpipe) RaiseSigpipe(process);
        if (result != SyscallContext.NoResult) process.Abi.WriteSyscallResult(state, result);
    }

    /// <summary>
    /// A write to a pipe or stream socket whose reader is gone fails with EPIPE and sends the writer
    /// SIGPIPE (pipe_write, sk_stream_error): `yes | head` ends `yes` so. The host ignores SIGPIPE (the
    /// .NET runtime does), so the host call only returns EPIPE; the signal is the guest's.
    /// </summary>
    static void RaiseSigpipe(LinuxProcess process) =>
        SignalDelivery.Raise(process, new SignalInfo(process.Abi.ToGuestSignal(HostSignals.SIGPIPE), HostSignals.SI_USER,
            Pid: process.Pid, Uid: Libc.getuid()));

    const long Restart = long.MinValue + 1;

    /// <summary>
    /// A call that may block in the host: a signal posted to the thread meanwhile interrupts the host call
    /// (CallInterrupter), and then, as Linux does, the call returns EINTR, or is restarted after the handler
    /// when it is restartable and the handler has SA_RESTART, or when no handler runs (Restart). A signal
    /// pending and deliverable before the call starts interrupts it at once. EINTR with no signal to deliver (another thread took
    /// it) calls again.
    /// </summary>
    static long CallInterruptibly(LinuxProcess process, SyscallContext c, Threads.GuestThread thread, SyscallImplementation impl,
        Interruption kind)
    {
        var signals = thread.Signals;
        while (true)
        {
            long result;
            // Blocking is announced before the pending signals are looked at: a signal posted after the look
            // sees the announcement and interrupts the host call (GuestThread.InterruptBlockingCall).
            thread.EnterBlockingCall();
            try { result = signals.PeekDeliverable() != 0 ? -Errno.EINTR : impl.Handler(c); }
            finally { thread.LeaveBlockingCall(); }
            if (result != -Errno.EINTR) return result;
            int signal = signals.PeekDeliverable();
            if (signal == 0)
            {
                if (process.HasExited || thread.Exited) return result;
                continue;
            }
            // No handler will run (ignored, or a default that ignores, stops or kills): Linux restarts the call once
            // the signal is dealt with, whatever the call (-ERESTARTSYS, -ERESTARTNOHAND). A handler: EINTR unless
            // the call is restartable and the handler has SA_RESTART.
            var action = signals[signal];
            if (action.IsDefault || action.IsIgnored) return Restart;
            return kind == Interruption.Restartable && (action.Flags & HostSignals.SA_RESTART) != 0 ? Restart : result;
        }
    }

    /// <summary>Guest descriptor arguments become host ones (after strace has shown the guest's).</summary>
    static void TranslateDescriptors(LinuxProcess process, SyscallContext c, SyscallImplementation impl)
    {
        foreach (var (slot, use) in impl.DescriptorSlots)
        {
            int fd = (int)c.Args[slot];
            if (use == DescriptorArgument.HostOrCwd && fd == Libc.AT_FDCWD) continue;
            c.Args[slot] = (uint)process.Files.HostOf(fd);
        }
    }
}
