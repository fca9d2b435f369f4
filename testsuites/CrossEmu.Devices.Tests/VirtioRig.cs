using System.Buffers.Binary;
using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Memory;
using CrossEmu.Devices.Virtio;

namespace CrossEmu.Devices.Tests;

/// <summary>
/// A guest's view of one virtio-mmio transport: 1 MiB of RAM at 0 whose last 4 KiB are canary
/// bytes, a second canary RAM block after a gap, and a small driver that negotiates, lays out
/// queues and posts descriptor chains.
/// </summary>
sealed class VirtioRig : IDisposable
{
    public const ulong MmioBase = 0x1000_0000;
    public const ulong RamSize = 0x10_0000, CanaryStart = RamSize - 0x1000, FarBlock = 0x11_0000;
    public const byte Canary = 0xEE;
    public const ushort QueueSize = 16;

    public readonly GuestRam Ram = new(0, RamSize);
    public readonly GuestRam Far = new(FarBlock, 0x1000);
    public readonly SystemBus Bus;
    public readonly RecordingLog Log = new();
    public readonly FakeInterruptController Pic = new();
    public readonly VirtioMmio Transport;
    readonly ushort[] availIdx = new ushort[4];
    readonly ushort[] nextDesc = new ushort[4];

    public VirtioRig(IVirtioDevice? device)
    {
        Bus = new SystemBus(Log.Log);
        Bus.AddRam("ram", Ram);
        Bus.AddRam("far", Far);
        Transport = new VirtioMmio(Pic.Line(5), Bus, Log.Log);
        Bus.AddMmio("virtio0", MmioBase, 0x200, Transport);
        if (device != null) Transport.Attach(device);
        Ram.Span(CanaryStart, 0x1000).Fill(Canary);
        Far.Span(FarBlock, 0x1000).Fill(Canary);
    }

    public bool CanariesIntact =>
        Ram.Span(CanaryStart, 0x1000).IndexOfAnyExcept(Canary) < 0 && Far.Span(FarBlock, 0x1000).IndexOfAnyExcept(Canary) < 0;

    public uint Reg(ulong offset) => (uint)Bus.ReadMemory(MmioBase + offset, AccessWidth.DoubleWord);

    public void SetReg(ulong offset, ulong value) => Bus.WriteMemory(MmioBase + offset, AccessWidth.DoubleWord, value);

    public uint Status => Reg(0x70);

    public uint InterruptStatus => Reg(0x60);

    public bool Irq => Pic.Level(5);

    public ulong DeviceFeatures()
    {
        SetReg(0x14, 0);
        ulong low = Reg(0x10);
        SetReg(0x14, 1);
        return low | (ulong)Reg(0x10) << 32;
    }

    /// <summary>ACKNOWLEDGE, DRIVER, features, FEATURES_OK; true when the device kept FEATURES_OK.</summary>
    public bool Negotiate(ulong features)
    {
        SetReg(0x70, 0);
        SetReg(0x70, 1);
        SetReg(0x70, 1 | 2);
        SetReg(0x24, 0);
        SetReg(0x20, (uint)features);
        SetReg(0x24, 1);
        SetReg(0x20, features >> 32);
        SetReg(0x70, 1 | 2 | 8);
        return (Status & 8) != 0;
    }

    public static ulong DescTable(int q) => 0x10000 * (ulong)(q + 1);

    public static ulong AvailRing(int q) => DescTable(q) + 0x1000;

    public static ulong UsedRing(int q) => DescTable(q) + 0x2000;

    public void SetUpQueue(int q)
    {
        SetReg(0x30, (ulong)q);
        SetReg(0x38, QueueSize);
        SetReg(0x80, DescTable(q)); SetReg(0x84, 0);
        SetReg(0x90, AvailRing(q)); SetReg(0x94, 0);
        SetReg(0xa0, UsedRing(q)); SetReg(0xa4, 0);
        SetReg(0x44, 1);
        availIdx[q] = 0;
        nextDesc[q] = 0;
    }

    /// <summary>Full start-up: negotiation, queues, DRIVER_OK.</summary>
    public void Start(ulong features, int queues)
    {
        Assert.IsTrue(Negotiate(features | VirtioConstants.VersionOneBit), "FEATURES_OK accepted");
        for (int q = 0; q < queues; q++) SetUpQueue(q);
        SetReg(0x70, 1 | 2 | 8 | 4);
    }

    public void WriteDescriptor(ulong table, int index, ulong address, uint length, ushort flags, ushort next)
    {
        var d = Ram.Span(table + 16UL * (ulong)index, 16);
        BinaryPrimitives.WriteUInt64LittleEndian(d, address);
        BinaryPrimitives.WriteUInt32LittleEndian(d[8..], length);
        BinaryPrimitives.WriteUInt16LittleEndian(d[12..], flags);
        BinaryPrimitives.WriteUInt16LittleEndian(d[14..], next);
    }

    /// <summary>Writes a virtio-blk request header (struct virtio_blk_outhdr: type, reserved, sector) at address.</summary>
    public void WriteBlockRequestHeader(ulong address, uint type, ulong sector)
    {
        var h = Ram.Span(address, 16);
        BinaryPrimitives.WriteUInt32LittleEndian(h, type);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(h[8..], sector);
    }

    /// <summary>Writes a chain of (address, length, writable) buffers into queue q's table and makes it available; returns its head.</summary>
    public ushort Post(int q, params (ulong Address, uint Length, bool Writable)[] buffers)
    {
        ushort head = nextDesc[q];
        for (int i = 0; i < buffers.Length; i++)
        {
            ushort index = (ushort)((head + i) % QueueSize);
            bool last = i == buffers.Length - 1;
            WriteDescriptor(DescTable(q), index, buffers[i].Address, buffers[i].Length,
                (ushort)((last ? 0 : 1) | (buffers[i].Writable ? 2 : 0)), (ushort)((index + 1) % QueueSize));
        }
        nextDesc[q] = (ushort)((head + buffers.Length) % QueueSize);
        MakeAvailable(q, head);
        return head;
    }

    public void MakeAvailable(int q, ushort head)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Ram.Span(AvailRing(q) + 4 + 2UL * (ulong)(availIdx[q] % QueueSize), 2), head);
        availIdx[q]++;
        BinaryPrimitives.WriteUInt16LittleEndian(Ram.Span(AvailRing(q) + 2, 2), availIdx[q]);
    }

    public void Notify(int q) => SetReg(0x50, (ulong)q);

    public ushort UsedIdx(int q) => BinaryPrimitives.ReadUInt16LittleEndian(Ram.Span(UsedRing(q) + 2, 2));

    public (uint Id, uint Length) Used(int q, int n)
    {
        var e = Ram.Span(UsedRing(q) + 4 + 8UL * (ulong)n, 8);
        return (BinaryPrimitives.ReadUInt32LittleEndian(e), BinaryPrimitives.ReadUInt32LittleEndian(e[4..]));
    }

    public void Dispose()
    {
        (Transport.Device as IDisposable)?.Dispose();
        Ram.Dispose();
        Far.Dispose();
    }
}
