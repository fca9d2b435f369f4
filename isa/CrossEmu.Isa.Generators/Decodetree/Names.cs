using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace CrossEmu.Isa.Generators.Decodetree;

/// <summary>The lexical shapes of the format, and turning its names into C# identifiers.</summary>
internal static class Names
{
    /// <summary>Field, argument, function, format and argument-set names.</summary>
    public static bool IsIdent(string s)
    {
        if (s.Length == 0 || !(char.IsLetter(s[0]) || s[0] == '_') || s[0] > 0x7F)
            return false;
        foreach (char c in s)
            if (!(c < 0x80 && (char.IsLetterOrDigit(c) || c == '_')))
                return false;
        return true;
    }

    /// <summary>Pattern names may also start with a digit; they only ever follow "Trans_" or "Match_".</summary>
    public static bool IsPatternName(string s)
    {
        if (s.Length == 0)
            return false;
        foreach (char c in s)
            if (!(c < 0x80 && (char.IsLetterOrDigit(c) || c == '_')))
                return false;
        return true;
    }

    public static bool IsBitString(string s)
    {
        if (s.Length == 0)
            return false;
        foreach (char c in s)
            if (c != '0' && c != '1' && c != '.' && c != '-')
                return false;
        return true;
    }

    /// <summary>Splits "x:5" / "x:s5" into ("x", signed, 5).</summary>
    public static bool TrySplitSized(string s, out string left, out bool signed, out int len)
    {
        left = "";
        signed = false;
        len = 0;
        int colon = s.IndexOf(':');
        if (colon <= 0)
            return false;
        left = s.Substring(0, colon);
        string right = s.Substring(colon + 1);
        if (right.StartsWith("s", System.StringComparison.Ordinal))
        {
            signed = true;
            right = right.Substring(1);
        }
        return right.Length > 0 && int.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out len);
    }

    /// <summary>Decimal, optionally signed, or 0x hex.</summary>
    public static bool TryParseInt(string s, out int value)
    {
        value = 0;
        bool negative = s.StartsWith("-", System.StringComparison.Ordinal);
        string digits = negative || s.StartsWith("+", System.StringComparison.Ordinal) ? s.Substring(1) : s;
        long v;
        if (digits.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase))
        {
            if (!long.TryParse(digits.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out v))
                return false;
        }
        else if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out v))
            return false;
        if (negative)
            v = -v;
        if (v < int.MinValue || v > uint.MaxValue)
            return false;
        value = unchecked((int)v);
        return true;
    }

    /// <summary>A decode-file name used as a C# identifier: reserved words get an '@'.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
