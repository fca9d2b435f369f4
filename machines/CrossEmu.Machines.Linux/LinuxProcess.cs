using CrossEmu.Isa;
using CrossEmu.Isa.Host;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Files;
using CrossEmu.Machines.Linux.Memory;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Syscalls;
using CrossEmu.Machines.Linux.Strace;

namespace CrossEmu.Machines.Linux;

/// <summary>Runs guest code on a CPU state until the next exit (the execution engine's Run).</summary>
public unsafe delegate ExitReason GuestExecutor(void* state);

/// <summary>
/// A guest Linux process: its ABI, memory and address space, signal state and exit status, and the
/// loop that runs guest code and serves its exits (syscalls, faults, traps) until it ends.
/// </summary>
public sealed unsafe partial class LinuxProcess
{
    readonly SyscallContext syscall;
    readonly SignalState mainSignals;

    public LinuxProcess(LinuxAbi abi, GuestMemory memory, PathResolver paths, LogFlags log = LogFlags.None,
        TextWriter? logWriter = null, TextWriter? errorWriter = null, bool strace = false, DescriptorTable? files = null,
        SignalState? signals = null, Dictionary<int, HostRlimit>? limits = null)
    {
        Files = files ?? DescriptorTable.WithStandardStreams();
        mainSignals = signals ?? new SignalState();
        mainSignals.Aborted = () => HasExited || PendingExec != null;
        GuestLimits = limits ?? new Dictionary<int, HostRlimit>();
        Abi = abi;
        Memory = memory;
        AddressSpace = new AddressSpace(memory, abi.Layout.WithStackLimit(HostStackLimit()));
        Paths = paths;
        Log = log;
        LogWriter = logWriter ?? Console.Error;
        ErrorWriter = errorWriter ?? Console.Error;
        Strace = strace;
        syscall = new SyscallContext(this);
        ThreadName = new byte[16];
        var comm = System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(paths.ExecutablePath));
        comm.AsSpan(0, Math.Min(comm.Length, 15)).CopyTo(ThreadName);
        Timers = new IntervalTimers(host => SignalDelivery.Raise(this, new SignalInfo(abi.ToGuestSignal(host), HostSignals.SI_KERNEL)));
    }

    /// <summary>This process's RLIMIT_STACK soft limit, which the guest inherits (getrlimit reports it).</summary>
    static ulong HostStackLimit() => HostLimit(Libc.RLIMIT_STACK);

    /// <summary>This process's soft limit of a resource (0 when unknown).</summary>
    public static ulong HostLimit(int resource)
    {
        HostRlimit limit;
        return Libc.prlimit(0, resource, null, &limit) == 0 ? limit.Current : 0;
    }

    public LinuxAbi Abi { get; }
    public GuestMemory Memory { get; }
    public AddressSpace AddressSpace { get; }
    public PathResolver Paths { get; }
    /// <summary>The signal state of the calling guest thread (the main thread's when called from elsewhere:
    /// a timer, the host forwarder, a test).</summary>
    public SignalState Signals => Threads.GuestThread.Current is { } t && t.Process == this ? t.Signals : mainSignals;
    /// <summary>The guest's descriptors; 0-2 start as copies of the emulator's standard streams.</summary>
    public DescriptorTable Files { get; }
    /// <summary>setitimer's timers; they fire on host timer threads and stop when the process ends.</summary>
    public IntervalTimers Timers { get; }
    public LogFlags Log { get; }
    public TextWriter LogWriter { get; }
    public TextWriter ErrorWriter { get; }
    public bool Strace { get; }

    /// <summary>The process id the guest sees (the host's).</summary>
    public int Pid => Environment.ProcessId;

    /// <summary>Resource limits the guest set (RLIMIT_* host numbering); the emulator's own stay untouched.</summary>
    public Dictionary<int, HostRlimit> GuestLimits { get; }

    /// <summary>How this process was started and how to start others (fork children); null in unit tests.</summary>
    public Processes.LaunchContext? Launch { get; set; }

    /// <summary>Set by a successful execve of a guest program: the run loop stops and the runner
    /// starts this image in the same host process.</summary>
    public Processes.IProcessImage? PendingExec { get; private set; }

    /// <summary>execve's point of no return: this image is finished, the new one takes over.</summary>
    public void ReplaceImage(Processes.IProcessImage next)
    {
        PendingExec = next;
        StopAllThreads();   // execve ends every other thread
    }

    /// <summary>The program's argv, as /proc/self/cmdline shows it.</summary>
    public IReadOnlyList<string> Arguments { get; set; } = [];

    /// <summary>The auxiliary vector on the initial stack (guest byte order, ending in AT_NULL).</summary>
    public byte[] AuxiliaryVector { get; set; } = [];

    /// <summary>prctl(PR_SET_NAME) name, 16 bytes NUL-padded; starts as the program's file name.</summary>
    public byte[] ThreadName { get; set; }

    /// <summary>A vfork child's host descriptor of the pipe its parent waits on: closed at execve or
    /// exit, which lets the parent go on (-1: not a vfork child, or already told).</summary>
    public int VforkDone { get; set; } = -1;

    /// <summary>Tells a vfork parent that this child no longer borrows its memory (execve, exit).</summary>
    public void ReleaseVforkParent()
    {
        if (VforkDone < 0) return;
        Processes.VforkWriteBack.Send(this, VforkDone);   // the memory Linux would have shared with the parent
        Libc.close(VforkDone);
        VforkDone = -1;
    }

    /// <summary>set_tid_address's pointer (cleared and futex-woken at thread exit in Linux).</summary>
    public uint ClearChildTid { get; set; }

    /// <summary>Set once the process has ended: the exit_group status &amp; 0xff, or 128+signal.</summary>
    public int? ExitCode { get; private set; }
    public bool HasExited => ExitCode.HasValue;

    public void Exit(int status)
    {
        if (Strace && !HasExited) ProcessEventTrace.Exited(this, status & 0xff);
        End(status & 0xff);
    }

    /// <summary>Ends the process as killed by a signal (host number), like a shell reports it.</summary>
    public void TerminateBySignal(int hostSignal)
    {
        if (!HasExited)
        {
            TerminatingSignal = hostSignal;
            if (Strace) ProcessEventTrace.Killed(this, hostSignal);
        }
        End(128 + hostSignal);
    }

    /// <summary>The host signal that ended the process, when one did (a debugger reports it, not 128+n).</summary>
    public int? TerminatingSignal { get; private set; }

    /// <summary>Ends the process because the emulator cannot go on (message on stderr, status 1).</summary>
    public void Abort(string message)
    {
        ErrorWriter.WriteLine($"crossemu: {message}");
        End(1);
    }

    void End(int code)
    {
        ExitCode ??= code;
        ReleaseVforkParent();
        StopAllThreads();
        Timers.Dispose();
    }

    /// <summary>A host signal sent to the emulator's process from outside, as the guest receives it:
    /// the sender's pid and uid, a child's status for SIGCHLD (signal numbers renumbered for the ABI).</summary>
    public void OnHostSignal(HostSignalEvent e)
    {
        // Sent by this very process: the kernel's SIGPIPE or SIGXFSZ for a write the runtime made for the
        // guest (the syscall already raised the guest's own, synchronously). The guest's signals to
        // itself never go through the host.
        if (e.Code == HostSignals.SI_USER && e.Pid == Pid) return;
        int guest = Abi.ToGuestSignal(e.Signal);
        bool child = e.Signal == HostSignals.SIGCHLD && e.Code > 0;
        int status = child && e.Code != HostSignals.CLD_EXITED ? Abi.ToGuestSignal(e.Status) : e.Status;
        var info = new SignalInfo(guest, e.Code, Pid: e.Pid, Uid: e.Uid, Value: (uint)(child ? status : e.Value)) { AboutChild = child };
        SignalDelivery.Raise(this, info);
    }

    /// <summary>Handles the system call the CPU stopped at (registers in, result out).</summary>
    public void HandleSyscall(void* state) =>
        SyscallDispatcher.Dispatch(this, Threads.GuestThread.Current is { } t && t.Process == this ? t.Syscall : syscall, state);

    /// <summary>The guest is all this host process runs (the command line, a fork child): forwarded host
    /// signals reach it, and a fatal one ends the host process at once.</summary>
    public bool OwnsHostProcess => Launch?.Options.OwnsHostProcess == true;

    /// <summary>Whether the caller is a thread that runs this guest (not a timer or the signal forwarder).</summary>
    public bool IsGuestThread => Threads.GuestThread.Current?.Process == this;

    /// <summary>Runs the guest's main thread, then waits for the others; returns the process exit code.</summary>
    public int Run(void* state, GuestExecutor execute)
    {
        executor = execute;
        var main = new Threads.GuestThread(this, Pid, state, mainSignals) { ClearChildTid = ClearChildTid, Name = ThreadName.ToArray() };
        AddThread(main);
        try
        {
            RunThread(main);
            WaitForOtherThreads();
            return ExitCode ?? 0;
        }
        finally { Timers.Dispose(); }
    }

    /// <summary>Serves one exit of the execution engine.</summary>
    public void HandleExit(void* state, ExitReason reason)
    {
        var header = (CpuHeader*)state;
        if (Log != LogFlags.None) LogException(header, reason);
        if (SignalForExit(header, reason) is { } fault)
        {
            SignalDelivery.Force(this, state, fault);
            return;
        }
        switch (reason)
        {
            case ExitReason.Syscall:
                HandleSyscall(state);
                break;
            case ExitReason.Unsupported:
                Abort((UnsupportedFeature)header->ExitArg == UnsupportedFeature.ThumbState
                    ? $"Thumb state at 0x{header->Pc:x8} is not supported yet"
                    : $"unsupported feature {header->ExitArg} at 0x{header->Pc:x8}");
                break;
            case ExitReason.Halt:
                Abort($"guest halted at 0x{header->Pc:x8}");
                break;
            default:
                break; // None, Jump, Interrupted: pending signals are looked at by the caller.
        }
    }

    /// <summary>-d int: every exception the guest raised; -d unimp: undefined instructions.</summary>
    void LogException(CpuHeader* h, ExitReason reason)
    {
        if (reason == ExitReason.Undefined && Log.HasFlag(LogFlags.Unimp))
            LogWriter.WriteLine($"undefined instruction 0x{h->ExitArg:x8} at 0x{h->Pc:x8}");
        if (Log.HasFlag(LogFlags.Int) && reason is not (ExitReason.None or ExitReason.Jump or ExitReason.Interrupted or ExitReason.Syscall))
            LogWriter.WriteLine($"exception {reason} at pc 0x{h->Pc:x8} (argument 0x{h->ExitArg:x8}, fault address 0x{h->FaultAddress:x8})");
    }

    /// <summary>The synchronous signal an exit raises (a fault or trap of the instruction at pc), or
    /// null. Separate from HandleExit so a debugger can stop on it before the guest sees it.</summary>
    public SignalInfo? SignalForExit(CpuHeader* header, ExitReason reason) => reason switch
    {
        ExitReason.MemoryFault when AddressSpace.IsPastEndOfFile(header->FaultAddress >> GuestMemory.PageShift) =>
            Fault(HostSignals.SIGBUS, BUS_ADRERR, header->FaultAddress),
        ExitReason.MemoryFault => Fault(HostSignals.SIGSEGV, SegvCode(header->FaultAddress), header->FaultAddress),
        ExitReason.AlignmentFault => Fault(HostSignals.SIGBUS, HostSignals.BUS_ADRALN, header->FaultAddress),
        ExitReason.IntegerOverflow => Fault(HostSignals.SIGFPE, HostSignals.FPE_INTOVF, header->Pc),
        ExitReason.FloatingPoint => Fault(HostSignals.SIGFPE, Abi.FloatingPointCode(header->ExitArg), header->Pc),
        ExitReason.Undefined => Fault(HostSignals.SIGILL, HostSignals.ILL_ILLOPC, header->Pc),
        ExitReason.Breakpoint => Fault(HostSignals.SIGTRAP, HostSignals.TRAP_BRKPT, header->Pc),
        ExitReason.Trap => Abi.SignalForTrap(header->ExitArg, header->Pc),
        _ => null,
    };

    const int BUS_ADRERR = 2;

    // A fault on a page that is mapped (but not accessible this way) is SEGV_ACCERR, else SEGV_MAPERR.
    int SegvCode(uint address) =>
        AddressSpace.IsUsed(address >> GuestMemory.PageShift) ? HostSignals.SEGV_ACCERR : HostSignals.SEGV_MAPERR;

    SignalInfo Fault(int hostSignal, int code, uint address) => new(Abi.ToGuestSignal(hostSignal), code, address);
}
