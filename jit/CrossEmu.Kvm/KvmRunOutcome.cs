namespace CrossEmu.Kvm;

/// <summary>Why a KVM machine stopped running.</summary>
public enum KvmOutcomeKind
{
    /// <summary>The guest powered off (a device called <see cref="KvmMachineRunner.PowerOff"/>, or a KVM system event);
    /// see <see cref="KvmRunOutcome.ExitCode"/>.</summary>
    PoweredOff,
    /// <summary>The guest asked for a reset: the machine layer rebuilds the vCPU state and runs again.</summary>
    ResetRequested,
    /// <summary>A vCPU triple-faulted (KVM_EXIT_SHUTDOWN). On a PC this is a reset; the machine layer decides.</summary>
    TripleFault,
    /// <summary>Every vCPU halted with no way to wake (HLT exits without the in-kernel irqchip).</summary>
    Halted,
    /// <summary>Stopped from outside (<see cref="KvmMachineRunner.Stop"/>: Ctrl-A X, the monitor's quit).</summary>
    Stopped,
    /// <summary><see cref="KvmMachineRunner.Wait"/> ran out of time and stopped the machine.</summary>
    TimedOut,
    /// <summary>The guest reported a crash (KVM_SYSTEM_EVENT_CRASH, a panic device).</summary>
    Crashed,
    /// <summary>An internal error, a failed entry, an unknown exit or an exception in a device: see <see cref="KvmRunOutcome.Message"/>.</summary>
    Error,
}

/// <summary>The outcome of a run: the kind, the guest's exit code for a power-off, which vCPU ended it, and a message.</summary>
public sealed record KvmRunOutcome(KvmOutcomeKind Kind, int ExitCode = 0, int? Vcpu = null, string? Message = null, Exception? Exception = null)
{
    public override string ToString() => Kind switch
    {
        KvmOutcomeKind.PoweredOff => $"powered off (exit code {ExitCode})",
        KvmOutcomeKind.ResetRequested => "reset requested" + (Vcpu is { } v ? $" by vCPU {v}" : ""),
        KvmOutcomeKind.TripleFault => $"triple fault on vCPU {Vcpu}" + (Message != null ? $": {Message}" : ""),
        KvmOutcomeKind.Halted => "all vCPUs halted",
        KvmOutcomeKind.Stopped => "stopped",
        KvmOutcomeKind.TimedOut => "timed out",
        KvmOutcomeKind.Crashed => "guest crashed" + (Message != null ? $": {Message}" : ""),
        _ => "error" + (Vcpu is { } e ? $" on vCPU {e}" : "") + (Message != null ? $": {Message}" : ""),
    };
}
