namespace CrossEmu.Kvm;

/// <summary>What one KVM_RUN ended with, after port and MMIO exits have been served.</summary>
public enum VcpuExitKind
{
    /// <summary>An exit that was handled (port I/O, MMIO, an interrupt window): run again.</summary>
    Handled,
    /// <summary>KVM_RUN was interrupted (a signal or immediate_exit): check for a stop, then run again.</summary>
    Interrupted,
    /// <summary>HLT reached userspace (no in-kernel irqchip).</summary>
    Halted,
    /// <summary>KVM_EXIT_SHUTDOWN: a triple fault.</summary>
    TripleFault,
    /// <summary>KVM_EXIT_SYSTEM_EVENT shutdown (PSCI/ACPI power off through KVM).</summary>
    SystemShutdown,
    /// <summary>KVM_EXIT_SYSTEM_EVENT reset.</summary>
    SystemReset,
    /// <summary>KVM_EXIT_SYSTEM_EVENT crash.</summary>
    SystemCrash,
    /// <summary>An internal error, failed entry or unknown exit; <see cref="VcpuExit.Message"/> says which, with the registers.</summary>
    Error,
}

/// <summary>The result of <see cref="KvmVcpu.RunOnce"/>.</summary>
public readonly record struct VcpuExit(VcpuExitKind Kind, uint Reason, string? Message = null);
