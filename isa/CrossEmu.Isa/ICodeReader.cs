using System.Buffers.Binary;

namespace CrossEmu.Isa;

/// <summary>
/// Reads guest code for a frontend; fails on bytes the guest may not execute. Reads are
/// little-endian views of guest memory (big-endian frontends swap). An implementer needs only
/// TryRead32; the other reads default to it (through the aligned words holding the bytes, so a
/// read never needs a byte beyond the page of the bytes it returns).
/// </summary>
public interface ICodeReader
{
    /// <summary>The 4 bytes at address as a little-endian word (A32, MIPS).</summary>
    bool TryRead32(uint address, out uint word);

    /// <summary>
    /// Whether a block must end before the instruction at address, which then starts a block of its
    /// own (a debugger's breakpoint is there, so the engine can stop before it). A delay slot is never
    /// split from its branch.
    /// </summary>
    bool EndsBlockBefore(uint address) => false;

    /// <summary>The 2 bytes at address as a little-endian halfword (Thumb).</summary>
    bool TryRead16(uint address, out ushort half)
    {
        Span<byte> bytes = stackalloc byte[2];
        bool read = Read(address, bytes) == 2;
        half = read ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : (ushort)0;
        return read;
    }

    /// <summary>
    /// Copies the bytes from address into `into`, up to the first one the guest may not execute;
    /// returns how many it copied. A byte-stream decoder (x86) reads ahead with it: a short count
    /// says where the executable code ends.
    /// </summary>
    int Read(uint address, Span<byte> into)
    {
        int copied = 0;
        while (copied < into.Length)
        {
            uint at = address + (uint)copied;
            if (!TryRead32(at & ~3u, out uint word)) break;
            for (int shift = (int)(at & 3) * 8; shift < 32 && copied < into.Length; shift += 8)
                into[copied++] = (byte)(word >> shift);
        }
        return copied;
    }
}
