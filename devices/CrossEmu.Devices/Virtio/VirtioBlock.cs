using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using CrossEmu.Devices.Logging;
using Microsoft.Win32.SafeHandles;

namespace CrossEmu.Devices.Virtio;

/// <summary>
/// virtio-blk (device ID 2) over a raw image file: IN, OUT, FLUSH and GET_ID requests, capacity in
/// 512-byte sectors (a partial last sector of the file is not visible), read-only images
/// (VIRTIO_BLK_F_RO: OUT fails with IOERR), SEG_MAX, BLK_SIZE and FLUSH offered. Requests beyond the
/// capacity fail with IOERR, unknown types with UNSUPP. A chain that cannot even carry a status
/// byte, or whose buffers are not in RAM, puts the device in DEVICE_NEEDS_RESET (the transport's
/// queue walk guarantees nothing outside RAM is touched). Requests run synchronously on the
/// notifying vCPU's thread.
/// </summary>
public sealed class VirtioBlock : IVirtioDevice, IDisposable
{
    public const uint TypeIn = 0, TypeOut = 1, TypeFlush = 4, TypeGetId = 8;
    public const byte StatusOk = 0, StatusIoError = 1, StatusUnsupported = 2;
    public const int FeatureSegMax = 2, FeatureRo = 5, FeatureBlkSize = 6, FeatureFlush = 9;
    public const int SectorSize = 512;
    const int HeaderSize = 16, IdLength = 20, ChunkSize = 1 << 20;

    readonly object gate = new();
    readonly SafeFileHandle file;
    readonly byte[] id;
    IVirtioTransport? transport;

