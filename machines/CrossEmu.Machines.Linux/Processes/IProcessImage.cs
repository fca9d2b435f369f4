using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>
/// A process image about to run in this host process: a program execve loads, or the copy of its
/// parent a fork child starts from. Create builds the guest process over fresh memory; InitState
/// fills the zeroed CPU state it starts with.
/// </summary>
public unsafe interface IProcessImage
{
    ILinuxGuest Isa { get; }

    /// <summary>Builds the process and its memory; GuestLoadException when the image cannot be loaded.</summary>
    LinuxProcess Create(GuestMemory memory, UserModeOptions options);

    void InitState(LinuxProcess process, void* state);
}
