namespace CrossEmu.Kvm.Probe;

/// <summary>What provides KVM on this host.</summary>
public enum KvmKind
{
    /// <summary>No KVM module is loaded and there is no device.</summary>
    None,
    /// <summary>Hardware virtualisation: kvm_intel (VMX) or kvm_amd (SVM).</summary>
    Hardware,
    /// <summary>PVM (kvm_pvm): a KVM for hosts that are themselves VMs; CPL3 guest code runs natively, CPL0 is emulated.</summary>
    Pvm,
    /// <summary>A KVM module is loaded but did not bind (no /dev/kvm): e.g. kvm_pvm inside a kernel that is itself a PVM guest.</summary>
    ModuleLoadedNotBound,
    /// <summary>/dev/kvm exists but no known vendor module is visible in /sys/module.</summary>
    Unknown,
}

/// <summary>One measured guest speed: instructions per second, or why there is none.</summary>
public sealed record KvmSpeed(double? InstructionsPerSecond, long Instructions, TimeSpan Elapsed, string? Note = null)
{
    public override string ToString() => InstructionsPerSecond is { } ips
        ? $"{ips / 1e6:F1} M instructions/s ({Instructions:N0} in {Elapsed.TotalMilliseconds:F1} ms)"
        : Note ?? "not measured";
}

/// <summary>The result of <see cref="KvmProbe.Run"/>, for `crossemu accel` to print.</summary>
public sealed record KvmProbeReport
{
    public required string DevicePath { get; init; }
    public bool DeviceExists { get; init; }
    public bool Accessible { get; init; }
    /// <summary>Why the device could not be opened (with how to fix it), or null.</summary>
    public string? OpenError { get; init; }
    public int? ApiVersion { get; init; }
    public KvmKind Kind { get; init; }
    /// <summary>The modules and CPU features behind <see cref="Kind"/>, in words.</summary>
    public required string KindDetail { get; init; }
    /// <summary>The kernel log's KVM lines when readable (why a module did not bind).</summary>
    public IReadOnlyList<string> KernelLog { get; init; } = [];
    public int? MaxVcpus { get; init; }
    public bool? ReadonlyMemory { get; init; }
    public bool? ImmediateExit { get; init; }
    public KvmSpeed? Cpl0Speed { get; init; }
    public KvmSpeed? Cpl3Speed { get; init; }
    /// <summary>Why the speed could not be measured, or null.</summary>
    public string? SpeedError { get; init; }

    /// <summary>True when a VM can be created and run here.</summary>
    public bool Usable => Accessible && ApiVersion == Native.KvmConst.ApiVersion;

    public IEnumerable<string> Lines()
    {
        yield return $"device: {DevicePath}: " + (!DeviceExists ? "missing" : Accessible ? "present, accessible" : "present, not accessible");
        if (OpenError != null) yield return $"error: {OpenError}";
        if (ApiVersion is { } v) yield return $"API version: {v}";
        yield return $"kind: {Kind}: {KindDetail}";
        foreach (var line in KernelLog) yield return $"dmesg: {line}";
        if (MaxVcpus is { } m) yield return $"max vCPUs: {m}";
        if (ReadonlyMemory is { } r) yield return $"read-only memory slots: {(r ? "yes" : "no")}";
        if (ImmediateExit is { } i) yield return $"immediate exit: {(i ? "yes" : "no")}";
        if (Cpl0Speed != null) yield return $"guest speed at CPL0: {Cpl0Speed}";
        if (Cpl3Speed != null) yield return $"guest speed at CPL3: {Cpl3Speed}";
        if (SpeedError != null) yield return $"speed: {SpeedError}";
    }
}