    /// <param name="path">The raw disk image.</param>
    /// <param name="readOnly">Expose the disk read-only (the file is opened for reading only).</param>
    /// <param name="serial">The ID GET_ID returns (at most 20 bytes; default: the file name).</param>
    /// <param name="queueSize">The request queue's maximum size (a power of 2).</param>
    public VirtioBlock(string path, bool readOnly = false, string? serial = null, int queueSize = 256)
    {
        if (queueSize is < 4 or > 32768 || (queueSize & (queueSize - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(queueSize), queueSize, "a queue size is a power of 2 from 4 to 32768");
        ReadOnly = readOnly;
        QueueSize = (ushort)queueSize;
        Path = path;
        file = File.OpenHandle(path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.Read);
        Capacity = (ulong)RandomAccess.GetLength(file) / SectorSize;
        id = new byte[IdLength];
        var idBytes = Encoding.ASCII.GetBytes(serial ?? System.IO.Path.GetFileName(path));
        idBytes.AsSpan(0, Math.Min(IdLength, idBytes.Length)).CopyTo(id);
    }

    public string Path { get; }

    public bool ReadOnly { get; }

    /// <summary>Disk size in 512-byte sectors.</summary>
    public ulong Capacity { get; }

    public ushort QueueSize { get; }

    public uint DeviceId => 2;

    public ulong DeviceFeatures => (1UL << FeatureSegMax) | (1UL << FeatureBlkSize) | (1UL << FeatureFlush) | (ReadOnly ? 1UL << FeatureRo : 0);

    public int QueueCount => 1;

    public ushort MaxQueueSize(int queue) => QueueSize;

    /// <summary>struct virtio_blk_config up to num_queues.</summary>
    public int ConfigSize => 36;

    public void ReadConfig(int offset, Span<byte> destination)
    {
        Span<byte> config = stackalloc byte[ConfigSize];
        config.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(config, Capacity);            // capacity
        BinaryPrimitives.WriteUInt32LittleEndian(config[12..], (uint)(QueueSize - 2)); // seg_max
        BinaryPrimitives.WriteUInt32LittleEndian(config[20..], SectorSize);    // blk_size
        BinaryPrimitives.WriteUInt16LittleEndian(config[34..], 1);             // num_queues
        config.Slice(offset, destination.Length).CopyTo(destination);
    }

    public void WriteConfig(int offset, ReadOnlySpan<byte> source) =>
        transport?.Log.GuestError($"{nameof(VirtioBlock)}.config@0x{offset:x}", "write to the read-only configuration space (ignored)");

    public void Attach(IVirtioTransport virtioTransport) => transport = virtioTransport;

    public void DriverReady() { }

    public void Reset() { }

    public void QueueNotify(int queue)
    {
        var t = transport;
        if (t == null || queue != 0) return;
        lock (gate)
        {
            var q = t.Queue(0);
            bool completed = false;
            while (t.IsLive)
            {
                if (!q.TryPop(out var chain, out string? error))
                {
                    if (error != null) t.SetNeedsReset(error);
                    break;
                }
                if (chain!.WritableLength < 1)
                {
                    t.SetNeedsReset($"request {chain.Head} has no writable status byte");
                    break;
                }
                uint written = Execute(t, chain, out bool broken);
                if (broken)
                {
                    t.SetNeedsReset($"request {chain.Head}: its buffers could not be transferred");
                    break;
                }
                if (!q.TryPushUsed(chain.Head, written, out error))
                {
                    t.SetNeedsReset(error!);
                    break;
                }
                completed = true;
            }
            if (completed) t.NotifyUsed(q);
        }
    }

    /// <summary>Runs one request; returns the bytes written into the chain (data + status).</summary>
    uint Execute(IVirtioTransport t, DescriptorChain chain, out bool broken)
    {
        broken = false;
        long statusAt = chain.WritableLength - 1;
        Span<byte> header = stackalloc byte[HeaderSize];
        if (chain.ReadableLength < HeaderSize || !chain.TryRead(0, header))
        {
            t.Log.GuestError($"{nameof(VirtioBlock)}.request", $"request {chain.Head} has a header of {chain.ReadableLength} bytes (IOERR)");
            return Complete(chain, statusAt, StatusIoError, 0, ref broken);
        }
        uint type = BinaryPrimitives.ReadUInt32LittleEndian(header);
        ulong sector = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
        switch (type)
        {
            case TypeIn:
            {
                long length = statusAt;
                if (!InRange(t, sector, length, "IN")) return Complete(chain, statusAt, StatusIoError, 0, ref broken);
                // In bounded chunks: a guest's huge request never becomes a huge host allocation.
                byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                try
                {
                    for (long done = 0; done < length; done += ChunkSize)
                    {
                        int n = (int)Math.Min(ChunkSize, length - done);
                        if (ReadFully(buffer.AsSpan(0, n), (long)sector * SectorSize + done) < n)
                        {
                            t.Log.GuestError($"{nameof(VirtioBlock)}.IN", $"short read at sector {sector} (IOERR)");
                            return Complete(chain, statusAt, StatusIoError, (uint)done, ref broken);
                        }
                        if (!chain.TryWrite(done, buffer.AsSpan(0, n)))
                        {
                            broken = true;
                            return 0;
                        }
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                return Complete(chain, statusAt, StatusOk, (uint)length, ref broken);
            }
            case TypeOut:
            {
                long length = chain.ReadableLength - HeaderSize;
                if (ReadOnly)
                {
                    t.Log.GuestError($"{nameof(VirtioBlock)}.OUT", "write to a read-only disk (IOERR)");
                    return Complete(chain, statusAt, StatusIoError, 0, ref broken);
                }
                if (!InRange(t, sector, length, "OUT")) return Complete(chain, statusAt, StatusIoError, 0, ref broken);
                byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                try
                {
                    for (long done = 0; done < length; done += ChunkSize)
                    {
                        int n = (int)Math.Min(ChunkSize, length - done);
                        if (!chain.TryRead(HeaderSize + done, buffer.AsSpan(0, n)))
                        {
                            broken = true;
                            return 0;
                        }
                        RandomAccess.Write(file, buffer.AsSpan(0, n), (long)sector * SectorSize + done);
                    }
                }
                catch (IOException e)
                {
                    t.Log.GuestError($"{nameof(VirtioBlock)}.OUT", $"host write failed: {e.Message} (IOERR)");
                    return Complete(chain, statusAt, StatusIoError, 0, ref broken);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                return Complete(chain, statusAt, StatusOk, 0, ref broken);
            }
            case TypeFlush:
                try
                {
                    if (!ReadOnly) RandomAccess.FlushToDisk(file);
                }
                catch (IOException e)
                {
                    t.Log.GuestError($"{nameof(VirtioBlock)}.FLUSH", $"host flush failed: {e.Message} (IOERR)");
                    return Complete(chain, statusAt, StatusIoError, 0, ref broken);
                }
                return Complete(chain, statusAt, StatusOk, 0, ref broken);
            case TypeGetId:
            {
                int n = (int)Math.Min(IdLength, statusAt);
                if (!chain.TryWrite(0, id.AsSpan(0, n))) broken = true;
                return Complete(chain, statusAt, StatusOk, (uint)n, ref broken);
            }
            default:
                t.Log.Unimplemented($"{nameof(VirtioBlock)}.type{type}", $"request type {type} is not supported (UNSUPP)");
                return Complete(chain, statusAt, StatusUnsupported, 0, ref broken);
        }
    }

    bool InRange(IVirtioTransport t, ulong sector, long length, string what)
    {
        if (length % SectorSize != 0)
        {
            t.Log.GuestError($"{nameof(VirtioBlock)}.{what}", $"{length} bytes is not a whole number of sectors (IOERR)");
            return false;
        }
        ulong sectors = (ulong)length / SectorSize;
        if (sector > Capacity || sectors > Capacity - sector)
        {
            t.Log.GuestError($"{nameof(VirtioBlock)}.{what}", $"sectors {sector}+{sectors} are beyond the disk's {Capacity} (IOERR)");
            return false;
        }
        return true;
    }

    int ReadFully(Span<byte> destination, long offset)
    {
        int done = 0;
        while (done < destination.Length)
        {
            int n = RandomAccess.Read(file, destination[done..], offset + done);
            if (n <= 0) break;
            done += n;
        }
        return done;
    }

    static uint Complete(DescriptorChain chain, long statusAt, byte status, uint dataWritten, ref bool broken)
    {
        if (broken) return 0;
        if (!chain.TryWrite(statusAt, [status])) broken = true;
        return dataWritten + 1;
    }

    public void Dispose() => file.Dispose();
}
