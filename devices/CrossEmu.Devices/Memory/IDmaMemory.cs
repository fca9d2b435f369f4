namespace CrossEmu.Devices.Memory;

/// <summary>
/// Guest-physical memory as a DMA-capable device (virtio) sees it: RAM only, every range checked.
/// A guest-supplied address that is not wholly inside RAM is refused (false), never followed: a
/// malformed descriptor must not touch host memory.
/// </summary>
public interface IDmaMemory
{
    bool TryGetSpan(ulong address, int length, out Span<byte> span);

    bool TryRead(ulong address, Span<byte> destination);

    bool TryWrite(ulong address, ReadOnlySpan<byte> source);
}
