using CrossEmu.Machines.Linux.Syscalls;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>An ABI's signal frames: what the kernel pushes on the guest stack to run a handler, and
/// how sigreturn restores the interrupted state.</summary>
public unsafe interface ISignalFrames
{
    /// <summary>Pushes a frame and points the CPU at the handler. False when the frame cannot be
    /// written (bad stack): the caller then kills the process with SIGSEGV, as Linux does.</summary>
    bool Setup(LinuxProcess process, void* state, SignalInfo info, GuestSigaction action);

    /// <summary>sigreturn (rt = false) or rt_sigreturn: restores registers and the signal mask.
    /// Returns SyscallContext.NoResult, or -errno-free SIGSEGV handling through the process.</summary>
    long Return(SyscallContext c, bool rt);
}
