using System.Buffers.Binary;
using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Interrupts;
using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Machine;
using CrossEmu.Devices.Memory;
using CrossEmu.Devices.Registers;

namespace CrossEmu.Devices.Virtio;

/// <summary>
/// The virtio-mmio transport, version 2 (virtio 1.x section 4.2.2): a 0x200-byte register window
/// whose device is attached by the machine after construction (<see cref="Attach"/>); without one
/// it reads DeviceID 0 and the driver skips it. It offers VIRTIO_F_VERSION_1 and refuses
/// FEATURES_OK from a driver that does not accept it (or accepts bits not offered). Writing 0 to
/// Status resets the device. Registers are 32-bit; the configuration space from 0x100 takes 8-,
/// 16- and 32-bit accesses. One IRQ line for used-buffer and configuration-change interrupts.
/// </summary>
public sealed class VirtioMmio : IBusPeripheral, IVirtioTransport, IResettable
{
    public const uint Magic = 0x74726976; // "virt"
    public const uint VendorQemu = 0x554D4551; // "QEMU", what Linux and firmware expect to see
    const ulong ConfigOffset = 0x100;
    const uint InterruptUsedBuffer = 1, InterruptConfigChange = 2;

    readonly object gate = new();
    readonly object irqGate = new();
    readonly IrqLine irq;
    readonly RegisterCollection registers;
    Virtqueue[] queues = [];
    IVirtioDevice? device;
    RegisterField deviceFeaturesSel = null!, driverFeaturesSel = null!, queueSel = null!;
    ulong driverFeatures;
    uint interruptStatus;
    int status;
    uint configGeneration;

    /// <param name="irq">The transport's interrupt.</param>
    /// <param name="memory">Guest RAM for the queues (the system bus).</param>
    /// <param name="log">Unimplemented/guest-error log.</param>
    public VirtioMmio(IrqLine irq, IDmaMemory memory, DeviceLog? log = null)
    {
        this.irq = irq;
        Memory = memory;
        Log = log ?? new DeviceLog();
        registers = new RegisterCollection(nameof(VirtioMmio), Log, 32);
        DefineRegisters();
    }

    public AccessWidths Widths => AccessWidths.UpTo32;

    public IDmaMemory Memory { get; }

    public DeviceLog Log { get; }

    /// <summary>The attached device, or null.</summary>
    public IVirtioDevice? Device => device;

    /// <summary>The status register as the driver sees it.</summary>
    public uint Status => (uint)Volatile.Read(ref status);

    public ulong DriverFeatures => Volatile.Read(ref driverFeatures);

    public bool IsLive => (Status & (VirtioConstants.StatusDriverOk | VirtioConstants.StatusDeviceNeedsReset)) == VirtioConstants.StatusDriverOk;

    /// <summary>What is offered: the device's features plus VIRTIO_F_VERSION_1.</summary>
    public ulong OfferedFeatures => (device?.DeviceFeatures ?? 0) | VirtioConstants.VersionOneBit;

    /// <summary>Attaches the device (once, before the guest starts): the machine does this for
    /// <c>-drive if=virtio</c> and for devices the machine file places behind the transport.</summary>
    public void Attach(IVirtioDevice virtioDevice)
    {
        ArgumentNullException.ThrowIfNull(virtioDevice);
        lock (gate)
        {
            if (device != null) throw new InvalidOperationException($"this virtio-mmio transport already carries {device.GetType().Name}");
            if (virtioDevice.ConfigSize > 0x100) throw new ArgumentException("the configuration space is at most 256 bytes");
            device = virtioDevice;
            queues = Enumerable.Range(0, virtioDevice.QueueCount).Select(i => new Virtqueue(Memory, i, virtioDevice.MaxQueueSize(i))).ToArray();
        }
        virtioDevice.Attach(this);
    }

    public Virtqueue Queue(int index) => queues[index];

    Virtqueue? SelectedQueue => queueSel.Value < (ulong)queues.Length ? queues[queueSel.Value] : null;

