using System.Text.RegularExpressions;

namespace CrossEmu.Machines.SystemMode.Tests.Fuzz;

/// <summary>One mutated machine file and what was done to it (for the failure report).</summary>
public sealed record Mutant(string Text, IReadOnlyList<string> Mutations);

/// <summary>
/// Mutates a machine file the way people break them, reproducibly from a seed: numbers replaced
/// by edge values (0, -1, 2^32, 2^63, 2^64-1, bad suffixes), values of the wrong kind, huge
/// strings, keys deleted, duplicated or renamed, indentation broken, lines swapped, deleted,
/// doubled or cut, device types swapped, device properties added.
/// </summary>
public sealed partial class MachineFileMutator(string original, int seed)
{
    // Each one on the edge of some range a machine file has: sizes, 4 KiB alignment, ports,
    // IRQs, repeat, int, 32 bits, 52-bit physical addresses, 64 bits, and the K/M/G/T suffixes.
    static readonly string[] EdgeNumbers =
    [
        "0", "-1", "1", "-0", "+5", "4095", "4096", "0xfff", "0x1000", "255", "256", "257", "1023", "1024",
        "0xffff", "0x10000", "65535", "65536", "65537", "2147483647", "2147483648", "4294967295", "4294967296",
        "0xffffffff", "0x100000000", "0xfffff000", "0xfffffe00", "9223372036854775807", "9223372036854775808",
        "18446744073709551615", "18446744073709551616", "0xffffffffffffffff", "0x10000000000000000",
        "0xfffffffffffff000", "0x8000000000000000", "0xffffffffff000", "0x10000000000000", "0xfffffffff000",
        "99999999999999999999999", "4G", "3G", "16T", "1T", "4095G", "16383P", "16E", "17179869184G",
        "1K", "64K", "0x3fK", "512M", "0M", "0x", "1.5", "1e3", "0b101", "08", "1_", "_1", "1__0", "0x_1", " 7 ",
    ];

    // In range for most fields, so that many mutants load and their maps are checked too; 23 and 24 are the
    // last and first IRQ past x86-pc's I/O APIC, 0xffff0000 is where a 64 KiB firmware goes.
    static readonly string[] PlainNumbers =
    [
        "1", "2", "3", "4", "8", "9", "12", "16", "23", "24", "32",
        "0x20", "0x80", "0x200", "0x400", "0x800", "0x1000", "0x2000", "0x8000", "0x10000", "64K", "1M", "16M", "1G", "2G", "4G", "8G",
        "0x40000000", "0xfe000000", "0xfebff000", "0xfec00000", "0xffff0000", "0x100000000000", "0xfffffffff000",
    ];

    static readonly string[] Suffixes = ["K", "M", "G", "T", "P", "E", "Q", "KB", "MiB", "k", "m", "g", "t", "KK", "M5", " M", "-", ".0"];

    static readonly string[] WrongValues =
    [
        "[1, 2]", "{ a: 1 }", "~", "\"\"", "''", "true", "x86_64", "null", "!!binary AAAA", "&a 5", "*a", "\"0x3f8\"",
        "\"multi\\nline\"", "'tab\there'", "|", ">", "?", "-", "{", "[", "'", "\"",
    ];

    static readonly string[] Keys =
    [
        "name", "description", "architecture", "cpus", "default", "max", "memory", "ram", "base", "max-size", "devices",
        "type", "address", "port", "size", "irq", "console", "repeat", "properties", "irqq", "Size", "max_size", "",
    ];

    static readonly string[] Types =
    [
        "Ns16550", "I8042", "Mc146818", "DebugExit", "VirtioMmio", "TestUart", "IBusPeripheral", "ns16550", "SystemBus", "GuestRam",
    ];

    static readonly string[] Properties =
    [
        "clock-frequency: 0", "clock-frequency: -1", "clock-frequency: 9223372036854775807", "clock-frequency: 9223372036854775808",
        "clock-frequency: -9223372036854775808", "clock-frequency: 18446744073709551615", "clock-frequency: 1G", "clock-frequency: 1.5",
        "reg-shift: 3", "reg-shift: 4", "reg-shift: -1", "reg-shift: 2147483648", "reg-shift: 0x7fffffff", "regShift: 2",
        "reg_shift: 1, reg-shift: 2", "log: x", "irq: 5", "backend: stdio", "colour: red",
    ];

    readonly Random random = new(seed);

