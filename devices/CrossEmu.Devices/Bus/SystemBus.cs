using System.Buffers.Binary;
using System.Collections.Concurrent;
using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Memory;

namespace CrossEmu.Devices.Bus;

/// <summary>What a bus region is.</summary>
public enum RegionKind
{
    Ram,
    Rom,
    Mmio,
    Port,
}

/// <summary>One entry of the bus map: [Start, End) in the memory space, or in the port space for <see cref="RegionKind.Port"/>.</summary>
public sealed record BusRegion(string Name, RegionKind Kind, ulong Start, ulong End, string DeviceType)
{
    public ulong Size => End - Start;

    /// <summary>The last address inside the region.</summary>
    public ulong Last => End - 1;

    internal GuestRam? Ram { get; init; }

    internal byte[]? Rom { get; init; }

    internal IBusPeripheral? Device { get; init; }

    public bool Contains(ulong address) => address >= Start && address < End;

    public override string ToString() => Kind == RegionKind.Port
        ? $"{Name,-16} {Kind,-4} 0x{Start:x4}-0x{Last:x4} {DeviceType}"
        : $"{Name,-16} {Kind,-4} 0x{Start:x16}-0x{Last:x16} {DeviceType}";
}

/// <summary>
/// The system bus of a machine: guest RAM blocks, ROM images, memory-mapped devices and (x86)
/// port-I/O devices, each in a named region. The map is built before the guest starts (overlaps
/// are refused) and is read-only afterwards, so concurrent vCPU threads use it without locks;
/// devices serialise their own state.
/// <para>Widths: an access a device does not declare is translated, little-endian: a wider access
/// becomes several narrower ones, a narrower read is a part of a wider read, and a narrower write
/// is a read-modify-write when the device allows it (else logged and dropped). Accesses that hit
/// nothing read as all ones and writes are dropped, logged once per address.</para>
/// </summary>
public sealed class SystemBus : IIoDispatcher, IDmaMemory
{
    readonly object buildGate = new();
    readonly ConcurrentDictionary<(bool Port, ulong Address), byte> reportedUnclaimed = new();
    BusRegion[] memory = [];
    BusRegion[] ports = [];
    GuestPhysicalMemory physicalRam = new([]);

    public SystemBus(DeviceLog? log = null) => Log = log ?? new DeviceLog();

    public DeviceLog Log { get; }

    /// <summary>Every region, memory space first then ports, each by start address.</summary>
    public IReadOnlyList<BusRegion> Regions => [.. Volatile.Read(ref memory), .. Volatile.Read(ref ports)];

    /// <summary>The RAM blocks as one address space (for an accelerator's memory slots, the boot loaders and DMA).</summary>
    public GuestPhysicalMemory Ram => Volatile.Read(ref physicalRam);

    /// <summary>The ROM regions with their images (an accelerator maps them read-only).</summary>
    public IEnumerable<(BusRegion Region, byte[] Image)> RomImages => Volatile.Read(ref memory).Where(r => r.Kind == RegionKind.Rom).Select(r => (r, r.Rom!));

    public BusRegion AddRam(string name, GuestRam ram)
    {
        ArgumentNullException.ThrowIfNull(ram);
        CheckRange(name, ram.Base, ram.Size, ulong.MaxValue);
        var region = new BusRegion(name, RegionKind.Ram, ram.Base, ram.End, nameof(GuestRam)) { Ram = ram };
        lock (buildGate)
        {
            Insert(ref memory, region);
            Volatile.Write(ref physicalRam, new GuestPhysicalMemory([.. physicalRam.Blocks, ram]));
        }
        return region;
    }

