using System.Text;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>Strings and buffers the way strace shows them: in quotes, C escapes for the unprintable,
/// and `...` after the closing quote when cut short.</summary>
public static class Quoting
{
    /// <summary>How many bytes of a read or write buffer are shown (strace's default -s 32).</summary>
    public const int BufferBytes = 32;
    /// <summary>How many characters of a path or name are shown.</summary>
    public const int StringChars = 64;

    public static string Quote(ReadOnlySpan<byte> bytes, bool truncated)
    {
        var sb = new StringBuilder(bytes.Length + 8).Append('"');
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            switch (b)
            {
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\v': sb.Append("\\v"); break;
                case (byte)'\f': sb.Append("\\f"); break;
                case >= 0x20 and < 0x7f: sb.Append((char)b); break;
                default:
                    // The shortest octal escape, unless a digit follows and would be read as part of it.
                    bool digitFollows = i + 1 < bytes.Length && bytes[i + 1] is >= (byte)'0' and <= (byte)'7';
                    sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(digitFollows ? 3 : 1, '0'));
                    break;
            }
        }
        sb.Append('"');
        if (truncated) sb.Append("...");
        return sb.ToString();
    }

    /// <summary>A guest pointer: NULL or hex.</summary>
    public static string Pointer(uint address) => address == 0 ? "NULL" : $"0x{address:x}";

    /// <summary>A NUL-terminated guest string, or its address when unreadable.</summary>
    public static string CString(StraceCall call, uint address, int max = StringChars)
    {
        if (address == 0) return "NULL";
        return call.ReadCString(address, max) is var (bytes, truncated) ? Quote(bytes, truncated) : Pointer(address);
    }

    /// <summary>The first bytes of a guest buffer of the given length, or its address when unreadable.</summary>
    public static string Buffer(StraceCall call, uint address, long length, int max = BufferBytes)
    {
        if (address == 0) return "NULL";
        int shown = (int)Math.Clamp(length, 0, max);
        return call.Read(address, shown) is { } bytes ? Quote(bytes, length > max) : Pointer(address);
    }
}
