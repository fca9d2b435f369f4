using CrossEmu.Testing;

namespace CrossEmu.Frontends.Mips.Tests.Fpu;

/// <summary>
/// The cases qemu-mipsel and qemu-mips ran (Data/qemu-expected.cases, written by
/// tools/qemu_probe.py), as each byte order expects them. A line holds one result where both
/// orders left the same state, else "mipsel: result | mips: result".
/// </summary>
static class QemuExpected
{
    public static readonly IReadOnlyList<FpuCase> Mipsel = Load(bigEndian: false), Mips = Load(bigEndian: true);

    public static IReadOnlyList<FpuCase> For(bool bigEndian) => bigEndian ? Mips : Mipsel;

    static List<FpuCase> Load(bool bigEndian) =>
        CaseFile.Rows(typeof(QemuExpected).Assembly, "qemu-expected.cases")
            .Select(row => FpuCase.Parse(string.Join(" | ", row[..3].Append(Result(row, bigEndian)))))
            .ToList();

    static string Result(string[] row, bool bigEndian) => row.Length switch
    {
        4 => row[3],
        5 => Unprefixed(row[bigEndian ? 4 : 3], bigEndian ? "mips:" : "mipsel:"),
        _ => throw new InvalidDataException($"{string.Join(" | ", row)}: 4 or 5 columns expected"),
    };

    static string Unprefixed(string result, string order) =>
        result.StartsWith(order, StringComparison.Ordinal)
            ? result[order.Length..].TrimStart()
            : throw new InvalidDataException($"'{result}' should start with '{order}'");
}
