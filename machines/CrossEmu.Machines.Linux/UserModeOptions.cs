using CrossEmu.Isa;
using CrossEmu.Isa.Guests;
using CrossEmu.Jit;

namespace CrossEmu.Machines.Linux;

/// <summary>What to run in user mode and how (qemu-user's command line, as data).</summary>
public sealed class UserModeOptions
{
    /// <summary>The guest ISAs to pick from by the program's ELF header.</summary>
    public required GuestIsaRegistry Guests { get; init; }
    /// <summary>Host path of the guest program.</summary>
    public required string ProgramPath { get; init; }
    /// <summary>argv[1..] of the guest.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
    /// <summary>argv[0] of the guest (qemu's -0); default: ProgramPath as given.</summary>
    public string? Argv0 { get; init; }
    /// <summary>The guest environment as NAME=value strings; null: the host's.</summary>
    public IReadOnlyList<string>? Environment { get; init; }
    /// <summary>-L: where the guest's absolute paths (the dynamic loader, its libraries) are looked up first.</summary>
    public string? Sysroot { get; init; }
    public LogFlags Log { get; init; }
    /// <summary>Where -d and -strace output goes; default stderr.</summary>
    public TextWriter? LogWriter { get; init; }
    /// <summary>Where the emulator's own error lines go; default stderr.</summary>
    public TextWriter? ErrorWriter { get; init; }
    /// <summary>-strace: one line per system call.</summary>
    public bool Strace { get; init; }
    /// <summary>-g: wait for gdb on 127.0.0.1:port before the first instruction and run under it.</summary>
    public int? GdbPort { get; init; }
    /// <summary>How to start another CrossEmu (the executable and the arguments before the command),
    /// for fork children; null: fork and vfork fail with ENOSYS.</summary>
    public IReadOnlyList<string>? EmulatorCommand { get; init; }
    /// <summary>The guest is the only thing running in this host process (the command line sets it, not tests,
    /// which run many guests side by side): host signals sent to it (kill, Ctrl-C, a child's exit) go to the guest
    /// (HostSignalForwarder, one per host process), and the descriptors the process inherited without FD_CLOEXEC
    /// become the guest's under their numbers (taken from the host, which would race other users of the process).</summary>
    public bool OwnsHostProcess { get; init; }
    /// <summary>Engine tuning (tiers, thresholds); its Log and LogWriter are taken from here when null.</summary>
    public EngineOptions? Engine { get; init; }
}
