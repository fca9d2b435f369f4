using System.Text;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Syscalls;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>
/// Writes one -strace line, `1234 openat(AT_FDCWD,"/etc/passwd",O_RDONLY|O_LARGEFILE) = 3`: the
/// arguments the call reads are formatted on entry (it may change what they point at), the ones it
/// fills in after it returns, and the line is written then, or on entry for calls that do not return.
/// Only created when -strace is on.
/// </summary>
public sealed class SyscallTrace
{
    readonly LinuxProcess process;
    readonly string name;
    readonly SyscallSignature signature;
    readonly StraceCall call;
    readonly string?[] formatted;

    SyscallTrace(LinuxProcess process, SyscallContext context, SyscallImplementation implementation)
    {
        this.process = process;
        name = implementation.Name;
        signature = implementation.Signature;
        call = new StraceCall(context);
        formatted = new string?[signature.Parameters.Count];
    }

    public static SyscallTrace Begin(LinuxProcess process, SyscallContext context, SyscallImplementation implementation)
    {
        var trace = new SyscallTrace(process, context, implementation);
        trace.FormatArguments(afterCall: false);
        if (trace.signature.Result.NeverReturns) trace.Write("?");
        return trace;
    }

    public void End(long result)
    {
        if (signature.Result.NeverReturns) return;
        call.Result = result;
        call.Returned = true;
        FormatArguments(afterCall: true);
        Write(FormatResult(result));
    }

    /// <summary>The line of a call the runtime does not implement.</summary>
    public static void Unimplemented(LinuxProcess process, int number, string? name)
    {
        var errno = GuestNames.Of(process.Abi).DescribeErrno(process.Abi.ToGuestErrno(Errno.ENOSYS));
        process.LogWriter.WriteLine($"{process.Pid} {name ?? "syscall_" + number}(...) = -1 {errno}");
    }

    void FormatArguments(bool afterCall)
    {
        for (int i = 0; i < formatted.Length; i++)
        {
            var p = signature.Parameters[i];
            if (p.Kind.AfterCall != afterCall) continue;
            try { formatted[i] = p.Kind.Format(call, p.Slot); }
            // A formatter's mistake must not end the guest: show the raw value.
            catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException or OverflowException)
            {
                formatted[i] = $"0x{call[p.Slot]:x}";
            }
        }
    }

    string FormatResult(long result)
    {
        if (result == SyscallContext.NoResult) return "?";
        long guest = process.Abi.ToGuestResult(result);
        return Errno.IsError(guest) ? "-1 " + call.Names.DescribeErrno((int)-guest) : signature.Result.Format(call, result);
    }

    void Write(string result)
    {
        // The calling thread's id, as strace -f prints it.
        int tid = Threads.GuestThread.Current is { } t && t.Process == process ? t.Tid : process.Pid;
        var sb = new StringBuilder().Append(tid).Append(' ').Append(name).Append('(');
        bool first = true;
        foreach (var text in formatted)
        {
            if (text == null) continue;
            if (!first) sb.Append(',');
            sb.Append(text);
            first = false;
        }
        process.LogWriter.WriteLine(sb.Append(") = ").Append(result).ToString());
    }
}
