using CrossEmu.Machines.Linux.Strace;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>Carries out one system call. Returns the result or -errno (host errno numbers), or
/// SyscallContext.NoResult when it has set the guest registers itself (sigreturn, exit).</summary>
public delegate long SyscallHandler(SyscallContext c);

/// <summary>An ABI-neutral implementation: the handler and its arguments as -strace prints them,
/// "name:kind" each, e.g. "fd:fd, buf:in_buf, count:size", and " -> kind" for a result that is not
/// a plain number (see SyscallSignature; the kinds are in Linux/Strace).</summary>
public sealed record SyscallImplementation(string Name, SyscallHandler Handler, string Arguments)
{
    SyscallSignature? signature;

    /// <summary>The parsed Arguments, made on first use.</summary>
    public SyscallSignature Signature => signature ??= SyscallSignature.Parse(Arguments);

    Func<SyscallContext, Interruption>? blocking;

    /// <summary>Whether (and how) a call may block in the host, given its arguments (BlockingCalls).</summary>
    public Func<SyscallContext, Interruption> Blocking => blocking ??= BlockingCalls.For(Name);

    (int Slot, DescriptorArgument Use)[]? descriptors;

    /// <summary>The argument slots that hold guest descriptors, which the dispatcher translates.</summary>
    public (int Slot, DescriptorArgument Use)[] DescriptorSlots => descriptors ??=
        Signature.Parameters.Where(p => p.Kind.Descriptor != DescriptorArgument.None).Select(p => (p.Slot, p.Kind.Descriptor)).ToArray();
}

/// <summary>One row of an ABI's syscall table. Handler is null for a known but unimplemented call.</summary>
public sealed record SyscallEntry(int Number, string Name, SyscallImplementation? Implementation);
