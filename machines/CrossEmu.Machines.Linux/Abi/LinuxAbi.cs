using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Memory;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Syscalls;

namespace CrossEmu.Machines.Linux.Abi;

/// <summary>
/// Everything that differs between guest Linux ABIs, as data where possible: syscall numbers,
/// struct layouts, flag and errno and signal numbering, memory layout, auxv values, and the few
/// register conventions (where the syscall number, arguments and result live). Handlers are
/// written once against this class; a new ABI (MIPS o32) is a new subclass with its tables.
/// </summary>
public abstract unsafe class LinuxAbi
{
    public abstract string Name { get; }
    public abstract bool BigEndian { get; }
    public abstract GuestLayout Layout { get; }
    public abstract StructLayouts Structs { get; }
    public abstract SyscallTable Syscalls { get; }

    /// <summary>open/openat/fcntl O_* flags, guest to host.</summary>
    public abstract FlagMap OpenFlags { get; }
    /// <summary>mmap MAP_* flags, guest to host.</summary>
    public abstract FlagMap MmapFlags { get; }
    /// <summary>sigaction SA_* flags, guest to host.</summary>
    public abstract FlagMap SigactionFlags { get; }

    public virtual int ToGuestErrno(int hostErrno) => hostErrno;
    /// <summary>fcntl command to the asm-generic 32-bit numbering (F_GETLK64 = 12...).</summary>
    public virtual int ToGenericFcntl(int command) => command;
    /// <summary>ioctl request number to the host's (TCGETS 0x5401...).</summary>
    public virtual uint ToHostIoctl(uint request) => request;
    /// <summary>rt_sigprocmask how to the generic SIG_BLOCK=0, SIG_UNBLOCK=1, SIG_SETMASK=2.</summary>
    public virtual int ToHostSigprocmaskHow(int how) => how;
    /// <summary>RLIMIT_* resource to the host's numbering.</summary>
    public virtual int ToHostRlimitResource(int resource) => resource;
    public virtual int ToHostSignal(int guestSignal) => guestSignal;
    public virtual int ToGuestSignal(int hostSignal) => hostSignal;
    /// <summary>The name of a guest signal the host has no counterpart of (MIPS SIGEMT), for -strace; else null.</summary>
    public virtual string? GuestOnlySignalName(int guestSignal) => null;
    /// <summary>poll/ppoll event bits, guest to host and back (only POLLWR* differ anywhere).</summary>
    public virtual ushort ToHostPollEvents(ushort events) => events;
    public virtual ushort ToGuestPollEvents(ushort events) => events;
    /// <summary>struct termios of TCGETS/TCSETS (its size, c_cc order and c_lflag bits differ on MIPS).</summary>
    public virtual TermiosConverter Termios => TermiosConverter.Generic;
    /// <summary>SOCK_* types, SOL_SOCKET and SO_* options (MIPS has its own).</summary>
    public virtual SocketNumbering Sockets => SocketNumbering.Generic;

    /// <summary>uname machine field.</summary>
    public abstract string UnameMachine { get; }
    /// <summary>AT_PLATFORM string, or null for none.</summary>
    public abstract string? Platform { get; }
    public abstract uint HwCap { get; }
    public virtual uint HwCap2 => 0;
    /// <summary>Whether the ABI has an AT_HWCAP2 entry at all.</summary>
    public virtual bool HasHwCap2 => false;

    /// <summary>Puts the entry pc and stack pointer into a zeroed CPU state.</summary>
    public abstract void InitCpu(void* state, uint entry, uint stackPointer);

    /// <summary>Bytes of the syscall instruction (a restarted call goes back over it).</summary>
    public virtual uint SyscallInstructionSize => 4;

    /// <summary>Sets the thread pointer (clone's CLONE_SETTLS: ARM TPIDRURO, MIPS UserLocal).</summary>
    public abstract void SetThreadPointer(void* state, uint pointer);

    /// <summary>Sets the stack pointer register (a clone child's new stack).</summary>
    public abstract void SetStackPointer(void* state, uint stackPointer);

    /// <summary>Fills c.Number and c.Args from the registers (and, for some ABIs, the stack).</summary>
    public abstract void ReadSyscall(void* state, SyscallContext c);

    /// <summary>A handler result with its errno renumbered for this ABI (still -errno).</summary>
    public long ToGuestResult(long result) => Errno.IsError(result) ? -ToGuestErrno((int)-result) : result;

    /// <summary>Stores a handler result (value or -errno in host numbers) the way the ABI returns it.</summary>
    public abstract void WriteSyscallResult(void* state, long result);

    /// <summary>Maps pages the kernel provides (ARM kuser helpers, sigreturn trampolines).</summary>
    public virtual void InstallSpecialPages(AddressSpace space) { }

    /// <summary>Builds and unwinds guest signal frames; null when the ABI has none yet
    /// (handled signals then take their default action).</summary>
    public virtual ISignalFrames? SignalFrames => null;

    /// <summary>The guest signal an ExitReason.Trap with this code raises.</summary>
    public virtual SignalInfo SignalForTrap(uint code, uint pc) => new(ToGuestSignal(HostSignals.SIGTRAP), HostSignals.TRAP_BRKPT, pc);

    /// <summary>The SIGFPE si_code of an ExitReason.FloatingPoint, whose Arg holds the frontend's cause bits.</summary>
    public virtual int FloatingPointCode(uint cause) => HostSignals.FPE_FLTUNK;
}
