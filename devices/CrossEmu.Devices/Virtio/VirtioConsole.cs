using System.Buffers.Binary;
using CrossEmu.Devices.Character;

namespace CrossEmu.Devices.Virtio;

/// <summary>
/// virtio-console (device ID 3) with a single port and no optional features: the guest's
/// transmitq (queue 1) goes to the <see cref="ICharBackend"/>; bytes from the backend fill the
/// buffers the guest posts on the receiveq (queue 0). With no buffer posted the backend is pushed
/// back and retried when the guest posts some.
/// </summary>
public sealed class VirtioConsole : IVirtioDevice
{
    const int ReceiveQueue = 0, TransmitQueue = 1;

    readonly object gate = new();
    readonly ICharBackend backend;
    IVirtioTransport? transport;
    bool refused;

    /// <param name="backend">The host side of the console.</param>
    /// <param name="queueSize">Maximum size of each queue (a power of 2).</param>
    public VirtioConsole(ICharBackend backend, int queueSize = 128)
    {
        if (queueSize is < 2 or > 32768 || (queueSize & (queueSize - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(queueSize), queueSize, "a queue size is a power of 2 from 2 to 32768");
        this.backend = backend;
        QueueSize = (ushort)queueSize;
    }

    public ushort QueueSize { get; }

    public uint DeviceId => 3;

    public ulong DeviceFeatures => 0;

    public int QueueCount => 2;

    public ushort MaxQueueSize(int queue) => QueueSize;

    /// <summary>struct virtio_console_config: cols, rows, max_nr_ports, emerg_wr.</summary>
    public int ConfigSize => 12;

    public void ReadConfig(int offset, Span<byte> destination)
    {
        Span<byte> config = stackalloc byte[ConfigSize];
        config.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(config[4..], 1); // max_nr_ports
        config.Slice(offset, destination.Length).CopyTo(destination);
    }

    public void WriteConfig(int offset, ReadOnlySpan<byte> source)
    {
        if (offset == 8 && source.Length == 4 && transport != null)
        {
            // emerg_wr: only meaningful with VIRTIO_CONSOLE_F_EMERG_WRITE, which is not offered; honour it anyway.
            backend.Write(source[..1]);
            return;
        }
        transport?.Log.GuestError($"{nameof(VirtioConsole)}.config@0x{offset:x}", "write to the read-only configuration space (ignored)");
    }

    public void Attach(IVirtioTransport virtioTransport)
    {
        transport = virtioTransport;
        backend.Attach(Receive);
    }

    public void DriverReady() => backend.ReceiverReady();

    public void Reset()
    {
        lock (gate) refused = false;
    }

    public void QueueNotify(int queue)
    {
        var t = transport;
        if (t == null) return;
        if (queue == TransmitQueue) Transmit(t);
        else if (queue == ReceiveQueue)
        {
            bool retry;
            lock (gate)
            {
                retry = refused;
                refused = false;
            }
            if (retry) backend.ReceiverReady();
        }
    }

    void Transmit(IVirtioTransport t)
    {
        lock (gate)
        {
            var q = t.Queue(TransmitQueue);
            bool completed = false;
            while (t.IsLive)
            {
                if (!q.TryPop(out var chain, out string? error))
                {
                    if (error != null) t.SetNeedsReset(error);
                    break;
                }
                var data = new byte[chain!.ReadableLength];
                if (!chain.TryRead(0, data))
                {
                    t.SetNeedsReset($"transmit buffer {chain.Head} could not be read");
                    break;
                }
                backend.Write(data);
                if (!q.TryPushUsed(chain.Head, 0, out error))
                {
                    t.SetNeedsReset(error!);
                    break;
                }
                completed = true;
            }
            if (completed) t.NotifyUsed(q);
        }
    }

    /// <summary>The backend's receiver: fills posted receive buffers; returns how many bytes fit.</summary>
    int Receive(ReadOnlySpan<byte> data)
    {
        var t = transport;
        if (t == null) return 0;
        lock (gate)
        {
            int accepted = 0;
            var q = t.Queue(ReceiveQueue);
            bool completed = false;
            while (accepted < data.Length)
            {
                if (!t.IsLive || !q.Ready)
                {
                    refused = true;
                    break;
                }
                if (!q.TryPop(out var chain, out string? error))
                {
                    if (error != null) t.SetNeedsReset(error);
                    else refused = true;
                    break;
                }
                int n = (int)Math.Min(chain!.WritableLength, data.Length - accepted);
                if (n == 0 || !chain.TryWrite(0, data.Slice(accepted, n)))
                {
                    t.SetNeedsReset($"receive buffer {chain.Head} is not writable");
                    break;
                }
                accepted += n;
                if (!q.TryPushUsed(chain.Head, (uint)n, out error))
                {
                    t.SetNeedsReset(error!);
                    break;
                }
                completed = true;
            }
            if (completed) t.NotifyUsed(q);
            return accepted;
        }
    }
}