    /// <summary>A ROM image: reads return it, writes are logged and dropped.</summary>
    public BusRegion AddRom(string name, ulong baseAddress, byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Length == 0) throw new ArgumentException($"ROM {name} is empty", nameof(image));
        CheckRange(name, baseAddress, (ulong)image.Length, ulong.MaxValue);
        var region = new BusRegion(name, RegionKind.Rom, baseAddress, baseAddress + (ulong)image.Length, "ROM") { Rom = image };
        lock (buildGate) Insert(ref memory, region);
        return region;
    }

    public BusRegion AddMmio(string name, ulong baseAddress, ulong size, IBusPeripheral device)
    {
        ArgumentNullException.ThrowIfNull(device);
        CheckDevice(name, device);
        CheckRange(name, baseAddress, size, ulong.MaxValue);
        var region = new BusRegion(name, RegionKind.Mmio, baseAddress, baseAddress + size, device.GetType().Name) { Device = device };
        lock (buildGate) Insert(ref memory, region);
        return region;
    }

    public BusRegion AddPorts(string name, ushort port, int count, IBusPeripheral device)
    {
        ArgumentNullException.ThrowIfNull(device);
        CheckDevice(name, device);
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), $"{name}: a port region has at least one port");
        CheckRange(name, port, (ulong)count, 0x10000);
        var region = new BusRegion(name, RegionKind.Port, port, port + (ulong)count, device.GetType().Name) { Device = device };
        lock (buildGate) Insert(ref ports, region);
        return region;
    }

    static void CheckDevice(string name, IBusPeripheral device)
    {
        if ((device.Widths & AccessWidths.All) == AccessWidths.None)
            throw new ArgumentException($"{name}: {device.GetType().Name} declares no access width");
    }

    static void CheckRange(string name, ulong start, ulong size, ulong limit)
    {
        if (size == 0) throw new ArgumentOutOfRangeException(nameof(size), $"{name}: a region is at least one byte");
        if (start > limit || size > limit - start)
            throw new ArgumentOutOfRangeException(nameof(start), $"{name}: 0x{start:x}+0x{size:x} goes past the end of the address space");
    }

    static void Insert(ref BusRegion[] map, BusRegion region)
    {
        foreach (var other in map)
            if (region.Start < other.End && other.Start < region.End)
                throw new InvalidOperationException(
                    $"bus region {region.Name} ({region.Kind} 0x{region.Start:x}-0x{region.Last:x}) " +
                    $"overlaps {other.Name} ({other.Kind} 0x{other.Start:x}-0x{other.Last:x})");
        if (map.Any(r => r.Name == region.Name && r.Kind == region.Kind))
            throw new InvalidOperationException($"bus region name {region.Name} is used twice");
        var next = new BusRegion[map.Length + 1];
        int i = 0;
        while (i < map.Length && map[i].Start < region.Start) { next[i] = map[i]; i++; }
        next[i] = region;
        Array.Copy(map, i, next, i + 1, map.Length - i);
        Volatile.Write(ref map, next);
    }

    static BusRegion? Find(BusRegion[] map, ulong address)
    {
        int lo = 0, hi = map.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var r = map[mid];
            if (address < r.Start) hi = mid - 1;
            else if (address >= r.End) lo = mid + 1;
            else return r;
        }
        return null;
    }

    /// <summary>The memory-space region holding <paramref name="address"/>, or null.</summary>
    public BusRegion? FindRegion(ulong address) => Find(Volatile.Read(ref memory), address);

    /// <summary>The port region holding <paramref name="port"/>, or null.</summary>
    public BusRegion? FindPortRegion(ushort port) => Find(Volatile.Read(ref ports), port);

    // ---- IIoDispatcher ----

    public ulong ReadMemory(ulong address, AccessWidth width) => Read(false, address, width);

    public void WriteMemory(ulong address, AccessWidth width, ulong value) => Write(false, address, width, value);

    public ulong ReadPort(ushort port, AccessWidth width) => Read(true, port, width);

    public void WritePort(ushort port, AccessWidth width, ulong value) => Write(true, port, width, value);

    ulong Read(bool port, ulong address, AccessWidth width)
    {
        int n = width.Bytes();
        var map = port ? Volatile.Read(ref ports) : Volatile.Read(ref memory);
        var region = Find(map, address);
        if (region != null && Fits(region, address, n))
            return ReadRegion(region, address - region.Start, n);
        // Nothing here, or the access crosses a region boundary: byte by byte.
        if (region == null && !AnyRegionIn(map, port, address, n))
        {
            ReportUnclaimed(port, address, width, null);
            return width.Mask();
        }
        ulong result = 0;
        for (int i = 0; i < n; i++)
        {
            ulong a = address + (ulong)i;
            if (port) a &= 0xffff;
            var r = Find(map, a);
            ulong b;
            if (r == null)
            {
                ReportUnclaimed(port, a, AccessWidth.Byte, null);
                b = 0xff;
            }
            else b = ReadRegion(r, a - r.Start, 1);
            result |= b << (8 * i);
        }
        return result;
    }

    void Write(bool port, ulong address, AccessWidth width, ulong value)
    {
        int n = width.Bytes();
        value &= width.Mask();
        var map = port ? Volatile.Read(ref ports) : Volatile.Read(ref memory);
        var region = Find(map, address);
        if (region != null && Fits(region, address, n))
        {
            WriteRegion(region, address - region.Start, n, value);
            return;
        }
        if (region == null && !AnyRegionIn(map, port, address, n))
        {
            ReportUnclaimed(port, address, width, value);
            return;
        }
        for (int i = 0; i < n; i++)
        {
            ulong a = address + (ulong)i;
            if (port) a &= 0xffff;
            var r = Find(map, a);
            ulong b = (value >> (8 * i)) & 0xff;
            if (r == null) ReportUnclaimed(port, a, AccessWidth.Byte, b);
            else WriteRegion(r, a - r.Start, 1, b);
        }
    }

    /// <summary>Whether the access [address, address+n) lies wholly inside the region (which may be smaller than n).</summary>
    static bool Fits(BusRegion region, ulong address, int n) => (ulong)n <= region.Size && address - region.Start <= region.Size - (ulong)n;

    /// <summary>Whether any byte of [address, address+n) is mapped (the slow path of an access that does not fit one region).</summary>
    static bool AnyRegionIn(BusRegion[] map, bool port, ulong address, int n)
    {
        for (int i = 1; i < n; i++)
        {
            ulong a = address + (ulong)i;
            if (port) a &= 0xffff;
            if (Find(map, a) != null) return true;
        }
        return false;
    }

    void ReportUnclaimed(bool port, ulong address, AccessWidth width, ulong? value)
    {
        if (!Log.IsEnabled(LogCategory.GuestError)) return;
        if (reportedUnclaimed.Count >= 65536 || !reportedUnclaimed.TryAdd((port, address), 0)) return;
        string where = port ? $"port 0x{address:x4}" : $"address 0x{address:x}";
        Log.GuestError($"bus:{(port ? "port" : "mem")}:0x{address:x}", value is { } v
            ? $"{width.Bytes()}-byte write of 0x{v:x} to {where}, where nothing is mapped (dropped)"
            : $"{width.Bytes()}-byte read of {where}, where nothing is mapped (returns all ones)");
    }

    ulong ReadRegion(BusRegion region, ulong offset, int n)
    {
        switch (region.Kind)
        {
            case RegionKind.Ram:
            {
                var ram = region.Ram!;
                return ram.TryGetSpan(ram.Base + offset, n, out var span) ? ReadLittle(span) : ulong.MaxValue >> (64 - 8 * n);
            }
            case RegionKind.Rom:
                return ReadLittle(region.Rom.AsSpan((int)offset, n));
            default:
                return ReadDevice(region, offset, n);
        }
    }

    void WriteRegion(BusRegion region, ulong offset, int n, ulong value)
    {
        switch (region.Kind)
        {
            case RegionKind.Ram:
            {
                var ram = region.Ram!;
                if (ram.TryGetSpan(ram.Base + offset, n, out var span)) WriteLittle(span, value);
                return;
            }
            case RegionKind.Rom:
                Log.GuestError($"bus:{region.Name}+0x{offset:x}",
                    $"{n}-byte write of 0x{value:x} to ROM {region.Name} at 0x{region.Start + offset:x} (dropped)");
                return;
            default:
                WriteDevice(region, offset, n, value);
                return;
        }
    }

    static ulong ReadLittle(ReadOnlySpan<byte> span) => span.Length switch
    {
        1 => span[0],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(span),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(span),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(span),
    };

    static void WriteLittle(Span<byte> span, ulong value)
    {
        switch (span.Length)
        {
            case 1: span[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
        }
    }

    static bool Declares(AccessWidths widths, int bytes) => ((int)widths & bytes) != 0;

    /// <summary>The largest declared width that fits in <paramref name="remaining"/> bytes and is aligned at <paramref name="offset"/>, or 0.</summary>
    static int FittingWidth(AccessWidths widths, ulong offset, int remaining)
    {
        for (int w = 8; w >= 1; w >>= 1)
            if (w <= remaining && Declares(widths, w) && (offset & (ulong)(w - 1)) == 0) return w;
        return 0;
    }

    static int SmallestWidth(AccessWidths widths)
    {
        for (int w = 1; w <= 8; w <<= 1)
            if (Declares(widths, w)) return w;
        return 0;
    }

    ulong ReadDevice(BusRegion region, ulong offset, int n)
    {
        var device = region.Device!;
        var widths = device.Widths;
        if (Declares(widths, n)) return device.Read(offset, AccessWidthExtensions.FromBytes(n)) & MaskOf(n);
        ulong result = 0;
        int pos = 0;
        while (pos < n)
        {
            ulong at = offset + (ulong)pos;
            int w = FittingWidth(widths, at, n - pos);
            if (w != 0)
            {
                result |= (device.Read(at, AccessWidthExtensions.FromBytes(w)) & MaskOf(w)) << (8 * pos);
                pos += w;
                continue;
            }
            // Only wider (or misaligned) widths: read the enclosing aligned unit and take our bytes.
            w = WiderWidth(widths, n - pos);
            ulong unit = at & ~(ulong)(w - 1);
            int skip = (int)(at - unit), take = Math.Min(w - skip, n - pos);
            ulong v = device.Read(unit, AccessWidthExtensions.FromBytes(w)) >> (8 * skip);
            result |= (v & MaskOf(take)) << (8 * pos);
            pos += take;
        }
        return result;
    }

    /// <summary>The smallest declared width of at least <paramref name="bytes"/> (else the largest declared).</summary>
    static int WiderWidth(AccessWidths widths, int bytes)
    {
        for (int w = 1; w <= 8; w <<= 1)
            if (w >= bytes && Declares(widths, w)) return w;
        for (int w = 8; w >= 1; w >>= 1)
            if (Declares(widths, w)) return w;
        return SmallestWidth(widths);
    }

    static ulong MaskOf(int bytes) => bytes >= 8 ? ulong.MaxValue : (1UL << (8 * bytes)) - 1;

    void WriteDevice(BusRegion region, ulong offset, int n, ulong value)
    {
        var device = region.Device!;
        var widths = device.Widths;
        if (Declares(widths, n))
        {
            device.Write(offset, AccessWidthExtensions.FromBytes(n), value);
            return;
        }
        int pos = 0;
        while (pos < n)
        {
            ulong at = offset + (ulong)pos;
            int w = FittingWidth(widths, at, n - pos);
            if (w != 0)
            {
                device.Write(at, AccessWidthExtensions.FromBytes(w), (value >> (8 * pos)) & MaskOf(w));
                pos += w;
                continue;
            }
            w = WiderWidth(widths, n - pos);
            ulong unit = at & ~(ulong)(w - 1);
            int skip = (int)(at - unit), take = Math.Min(w - skip, n - pos);
            ulong part = (value >> (8 * pos)) & MaskOf(take);
            if (device.AllowsReadModifyWrite)
            {
                var aw = AccessWidthExtensions.FromBytes(w);
                ulong mask = MaskOf(take) << (8 * skip);
                ulong old = device.Read(unit, aw);
                device.Write(unit, aw, (old & ~mask) | (part << (8 * skip)));
            }
            else
            {
                Log.GuestError($"bus:{region.Name}+0x{at:x}:w{take}",
                    $"{take}-byte write of 0x{part:x} to {region.Name}+0x{at:x}: {device.GetType().Name} takes {widths} accesses only (dropped)");
            }
            pos += take;
        }
    }

    // ---- IDmaMemory: RAM only, every range checked (by the RAM as it is now) ----

    public bool TryGetSpan(ulong address, int length, out Span<byte> span) => Ram.TryGetSpan(address, length, out span);

    public bool TryRead(ulong address, Span<byte> destination) => Ram.TryRead(address, destination);

    public bool TryWrite(ulong address, ReadOnlySpan<byte> source) => Ram.TryWrite(address, source);
}
