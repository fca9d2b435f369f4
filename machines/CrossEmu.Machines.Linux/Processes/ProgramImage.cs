using CrossEmu.Isa.Host;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Files;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Startup;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>What an execve keeps of the process it replaces (Linux keeps the pid, descriptors without
/// FD_CLOEXEC, ignored signals, the signal mask and the resource limits).</summary>
public sealed record ProcessCarryOver(DescriptorTable Files, SignalState Signals, Dictionary<int, HostRlimit> Limits);

/// <summary>A guest ELF program to load, as execve and the first run load it.</summary>
public sealed unsafe class ProgramImage(ILinuxGuest isa, ElfFile program, string hostPath, IReadOnlyList<string> argv,
    IReadOnlyList<string> envp, string execFn, ProcessCarryOver carried) : IProcessImage
{
    ProcessStart? start;

    public ILinuxGuest Isa => isa;

    public LinuxProcess Create(GuestMemory memory, UserModeOptions options)
    {
        var process = new LinuxProcess(isa.LinuxAbi, memory, new PathResolver(options.Sysroot, hostPath), options.Log,
            options.LogWriter, options.ErrorWriter, options.Strace, carried.Files, carried.Signals, carried.Limits);
        start = ProgramLoader.Load(process, program, argv, envp, execFn);
        return process;
    }

    public void InitState(LinuxProcess process, void* state) =>
        process.Abi.InitCpu(state, start!.Entry, start.StackPointer);
}
