namespace CrossEmu.Conformance.Decoder;

/// <summary>'*' matches any run of characters, '|' separates alternatives; everything else literally (case-insensitive).</summary>
public static class Glob
{
    public static bool Matches(string pattern, string text)
    {
        foreach (var alternative in pattern.Split('|'))
            if (Matches(alternative.AsSpan(), text.AsSpan())) return true;
        return false;
    }

    static bool Matches(ReadOnlySpan<char> p, ReadOnlySpan<char> t)
    {
        while (p.Length > 0 && p[0] != '*')
        {
            if (t.Length == 0 || char.ToLowerInvariant(p[0]) != char.ToLowerInvariant(t[0])) return false;
            p = p[1..];
            t = t[1..];
        }
        if (p.Length == 0) return t.Length == 0;
        for (int skip = 0; skip <= t.Length; skip++)
            if (Matches(p[1..], t[skip..])) return true;
        return false;
    }
}
