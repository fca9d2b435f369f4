namespace CrossEmu.Machines.SystemMode;

/// <summary>What `crossemu system` was asked to do, in QEMU's terms.</summary>
public sealed record SystemOptions
{
    /// <summary>A machine name from machines/platforms, or a path to a machine file.</summary>
    public string Machine { get; init; } = "x86-pc";
    public string Accelerator { get; init; } = "kvm";
    public string? Kernel { get; init; }
    public string? Initrd { get; init; }
    public string? Append { get; init; }
    /// <summary>A raw firmware image mapped below 4 GiB; the CPU starts at its reset vector.</summary>
    public string? Bios { get; init; }
    /// <summary>RAM in bytes; null: the machine's default.</summary>
    public ulong? MemorySize { get; init; }
    /// <summary>vCPUs; null: the machine's default.</summary>
    public int? Cpus { get; init; }
    public IReadOnlyList<DriveOption> Drives { get; init; } = [];
    /// <summary>Log items (-d): unimp, guest_errors.</summary>
    public IReadOnlySet<string> Log { get; init; } = new HashSet<string>();
    public string? LogFile { get; init; }
}

/// <summary>One -drive: an image file on a virtio-mmio block device.</summary>
public sealed record DriveOption(string File, bool ReadOnly);
