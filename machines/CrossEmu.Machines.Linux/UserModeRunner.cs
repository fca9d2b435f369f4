using System.Runtime.InteropServices;
using CrossEmu.Isa.Guests;
using CrossEmu.Isa.Host;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Files;
using CrossEmu.Machines.Linux.Gdb;
using CrossEmu.Machines.Linux.Processes;
using CrossEmu.Machines.Linux.Signals;

namespace CrossEmu.Machines.Linux;

/// <summary>
/// Runs a foreign Linux program, like qemu-arm: loads the ELF, asks the registry which ISA (and so
/// which Linux ABI and frontend) runs it, builds the process image and runs it on the execution
/// engine until it exits. An execve of another guest program replaces the image in this host
/// process (a fresh address space and engine; the descriptors, pid and ignored signals stay).
/// </summary>
public sealed unsafe class UserModeRunner
{
    const int StateAlignment = 64;

    /// <summary>Guest instructions the last Run executed (over every image it ran).</summary>
    public ulong InstructionsExecuted { get; private set; }

    /// <summary>The execution engine's counters of the last image Run ran.</summary>
    public EngineStats? Stats { get; private set; }

    /// <summary>The host signal that killed the guest, when one did (a fork child then dies by it too).</summary>
    public int? KilledBy { get; private set; }

    /// <summary>The ISA that ran the last program.</summary>
    public IGuestIsa? Isa { get; private set; }

    /// <summary>Returns the guest's exit status (exit_group status &amp; 0xff, 128+signal when killed,
    /// 1 when the emulator had to stop). Throws GuestLoadException when the program cannot be loaded.</summary>
    public int Run(UserModeOptions options)
    {
        var program = ElfFile.Load(options.ProgramPath);
        var isa = LinuxGuests.ForElf(options.Guests, program);
        var argv = new List<string> { options.Argv0 ?? options.ProgramPath };
        argv.AddRange(options.Arguments);
        var carried = new ProcessCarryOver(options.OwnsHostProcess ? DescriptorTable.Inherited() : DescriptorTable.WithStandardStreams(),
            InheritedSignals(isa.LinuxAbi), new Dictionary<int, HostRlimit>());
        var image = new ProgramImage(isa, program, options.ProgramPath, argv, options.Environment ?? HostEnvironment(),
            options.ProgramPath, carried);
        return RunImages(options, image, forkChild: false);
    }

    /// <summary>The guest side of a fork: takes over the copy a parent CrossEmu wrote (ForkSpawner) and runs it.</summary>
    public int RunForkChild(UserModeOptions options, ForkImage image, int memoryFd) =>
        RunImages(options, new ForkChildImage(options.Guests, image, memoryFd), forkChild: true);

    int RunImages(UserModeOptions options, IProcessImage image, bool forkChild)
    {
        LinuxProcess? current = null;
        using var forwarder = options.OwnsHostProcess
            ? HostSignalForwarder.Start(HostSignalForwarder.Forwardable, e => Volatile.Read(ref current)?.OnHostSignal(e))
            : null;
        bool first = true;
        while (true)
        {
            using var memory = new GuestMemory();
            LinuxProcess process;
            try { process = image.Create(memory, options); }
            catch (GuestLoadException e) when (!first)
            {
                // Past execve's point of no return the old image is gone: the process dies, as Linux kills it.
                (options.ErrorWriter ?? Console.Error).WriteLine($"crossemu: execve: {e.Message}");
                return 128 + HostSignals.SIGKILL;
            }
            Volatile.Write(ref current, process);
            // What was sent to a fork child while it started waited, blocked (ForkSpawner): the guest takes it now.
            if (forkChild && first && forwarder != null) HostSignalForwarder.UnblockOnThisThread(forwarder.Signals);
            int code;
            try { code = RunProcess(options, image.Isa, process, image, first && options.GdbPort is not null, forkChild); }
            finally { process.AddressSpace.Shared.Dispose(); }   // the host descriptors of its shared mappings
            KilledBy = process.TerminatingSignal;
            if (process.PendingExec is not { } next) return code;
            image = next;
            first = false;
        }
    }

    int RunProcess(UserModeOptions options, ILinuxGuest isa, LinuxProcess process, IProcessImage image, bool underGdb, bool forkChild)
    {
        Isa = isa;
        var frontend = isa.CreateFrontend();
        int stateSize = frontend.Layout.StateSize;
        process.Launch = new LaunchContext(options, isa, stateSize, forkChild);
        // The engine's compiled code holds the state's address: it must never move.
        void* state = NativeMemory.AlignedAlloc((nuint)stateSize, StateAlignment);
        try
        {
            NativeMemory.Clear(state, (nuint)stateSize);
            image.InitState(process, state);
            var engineOptions = options.Engine ?? new EngineOptions { Log = options.Log, LogWriter = options.LogWriter ?? Console.Error };
            using var engine = new ExecutionEngine(frontend, process.Memory, engineOptions with { Registers = engineOptions.Registers ?? isa.Registers });
            Stats = engine.Stats;
            process.ThreadsStarting = engine.EnableConcurrency;
            using var gdb = underGdb ? GdbAttachment.Start(process, engine, isa, options.GdbPort!.Value, options.ErrorWriter ?? Console.Error) : null;
            return process.Run(state, s => engine.Run(s));
        }
        finally
        {
            InstructionsExecuted += ((CpuHeader*)state)->InsnCount;
            NativeMemory.AlignedFree(state);
        }
    }

    /// <summary>
    /// The guest starts with the signals ignored that this process was started with ignoring (nohup's SIGHUP,
    /// SIGINT and SIGQUIT of a shell's background job), as execve keeps them. SIGPIPE is the exception:
    /// the .NET runtime ignores it in every process, so whether the parent did is not known; default.
    /// </summary>
    static SignalState InheritedSignals(LinuxAbi abi)
    {
        var signals = new SignalState();
        ulong ignored = 0;
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            if (line != null) ignored = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
        }
        catch (IOException) { }
        for (int host = 1; host <= HostSignals.Count; host++)
            if ((ignored & (1UL << (host - 1))) != 0 && host != HostSignals.SIGPIPE)
                signals[abi.ToGuestSignal(host)] = new GuestSigaction(GuestSigaction.SigIgn, 0, 0, 0);
        return signals;
    }

    static List<string> HostEnvironment()
    {
        var list = HostSpawn.Environment();
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
