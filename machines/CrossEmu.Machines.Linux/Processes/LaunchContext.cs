using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>What a running guest process knows of how it was started: the user's options (sysroot,
/// logging, engine), its ISA and CPU state size, and whether it is a fork child (which dies by its
/// signal for real, so that the parent's wait4 sees it).</summary>
public sealed record LaunchContext(UserModeOptions Options, ILinuxGuest Isa, int StateSize, bool ForkChild);
