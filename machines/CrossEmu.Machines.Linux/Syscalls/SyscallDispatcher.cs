using CrossEmu.Isa;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Strace;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>Looks a syscall up in the ABI's table, runs it, logs it (-strace, -d unimp), stores the result.</summary>
static unsafe class SyscallDispatcher
{
    public static void Dispatch(LinuxProcess process, SyscallContext c, void* state)
    {
        c.State = state;
        Array.Clear(c.Args);
        process.Abi.ReadSyscall(state, c);
        var entry = process.Abi.Syscalls.Find(c.Number);
        long result;
        if (entry?.Implementation is { } impl)
        {
            var trace = process.Strace ? SyscallTrace.Begin(process, c, impl) : null;
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
        if (result != SyscallContext.NoResult) process.Abi.WriteSyscallResult(state, result);
    }
}
