namespace CrossEmu.Kvm.Native;

/// <summary>KVM_EXIT_* (linux/kvm.h).</summary>
public static class KvmExit
{
    public const uint Unknown = 0, Exception = 1, Io = 2, Hypercall = 3, Debug = 4, Hlt = 5, Mmio = 6,
        IrqWindowOpen = 7, Shutdown = 8, FailEntry = 9, Intr = 10, SetTpr = 11, TprAccess = 12, Nmi = 16,
        InternalError = 17, SystemEvent = 24, IoapicEoi = 26;

    public static string Name(uint reason) => reason switch
    {
        Unknown => "KVM_EXIT_UNKNOWN",
        Exception => "KVM_EXIT_EXCEPTION",
        Io => "KVM_EXIT_IO",
        Hypercall => "KVM_EXIT_HYPERCALL",
        Debug => "KVM_EXIT_DEBUG",
        Hlt => "KVM_EXIT_HLT",
        Mmio => "KVM_EXIT_MMIO",
        IrqWindowOpen => "KVM_EXIT_IRQ_WINDOW_OPEN",
        Shutdown => "KVM_EXIT_SHUTDOWN",
        FailEntry => "KVM_EXIT_FAIL_ENTRY",
        Intr => "KVM_EXIT_INTR",
        SetTpr => "KVM_EXIT_SET_TPR",
        TprAccess => "KVM_EXIT_TPR_ACCESS",
        Nmi => "KVM_EXIT_NMI",
        InternalError => "KVM_EXIT_INTERNAL_ERROR",
        SystemEvent => "KVM_EXIT_SYSTEM_EVENT",
        IoapicEoi => "KVM_EXIT_IOAPIC_EOI",
        _ => $"exit reason {reason}",
    };
}

/// <summary>KVM_SYSTEM_EVENT_* and KVM_INTERNAL_ERROR_*.</summary>
public static class KvmSystemEvent
{
    public const uint Shutdown = 1, Reset = 2, Crash = 3, Wakeup = 4, Suspend = 5, SevTerm = 6;
}

public static class KvmInternalError
{
    public const uint Emulation = 1, SimulEx = 2, DeliveryEv = 3, UnexpectedExitReason = 4;

    public static string Name(uint suberror) => suberror switch
    {
        Emulation => "KVM_INTERNAL_ERROR_EMULATION (the kernel could not emulate an instruction)",
        SimulEx => "KVM_INTERNAL_ERROR_SIMUL_EX (an exception while delivering an exception)",
        DeliveryEv => "KVM_INTERNAL_ERROR_DELIVERY_EV (an exit while delivering an event)",
        UnexpectedExitReason => "KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON",
        _ => $"suberror {suberror}",
    };
}

/// <summary>KVM_CAP_* numbers used here.</summary>
public static class KvmCap
{
    public const int Irqchip = 0, UserMemory = 3, SetTssAddr = 4, ExtCpuid = 7, NrVcpus = 9, NrMemslots = 10,
        MpState = 14, Pit2 = 33, SetIdentityMapAddr = 37, InternalErrorData = 40, MaxVcpus = 66, ReadonlyMem = 81,
        ImmediateExit = 136, SystemEventData = 215;
}

public static class KvmConst
{
    public const int ApiVersion = 12;
    public const uint MemReadonly = 1u << 1;
    public const uint PitSpeakerDummy = 1;
    public const uint MpStateRunnable = 0, MpStateUninitialized = 1, MpStateInitReceived = 2, MpStateHalted = 3,
        MpStateSipiReceived = 4;
}
