using System.Buffers.Binary;
using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Files;

/// <summary>
/// An eventfd or timerfd of a big-endian guest: reads and writes move one 8-byte counter, which the host
/// keeps in its own (little-endian) byte order and the guest in its.
/// </summary>
sealed class CounterFile : EmulatedFile
{
    const int CounterSize = 8;

    public override ForkedEmulation ForFork { get; } = new(ForkedEmulation.Counter);

    public override unsafe long Read(SyscallContext c, int hostFd, uint address, uint count)
    {
        if (count < CounterSize) return -EINVAL;
        ulong value;
        long r = Sys(read(hostFd, (byte*)&value, CounterSize));
        if (r != CounterSize) return r;
        return c.WriteU64(address, value) ? r : -EFAULT;
    }

    public override unsafe long Write(SyscallContext c, int hostFd, uint address, uint count)
    {
        if (count < CounterSize) return -EINVAL;
        Span<byte> guest = stackalloc byte[CounterSize];
        if (!c.Read(address, guest)) return -EFAULT;
        ulong value = c.BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(guest) : BinaryPrimitives.ReadUInt64LittleEndian(guest);
        return Sys(write(hostFd, (byte*)&value, CounterSize));
    }
}
