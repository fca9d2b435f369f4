namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>Carries out one system call. Returns the result or -errno (host errno numbers), or
/// SyscallContext.NoResult when it has set the guest registers itself (sigreturn, exit).</summary>
public delegate long SyscallHandler(SyscallContext c);

/// <summary>An ABI-neutral implementation: the handler and its arguments as -strace prints them
/// ("fd, buf, count"; a `*` suffix marks a string: "path*").</summary>
public sealed record SyscallImplementation(string Name, SyscallHandler Handler, string Arguments)
{
    public int ArgumentCount => Arguments.Length == 0 ? 0 : Arguments.Count(ch => ch == ',') + 1;
}

/// <summary>One row of an ABI's syscall table. Handler is null for a known but unimplemented call.</summary>
public sealed record SyscallEntry(int Number, string Name, SyscallImplementation? Implementation);
