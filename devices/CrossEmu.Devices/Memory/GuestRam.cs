using System.Runtime.InteropServices;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Devices.Memory;

/// <summary>
/// One block of guest-physical RAM: page-aligned host memory that the kernel commits lazily, so
/// that an accelerator can map it straight into a VM (a KVM memory slot) and devices can reach it
/// for DMA. Every access from managed code goes through a bounds check: a guest-supplied address
/// or length outside the block never touches host memory.
/// </summary>
public sealed unsafe class GuestRam : IDisposable
{
    nint host;

    /// <summary>Guest-physical address of the first byte.</summary>
    public ulong Base { get; }

    public ulong Size { get; }

    /// <summary>Host address of the first byte (page-aligned); valid until Dispose.</summary>
    public nint HostAddress => host != 0 ? host : throw new ObjectDisposedException(nameof(GuestRam));

    public ulong End => Base + Size;

    public GuestRam(ulong guestBase, ulong size)
    {
        if (size == 0 || (size & 0xfff) != 0 || (guestBase & 0xfff) != 0)
            throw new ArgumentException($"RAM at 0x{guestBase:x} of 0x{size:x} bytes: base and size must be non-zero multiples of 4 KiB");
        var p = mmap(0, (nuint)size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) throw new OutOfMemoryException($"cannot allocate {size >> 20} MiB of guest RAM (errno {Marshal.GetLastPInvokeError()})");
        host = p;
        Base = guestBase;
        Size = size;
    }

    public bool Contains(ulong address, ulong length) =>
        address >= Base && length <= Size && address - Base <= Size - length;

    /// <summary>The bytes [address, address+length) as a span, or false when any of them is outside this block.</summary>
    public bool TryGetSpan(ulong address, int length, out Span<byte> span)
    {
        if (length < 0 || !Contains(address, (ulong)length))
        {
            span = default;
            return false;
        }
        span = new Span<byte>((byte*)HostAddress + (address - Base), length);
        return true;
    }

    /// <summary>A span for memory the emulator itself lays out (boot code, tables); throws when out of range.</summary>
    public Span<byte> Span(ulong address, int length) =>
        TryGetSpan(address, length, out var span) ? span
            : throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x}+{length} is outside guest RAM 0x{Base:x}-0x{End:x}");

    public void Dispose()
    {
        if (host == 0) return;
        munmap(host, (nuint)Size);
        host = 0;
    }
}
