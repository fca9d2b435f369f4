using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Memory;

namespace CrossEmu.Devices.Virtio;

/// <summary>Feature bits and status bits shared by every virtio device (virtio 1.x, section 2 and 6).</summary>
public static class VirtioConstants
{
    public const int FeatureVersion1 = 32;

    public const ulong VersionOneBit = 1UL << FeatureVersion1;

    public const uint StatusAcknowledge = 1, StatusDriver = 2, StatusDriverOk = 4, StatusFeaturesOk = 8,
        StatusDeviceNeedsReset = 64, StatusFailed = 128;
}

/// <summary>
/// A virtio device type behind a transport (virtio-blk, virtio-console): what the transport
/// offers the driver (ID, features, queues, configuration space) and what runs when the driver
/// kicks a queue. The transport owns the register interface, the queues' addresses and the
/// interrupt; the device reads and completes requests through the queues.
/// </summary>
public interface IVirtioDevice
{
    /// <summary>The virtio device ID (2 = block, 3 = console).</summary>
    uint DeviceId { get; }

    /// <summary>Device-specific feature bits offered (the transport adds VIRTIO_F_VERSION_1).</summary>
    ulong DeviceFeatures { get; }

    int QueueCount { get; }

    /// <summary>The largest size the driver may give queue <paramref name="queue"/> (a power of 2).</summary>
    ushort MaxQueueSize(int queue);

    /// <summary>Size of the device configuration space in bytes.</summary>
    int ConfigSize { get; }

    /// <summary>Reads configuration bytes [offset, offset+destination.Length) (inside ConfigSize).</summary>
    void ReadConfig(int offset, Span<byte> destination);

    /// <summary>A driver write to the configuration space (most fields are read-only: log and ignore).</summary>
    void WriteConfig(int offset, ReadOnlySpan<byte> source);

    /// <summary>Called once, when the machine attaches the device to a transport.</summary>
    void Attach(IVirtioTransport transport);

    /// <summary>The driver set DRIVER_OK: the queues it enabled are live.</summary>
    void DriverReady();

    /// <summary>The driver made buffers available on a queue (called on the notifying vCPU's thread).</summary>
    void QueueNotify(int queue);

    /// <summary>The driver reset the device (status 0): drop in-flight state.</summary>
    void Reset();
}

/// <summary>What a transport (virtio-mmio) gives its device.</summary>
public interface IVirtioTransport
{
    /// <summary>Guest RAM for the buffers (every access checked).</summary>
    IDmaMemory Memory { get; }

    DeviceLog Log { get; }

    /// <summary>A queue by index (its addresses and size as the driver configured them).</summary>
    Virtqueue Queue(int index);

    /// <summary>The features the driver accepted (valid once FEATURES_OK is set).</summary>
    ulong DriverFeatures { get; }

    /// <summary>Whether the driver has set DRIVER_OK and the device does not need a reset.</summary>
    bool IsLive { get; }

    /// <summary>Raises the used-buffer interrupt for a queue (unless the driver suppressed it).</summary>
    void NotifyUsed(Virtqueue queue);

    /// <summary>Raises the configuration-change interrupt.</summary>
    void NotifyConfigChange();

    /// <summary>The device hit an error only a reset can clear (a malformed descriptor chain): sets
    /// DEVICE_NEEDS_RESET, stops the queues and tells the driver.</summary>
    void SetNeedsReset(string reason);
}
