using System.Globalization;

namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>Sizes and addresses as people write them in machine files and on the command line.</summary>
public static class SizeText
{
    /// <summary>"4096", "0x3f8", "512M", "3G", "64K", "1_000" (K/M/G/T are powers of 1024).</summary>
    public static bool TryParse(string text, out ulong value) => TryParse(text, out value, out _);

    /// <summary>As <see cref="TryParse(string, out ulong)"/>; <paramref name="tooLarge"/> tells a well-formed
    /// number that does not fit in 64 bits (with its suffix) from text that is no number.</summary>
    public static bool TryParse(string text, out ulong value, out bool tooLarge)
    {
        value = 0;
        tooLarge = false;
        var t = text.Trim().Replace("_", "");
        if (t.Length == 0) return false;
        int shift = char.ToUpperInvariant(t[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        if (shift != 0) t = t[..^1];
        bool hex = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        var digits = hex ? t[2..] : t;
        bool ok = hex
            ? ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok)
        {
            tooLarge = digits.Length > 0 && digits.All(hex ? char.IsAsciiHexDigit : char.IsAsciiDigit);
            return false;
        }
        if (shift != 0)
        {
            if (value > ulong.MaxValue >> shift)
            {
                tooLarge = true;
                return false;
            }
            value <<= shift;
        }
        return true;
    }
}
