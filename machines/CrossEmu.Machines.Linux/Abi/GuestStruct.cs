using System.Buffers.Binary;

namespace CrossEmu.Machines.Linux.Abi;

/// <summary>A field of a guest struct: byte offset and width (1, 2, 4 or 8). Width 0 means absent.</summary>
public readonly record struct Field(int Offset, int Size)
{
    public static readonly Field None = new(0, 0);
    public static Field U8(int offset) => new(offset, 1);
    public static Field U16(int offset) => new(offset, 2);
    public static Field U32(int offset) => new(offset, 4);
    public static Field U64(int offset) => new(offset, 8);
}

/// <summary>Reads and writes the fields of a guest struct held in a byte buffer, in guest byte order.</summary>
public readonly ref struct GuestStruct(Span<byte> bytes, bool bigEndian)
{
    readonly Span<byte> bytes = bytes;

    public Span<byte> Bytes => bytes;

    /// <summary>Stores the low Size bytes of value (truncating, as the kernel's 32-bit fields do).</summary>
    public void Put(Field f, ulong value)
    {
        var s = bytes.Slice(f.Offset, f.Size);
        switch (f.Size)
        {
            case 0: return;
            case 1: s[0] = (byte)value; return;
            case 2:
                if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)value);
                else BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)value);
                return;
            case 4: if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(s, (uint)value); else BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)value); return;
            case 8: if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(s, value); else BinaryPrimitives.WriteUInt64LittleEndian(s, value); return;
            default: throw new ArgumentException($"field width {f.Size}");
        }
    }

    public void Put(Field f, long value) => Put(f, (ulong)value);

    public ulong Get(Field f)
    {
        var s = bytes.Slice(f.Offset, f.Size);
        return f.Size switch
        {
            0 => 0,
            1 => s[0],
            2 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s),
            4 => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s),
            8 => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s),
            _ => throw new ArgumentException($"field width {f.Size}"),
        };
    }

    /// <summary>Reads a field as a signed value of its width.</summary>
    public long GetSigned(Field f) => f.Size switch
    {
        1 => (sbyte)Get(f),
        2 => (short)Get(f),
        4 => (int)Get(f),
        _ => (long)Get(f),
    };
}