    /// <summary>The next mutant: mostly one mutation of the original, sometimes two or three.</summary>
    public Mutant Next()
    {
        var text = original;
        var done = new List<string>();
        int count = random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 };
        for (int i = 0; i < count; i++)
        {
            var (mutated, what) = MutateOnce(text);
            text = mutated;
            done.Add(what);
        }
        return new Mutant(text, done);
    }

    (string Text, string What) MutateOnce(string text)
    {
        var lines = text.Split('\n').ToList();
        // Numbers are what overflow, so they get the most mutations.
        switch (random.Next(17))
        {
            case 0: case 1: case 2:
                return ReplaceToken(text, NumberToken(), Pick(EdgeNumbers), "number");
            case 13: case 14: case 15: case 16:
                return ReplaceToken(text, NumberToken(), Pick(PlainNumbers), "number");
            case 3:
                return ReplaceToken(text, NumberToken(), m => m.Value + Pick(Suffixes), "suffix");
            case 4:
                return ReplaceToken(text, ValueToken(), Pick(WrongValues), "value");
            case 5:
                return ReplaceToken(text, ValueToken(), new string(random.Next(2) == 0 ? '9' : 'A', 1 + random.Next(20_000)), "huge value");
            case 6:
                return ReplaceToken(text, PairToken(), "", "delete pair");
            case 7:
                return ReplaceToken(text, PairToken(), m => m.Value + ", " + m.Value, "duplicate pair");
            case 8:
                return ReplaceToken(text, KeyToken(), Pick(Keys), "rename key");
            case 9:
                return ReplaceToken(text, TypeToken(), Pick(Types), "type");
            case 10:
                return ReplaceToken(text, DeviceEnd(), m => ", properties: { " + Pick(Properties) + " }" + m.Value, "property");
            case 11:
            {
                int i = random.Next(lines.Count);
                var indent = random.Next(3) switch { 0 => " ", 1 => "  ", _ => "\t" };
                lines[i] = random.Next(2) == 0 ? indent + lines[i] : lines[i].TrimStart();
                return (string.Join('\n', lines), $"indent line {i + 1}");
            }
            case 12:
            {
                int i = random.Next(lines.Count), j = random.Next(lines.Count);
                (lines[i], lines[j]) = (lines[j], lines[i]);
                var what = random.Next(3);
                if (what == 1) lines.RemoveAt(i);
                if (what == 2) lines.Insert(j, lines[j]);
                return (string.Join('\n', lines), what switch
                {
                    0 => $"swap lines {i + 1} and {j + 1}",
                    1 => $"swap {i + 1}/{j + 1}, delete {i + 1}",
                    _ => $"swap {i + 1}/{j + 1}, double {j + 1}",
                });
            }
            default:
            {
                int at = random.Next(text.Length);
                return (text[..at], $"truncate at {at}");
            }
        }
    }

    string Pick(string[] choices) => choices[random.Next(choices.Length)];

    (string, string) ReplaceToken(string text, Regex token, string replacement, string what) =>
        ReplaceToken(text, token, _ => replacement, what);

    /// <summary>Replaces one random match of the token outside comments.</summary>
    (string, string) ReplaceToken(string text, Regex token, Func<Match, string> replacement, string what)
    {
        var matches = token.Matches(text).Where(m => !InComment(text, m.Index)).ToList();
        if (matches.Count == 0) return (text, what + ": nothing to change");
        var m = matches[random.Next(matches.Count)];
        var by = replacement(m);
        int line = text.Take(m.Index).Count(c => c == '\n') + 1;
        return (text[..m.Index] + by + text[(m.Index + m.Length)..], $"{what} line {line}: '{Short(m.Value)}' -> '{Short(by)}'");
    }

    static bool InComment(string text, int index)
    {
        int start = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        return text.AsSpan(start, index - start).Contains('#');
    }

    static string Short(string s) => s.Length <= 40 ? s : s[..20] + $"...({s.Length} chars)";

    [GeneratedRegex(@"(?<=[:\s])(0x[0-9a-fA-F]+|\d+[KMGT]?)(?=[,}\s]|$)", RegexOptions.Multiline)]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"(?<=: )[^,{}\n#]+", RegexOptions.Multiline)]
    private static partial Regex ValueToken();

    [GeneratedRegex(@"[\w-]+: [^,{}\n#]+(, )?")]
    private static partial Regex PairToken();

    [GeneratedRegex(@"[\w-]+(?=:)")]
    private static partial Regex KeyToken();

    [GeneratedRegex(@"(?<=type: )\w+")]
    private static partial Regex TypeToken();

    [GeneratedRegex(@" }$", RegexOptions.Multiline)]
    private static partial Regex DeviceEnd();
}
