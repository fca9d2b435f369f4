using System.Text;
using CrossEmu.Isa;

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
            string? call = process.Strace ? FormatCall(c, impl) : null;
            result = impl.Handler(c);
            if (call != null) process.LogWriter.WriteLine($"{process.Pid} {call} = {FormatResult(result)}");
        }
        else
        {
            result = -Errno.ENOSYS;
            if (process.Log.HasFlag(LogFlags.Unimp))
                process.LogWriter.WriteLine(entry != null
                    ? $"unimplemented syscall {c.Number} ({entry.Name})"
                    : $"unimplemented syscall {c.Number}");
            if (process.Strace) process.LogWriter.WriteLine($"{process.Pid} {entry?.Name ?? "syscall_" + c.Number}(...) = -1 errno={Errno.ENOSYS} (not implemented)");
        }
        if (result != SyscallContext.NoResult) process.Abi.WriteSyscallResult(state, result);
    }

    static string FormatCall(SyscallContext c, SyscallImplementation impl)
    {
        var sb = new StringBuilder(impl.Name).Append('(');
        var names = impl.Arguments.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < names.Length && i < SyscallContext.MaxArgs; i++)
        {
            if (i > 0) sb.Append(',');
            if (names[i].EndsWith('*')) sb.Append('"').Append(c.ReadString(c[i]) ?? $"0x{c[i]:x}").Append('"');
            else if (c[i] < 4096) sb.Append(c.Int(i));
            else sb.Append("0x").Append(c[i].ToString("x"));
        }
        return sb.Append(')').ToString();
    }

    static string FormatResult(long result) =>
        result == SyscallContext.NoResult ? "?" : Errno.IsError(result) ? $"-1 errno={-result}" : result >= 4096 ? $"0x{result:x}" : result.ToString();
}
