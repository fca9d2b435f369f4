using System.Globalization;

namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>The protocol's hex encodings: bytes as two lowercase digits each, numbers as plain hex.</summary>
public static class GdbHex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>The bytes of a hex string, or null when it is not one.</summary>
    public static byte[]? Decode(string hex)
    {
        if (hex.Length % 2 != 0) return null;
        try { return Convert.FromHexString(hex); }
        catch (FormatException) { return null; }
    }

    public static bool TryParse(string hex, out uint value) =>
        uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    /// <summary>A value as its bytes in the target's order, in hex (how registers travel).</summary>
    public static string Value(uint value, bool bigEndian)
    {
        Span<byte> b = stackalloc byte[4];
        if (bigEndian) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b, value);
        else System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return Encode(b);
    }

    /// <summary>The inverse of Value: 8 hex digits in target byte order.</summary>
    public static bool TryParseValue(string hex, bool bigEndian, out uint value)
    {
        value = 0;
        if (hex.Length != 8 || Decode(hex) is not { } b) return false;
        value = bigEndian ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b) : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b);
        return true;
    }
}
