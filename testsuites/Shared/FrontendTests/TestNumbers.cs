using System.Globalization;

namespace CrossEmu.Testing;

/// <summary>Numbers and instruction words as per-instruction test rows write them.</summary>
public static class TestNumbers
{
    /// <summary>Decimal (may be negative: a 32-bit two's complement), 0x hex or 0b binary; '_' separates digits.</summary>
    public static ulong Parse(string s)
    {
        s = s.Replace("_", "");
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return ulong.Parse(s[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (s.StartsWith("0b", StringComparison.OrdinalIgnoreCase)) return Convert.ToUInt64(s[2..], 2);
        if (s.StartsWith('-')) return (ulong)(uint)int.Parse(s, CultureInfo.InvariantCulture);
        return ulong.Parse(s, CultureInfo.InvariantCulture);
    }

    /// <summary>"e0810002 e2800001" (or with 0x prefixes, comma or semicolon separated) into words.</summary>
    public static uint[] ParseWords(string words) =>
        words.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries)
             .Select(w => uint.Parse(w.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? w[2..] : w, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
             .ToArray();
}