    void DefineRegisters()
    {
        registers.DefineRegister(0x000, "MagicValue", Magic).WithValueField(0, 32, "MagicValue", FieldMode.Read);
        registers.DefineRegister(0x004, "Version", 2).WithValueField(0, 32, "Version", FieldMode.Read);
        registers.DefineRegister(0x008, "DeviceID").WithValueField(0, 32, "DeviceID", FieldMode.Read, valueProvider: () => device?.DeviceId ?? 0);
        registers.DefineRegister(0x00c, "VendorID", VendorQemu).WithValueField(0, 32, "VendorID", FieldMode.Read);
        registers.DefineRegister(0x010, "DeviceFeatures").WithValueField(0, 32, "DeviceFeatures", FieldMode.Read,
            valueProvider: () => deviceFeaturesSel.Value switch { 0 => (uint)OfferedFeatures, 1 => (uint)(OfferedFeatures >> 32), _ => 0 });
        registers.DefineRegister(0x014, "DeviceFeaturesSel").WithValueField(0, 32, out deviceFeaturesSel, "DeviceFeaturesSel", FieldMode.Write);
        registers.DefineRegister(0x020, "DriverFeatures").WithValueField(0, 32, "DriverFeatures", FieldMode.Write, writeCallback: WriteDriverFeatures);
        registers.DefineRegister(0x024, "DriverFeaturesSel").WithValueField(0, 32, out driverFeaturesSel, "DriverFeaturesSel", FieldMode.Write);
        registers.DefineRegister(0x030, "QueueSel").WithValueField(0, 32, out queueSel, "QueueSel", FieldMode.Write);
        registers.DefineRegister(0x034, "QueueNumMax").WithValueField(0, 32, "QueueNumMax", FieldMode.Read, valueProvider: () => SelectedQueue?.MaxSize ?? 0u);
        registers.DefineRegister(0x038, "QueueNum").WithValueField(0, 32, "QueueNum", FieldMode.Write,
            writeCallback: v => ConfigureQueue("QueueNum", q =>
            {
                if (v == 0 || v > q.MaxSize || (v & (v - 1)) != 0)
                    Log.GuestError($"{nameof(VirtioMmio)}.QueueNum", $"queue {q.Index}: size {v} is not a power of 2 up to {q.MaxSize} (ignored)");
                else q.Size = (ushort)v;
            }));
        registers.DefineRegister(0x044, "QueueReady")
            .WithFlag(0, "QueueReady", valueProvider: () => SelectedQueue?.Ready ?? false, writeCallback: WriteQueueReady)
            .WithReservedBits(1, 31);
        registers.DefineRegister(0x050, "QueueNotify").WithValueField(0, 32, "QueueNotify", FieldMode.Write);
        registers.DefineRegister(0x060, "InterruptStatus").WithValueField(0, 32, "InterruptStatus", FieldMode.Read,
            valueProvider: () => Volatile.Read(ref interruptStatus));
        registers.DefineRegister(0x064, "InterruptACK").WithValueField(0, 32, "InterruptACK", FieldMode.Write, writeCallback: v => Acknowledge((uint)v));
        registers.DefineRegister(0x070, "Status").WithValueField(0, 32, "Status", valueProvider: () => Status, writeCallback: v => WriteStatus((uint)v));
        DefineAddress(0x080, "QueueDescLow", "QueueDescHigh", q => q.DescriptorTable, (q, v) => q.DescriptorTable = v);
        DefineAddress(0x090, "QueueDriverLow", "QueueDriverHigh", q => q.AvailRing, (q, v) => q.AvailRing = v);
        DefineAddress(0x0a0, "QueueDeviceLow", "QueueDeviceHigh", q => q.UsedRing, (q, v) => q.UsedRing = v);
        registers.DefineRegister(0x0fc, "ConfigGeneration").WithValueField(0, 32, "ConfigGeneration", FieldMode.Read, valueProvider: () => configGeneration);
    }

