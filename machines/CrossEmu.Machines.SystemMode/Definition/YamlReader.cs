using YamlDotNet.RepresentationModel;

namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>
/// Typed reads from a YAML mapping with errors that name the file and line: a missing key, an
/// unknown key (a typo must not be ignored), a value of the wrong kind. Sizes take K/M/G/T suffixes,
/// numbers may be hexadecimal.
/// </summary>
sealed class YamlReader(string file, YamlMappingNode node, string what)
{
    readonly HashSet<string> read = [];

    public SourceLocation Location => At(node);

    public SourceLocation At(YamlNode n) => new(file, (int)n.Start.Line);

    public MachineFileException Error(YamlNode n, string problem) => new(At(n), problem);

    public YamlNode? Find(string key)
    {
        read.Add(key);
        foreach (var (k, v) in node.Children)
            if (k is YamlScalarNode s && s.Value == key) return v;
        return null;
    }

    public YamlNode Require(string key) =>
        Find(key) ?? throw new MachineFileException(Location, $"{what} has no '{key}'");

    public string String(string key) => Scalar(Require(key), key);

    public string? OptionalString(string key) => Find(key) is { } n ? Scalar(n, key) : null;

    /// <summary>A name (of the machine, its architecture, a device, its type, a RAM window): 1 to 64
    /// letters, digits, '-', '_' or '.', so that it reads as one word in maps and messages.</summary>
    public string Name(string key)
    {
        var n = Require(key);
        var text = Scalar(n, key);
        if (text.Length is 0 or > 64 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw Error(n, $"'{key}' must be 1 to 64 letters, digits, '-', '_' or '.', not {MachineFileException.Quote(text)}");
        return text;
    }

    public ulong Number(string key) => ParseNumber(Require(key), key);

    public ulong? OptionalNumber(string key) => Find(key) is { } n ? ParseNumber(n, key) : null;

    public bool OptionalBool(string key, bool fallback)
    {
        if (Find(key) is not { } n) return fallback;
        return Scalar(n, key).ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            var other => throw Error(n, $"'{key}' must be true or false, not '{other}'"),
        };
    }

    public YamlReader Mapping(string key) => AsMapping(Require(key), key);

    public YamlReader? OptionalMapping(string key) => Find(key) is { } n ? AsMapping(n, key) : null;

    public IEnumerable<YamlReader> Sequence(string key)
    {
        var n = Require(key);
        if (n is not YamlSequenceNode seq) throw Error(n, $"'{key}' must be a list");
        return seq.Children.Select((item, i) => AsMapping(item, $"{key}[{i}]"));
    }

    /// <summary>Every key and scalar value of a nested mapping, for free-form properties.</summary>
    public IEnumerable<(string Key, string Value, SourceLocation Location)> Pairs()
    {
        foreach (var (k, v) in node.Children)
        {
            var key = Scalar(k, "key");
            read.Add(key);
            yield return (key, Scalar(v, key), At(v));
        }
    }

    /// <summary>Fails on the first key that nothing asked for.</summary>
    public void RejectUnknownKeys(params string[] known)
    {
        foreach (var (k, _) in node.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (!read.Contains(key))
                throw Error(k, $"unknown key {MachineFileException.Quote(key)} in {what} (expected {string.Join(", ", known)})");
        }
    }

    YamlReader AsMapping(YamlNode n, string key) =>
        n is YamlMappingNode m ? new YamlReader(file, m, key) : throw Error(n, $"{MachineFileException.Quote(key)} must be a mapping of keys to values");

    string Scalar(YamlNode n, string key) =>
        n is YamlScalarNode { Value: { } v } ? v : throw Error(n, $"{MachineFileException.Quote(key)} must be a single value");

    ulong ParseNumber(YamlNode n, string key)
    {
        var text = Scalar(n, key);
        if (SizeText.TryParse(text, out var value, out var tooLarge)) return value;
        throw Error(n, $"'{key}' must be " + (
            tooLarge ? $"at most 2^64-1, not {MachineFileException.Quote(text)}"
            : text.TrimStart().StartsWith('-') ? $"a number of at least 0, not {MachineFileException.Quote(text)}"
            : $"a number (decimal, 0x hexadecimal, or with a K/M/G/T suffix), not {MachineFileException.Quote(text)}"));
    }
}
