using System.Buffers.Binary;
using CrossEmu.Isa.Memory;

namespace CrossEmu.Testing;

/// <summary>
/// Where per-instruction tests put things in guest memory: the words at CodeBase (one
/// executable page), data at DataBase..DataBase+DataSize. Tools that compute expected states
/// with qemu use the same layout and fill pattern.
/// </summary>
public abstract class TestMemory
{
    public const uint CodeBase = 0x10000;
    public const uint DataBase = 0x20000;
    public const int DataSize = 0x2000;

    /// <summary>Byte i of the data area under fill=1.</summary>
    public static byte FillByte(int i) => (byte)(i * 0x9E + 0x5B + (i >> 8));

    public static void Fill(Span<byte> data)
    {
        for (int i = 0; i < data.Length; i++) data[i] = FillByte(i);
    }

    /// <summary>Stores the low span.Length bytes of value in a byte order.</summary>
    public static void Store(Span<byte> span, ulong value, bool bigEndian)
    {
        for (int i = 0; i < span.Length; i++)
            span[bigEndian ? span.Length - 1 - i : i] = (byte)(value >> (8 * i));
    }

    /// <summary>The word at offset i of data, in a byte order.</summary>
    public static uint Word(byte[] data, int i, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(i)) : BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i));

    /// <summary>Places words (instructions or data) at address, each in the byte order.</summary>
    public static void Place(GuestMemory memory, uint address, uint[] words, bool bigEndian)
    {
        Span<byte> bytes = stackalloc byte[4];
        for (int i = 0; i < words.Length; i++)
        {
            Store(bytes, words[i], bigEndian);
            memory.WriteUnchecked(address + 4u * (uint)i, bytes);
        }
    }
}