    void DefineAddress(ulong offset, string low, string high, Func<Virtqueue, ulong> get, Action<Virtqueue, ulong> set)
    {
        registers.DefineRegister(offset, low).WithValueField(0, 32, low, FieldMode.Write,
            writeCallback: v => ConfigureQueue(low, q => set(q, (get(q) & 0xFFFFFFFF00000000UL) | v)));
        registers.DefineRegister(offset + 4, high).WithValueField(0, 32, high, FieldMode.Write,
            writeCallback: v => ConfigureQueue(high, q => set(q, (get(q) & 0xFFFFFFFFUL) | (v << 32))));
    }

    void ConfigureQueue(string register, Action<Virtqueue> change)
    {
        var q = SelectedQueue;
        if (q == null) Log.GuestError($"{nameof(VirtioMmio)}.{register}", $"queue {queueSel.Value} does not exist (ignored)");
        else if (q.Ready) Log.GuestError($"{nameof(VirtioMmio)}.{register}", $"queue {q.Index} is ready: its configuration cannot change (ignored)");
        else change(q);
    }

    void WriteQueueReady(bool ready)
    {
        var q = SelectedQueue;
        if (q == null)
        {
            Log.GuestError($"{nameof(VirtioMmio)}.QueueReady", $"queue {queueSel.Value} does not exist (ignored)");
            return;
        }
        if (ready && !q.CheckLayout(out string? error))
        {
            Log.GuestError($"{nameof(VirtioMmio)}.QueueReady", $"{error} (queue left disabled)");
            return;
        }
        q.Ready = ready;
    }

    void WriteDriverFeatures(ulong value)
    {
        if ((Status & VirtioConstants.StatusFeaturesOk) != 0)
        {
            Log.GuestError($"{nameof(VirtioMmio)}.DriverFeatures", "features written after FEATURES_OK (ignored)");
            return;
        }
        switch (driverFeaturesSel.Value)
        {
            case 0: driverFeatures = (driverFeatures & 0xFFFFFFFF00000000UL) | value; break;
            case 1: driverFeatures = (driverFeatures & 0xFFFFFFFFUL) | (value << 32); break;
            default:
                if (value != 0)
                    Log.GuestError($"{nameof(VirtioMmio)}.DriverFeatures", $"feature word {driverFeaturesSel.Value} has no features offered (ignored)");
                break;
        }
    }

    void WriteStatus(uint value)
    {
        uint old = Status;
        if (value == 0)
        {
            resetRequested = true;
            return;
        }
        if ((value & VirtioConstants.StatusFeaturesOk) != 0 && (old & VirtioConstants.StatusFeaturesOk) == 0)
        {
            ulong offered = OfferedFeatures;
            string? refusal = (driverFeatures & VirtioConstants.VersionOneBit) == 0
                ? "the driver does not accept VIRTIO_F_VERSION_1 (legacy drivers are not supported)"
                : (driverFeatures & ~offered) != 0 ? $"the driver accepted features 0x{driverFeatures & ~offered:x} that were not offered"
                : null;
            if (refusal != null)
            {
                Log.GuestError($"{nameof(VirtioMmio)}.Status", $"FEATURES_OK refused: {refusal}");
                value &= ~VirtioConstants.StatusFeaturesOk;
            }
        }
        if ((value & VirtioConstants.StatusDriverOk) != 0 && (value & VirtioConstants.StatusFeaturesOk) == 0)
        {
            Log.GuestError($"{nameof(VirtioMmio)}.Status", "DRIVER_OK without FEATURES_OK (ignored)");
            value &= ~VirtioConstants.StatusDriverOk;
        }
        // DEVICE_NEEDS_RESET is the device's to set.
        value = (value & ~VirtioConstants.StatusDeviceNeedsReset) | (old & VirtioConstants.StatusDeviceNeedsReset);
        Volatile.Write(ref status, (int)value);
        if ((value & VirtioConstants.StatusDriverOk) != 0 && (old & VirtioConstants.StatusDriverOk) == 0) driverOkRaised = true;
    }

    bool resetRequested, driverOkRaised;

    /// <summary>Device reset (status 0, or the machine's reset): queues, features, interrupts.</summary>
    public void Reset()
    {
        lock (gate) ResetLocked();
        device?.Reset();
    }

