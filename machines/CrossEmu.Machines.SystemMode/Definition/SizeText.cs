using System.Globalization;

namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>Sizes and addresses as people write them in machine files and on the command line.</summary>
public static class SizeText
{
    /// <summary>"4096", "0x3f8", "512M", "3G", "64K", "1_000" (K/M/G/T are powers of 1024).</summary>
    public static bool TryParse(string text, out ulong value)
    {
        value = 0;
        var t = text.Trim().Replace("_", "");
        if (t.Length == 0) return false;
        int shift = char.ToUpperInvariant(t[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        if (shift != 0) t = t[..^1];
        bool ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok) return false;
        if (shift != 0)
        {
            if (value > ulong.MaxValue >> shift) return false;
            value <<= shift;
        }
        return true;
    }
}
