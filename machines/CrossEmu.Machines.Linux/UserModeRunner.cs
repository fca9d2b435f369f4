using System.Collections;
using System.Runtime.InteropServices;
using CrossEmu.Isa.Guests;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit;
using CrossEmu.Machines.Debugging.Gdb;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Startup;

namespace CrossEmu.Machines.Linux;

/// <summary>
/// Runs a foreign Linux program, like qemu-arm: loads the ELF, asks the registry which ISA (and so
/// which Linux ABI and frontend) runs it, builds the process image and runs it on the execution
/// engine until it exits.
/// </summary>
public sealed unsafe class UserModeRunner
{
    const int StateAlignment = 64;

    /// <summary>Guest instructions the last Run executed.</summary>
    public ulong InstructionsExecuted { get; private set; }

    /// <summary>The execution engine's counters of the last Run.</summary>
    public EngineStats? Stats { get; private set; }

    /// <summary>The ISA that ran the last program.</summary>
    public IGuestIsa? Isa { get; private set; }

    /// <summary>Returns the guest's exit status (exit_group status &amp; 0xff, 128+signal when killed,
    /// 1 when the emulator had to stop). Throws GuestLoadException when the program cannot be loaded.</summary>
    public int Run(UserModeOptions options)
    {
        var program = ElfFile.Load(options.ProgramPath);
        var isa = LinuxGuests.ForElf(options.Guests, program);
        Isa = isa;
        var abi = isa.LinuxAbi;
        using var memory = new GuestMemory();
        var process = new LinuxProcess(abi, memory, new PathResolver(options.Sysroot, options.ProgramPath),
            options.Log, options.LogWriter, options.ErrorWriter, options.Strace);

        var argv = new List<string> { options.Argv0 ?? options.ProgramPath };
        argv.AddRange(options.Arguments);
        var start = ProgramLoader.Load(process, program, argv, options.Environment ?? HostEnvironment(), options.ProgramPath);

        var frontend = isa.CreateFrontend();
        int stateSize = frontend.Layout.StateSize;
        // The engine's compiled code holds the state's address: it must never move.
        void* state = NativeMemory.AlignedAlloc((nuint)stateSize, StateAlignment);
        try
        {
            NativeMemory.Clear(state, (nuint)stateSize);
            abi.InitCpu(state, start.Entry, start.StackPointer);
            var engineOptions = options.Engine ?? new EngineOptions { Log = options.Log, LogWriter = options.LogWriter ?? Console.Error };
            using var engine = new ExecutionEngine(frontend, memory, engineOptions with { Registers = engineOptions.Registers ?? isa.Registers });
            Stats = engine.Stats;
            if (options.GdbPort is { } port) DebugUnderGdb(process, engine, state, isa, port, options.ErrorWriter ?? Console.Error);
            // Runs the program (on, after a debugger detached; nothing when it has ended).
            return process.Run(state, s => engine.Run(s));
        }
        finally
        {
            InstructionsExecuted = ((CpuHeader*)state)->InsnCount;
            NativeMemory.AlignedFree(state);
        }
    }

    /// <summary>-g: waits for gdb before the first instruction and runs the program under it.</summary>
    static void DebugUnderGdb(LinuxProcess process, ExecutionEngine engine, void* state, IGuestIsa isa, int port, TextWriter announce)
    {
        var registers = GdbRegisterMap.From(isa.Registers, isa.BigEndian);
        using var target = new LinuxGdbTarget(process, engine, state, registers);
        GdbServer.WaitAndServe(port, target, announce);
    }

    static List<string> HostEnvironment()
    {
        var list = new List<string>();
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables()) list.Add($"{e.Key}={e.Value}");
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