    void ResetLocked()
    {
        registers.Reset();
        foreach (var q in queues) q.Reset();
        driverFeatures = 0;
        Volatile.Write(ref status, 0);
        lock (irqGate)
        {
            interruptStatus = 0;
            irq.Set(false);
        }
    }

    void Acknowledge(uint bits)
    {
        lock (irqGate)
        {
            interruptStatus &= ~bits;
            irq.Set(interruptStatus != 0);
        }
    }

    void Raise(uint bits)
    {
        lock (irqGate)
        {
            interruptStatus |= bits;
            irq.Set(true);
        }
    }

    public void NotifyUsed(Virtqueue queue)
    {
        if (!queue.InterruptSuppressed) Raise(InterruptUsedBuffer);
    }

    public void NotifyConfigChange()
    {
        Interlocked.Increment(ref configGeneration);
        Raise(InterruptConfigChange);
    }

    public void SetNeedsReset(string reason)
    {
        Log.GuestError($"{nameof(VirtioMmio)}.{device?.GetType().Name}", $"device needs reset: {reason}");
        if ((Interlocked.Or(ref status, (int)VirtioConstants.StatusDeviceNeedsReset) & (int)VirtioConstants.StatusDeviceNeedsReset) == 0)
            Raise(InterruptConfigChange);
    }

    public ulong Read(ulong offset, AccessWidth width)
    {
        if (offset >= ConfigOffset) return ReadConfig(offset - ConfigOffset, width);
        if (width != AccessWidth.DoubleWord || (offset & 3) != 0)
        {
            Log.GuestError($"{nameof(VirtioMmio)}@0x{offset:x}", $"{width.Bytes()}-byte read of a register (they are 32-bit only; returns 0)");
            return 0;
        }
        lock (gate) return registers.Read(offset);
    }

    public void Write(ulong offset, AccessWidth width, ulong value)
    {
        if (offset >= ConfigOffset)
        {
            WriteConfig(offset - ConfigOffset, width, value);
            return;
        }
        if (width != AccessWidth.DoubleWord || (offset & 3) != 0)
        {
            Log.GuestError($"{nameof(VirtioMmio)}@0x{offset:x}", $"{width.Bytes()}-byte write of 0x{value:x} to a register (they are 32-bit only; dropped)");
            return;
        }
        bool reset, driverOk;
        lock (gate)
        {
            registers.Write(offset, value);
            reset = resetRequested;
            driverOk = driverOkRaised;
            resetRequested = driverOkRaised = false;
            if (reset) ResetLocked();
        }
        // The device runs outside the transport's lock (it takes its own, and may signal interrupts).
        if (reset) device?.Reset();
        if (driverOk) device?.DriverReady();
        if (offset == 0x050 && device != null)
        {
            if (value >= (ulong)queues.Length)
                Log.GuestError($"{nameof(VirtioMmio)}.QueueNotify", $"notify of queue {value}, which does not exist");
            else if (IsLive && queues[value].Ready) device.QueueNotify((int)value);
        }
    }

    ulong ReadConfig(ulong offset, AccessWidth width)
    {
        int n = width.Bytes();
        var d = device;
        if (d == null || offset + (ulong)n > (ulong)d.ConfigSize)
        {
            Log.GuestError($"{nameof(VirtioMmio)}.config@0x{offset:x}", $"{n}-byte read beyond the configuration space (returns 0)");
            return 0;
        }
        Span<byte> bytes = stackalloc byte[8];
        bytes.Clear();
        d.ReadConfig((int)offset, bytes[..n]);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    void WriteConfig(ulong offset, AccessWidth width, ulong value)
    {
        int n = width.Bytes();
        var d = device;
        if (d == null || offset + (ulong)n > (ulong)d.ConfigSize)
        {
            Log.GuestError($"{nameof(VirtioMmio)}.config@0x{offset:x}", $"{n}-byte write of 0x{value:x} beyond the configuration space (dropped)");
            return;
        }
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        d.WriteConfig((int)offset, bytes[..n]);
    }
}
