using CrossEmu.Isa;
using CrossEmu.Isa.Host;
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
            result = impl.Handler(c);
            trace?.End(result);
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
