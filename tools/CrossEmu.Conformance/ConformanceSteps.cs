using CrossEmu.Conformance.Decoder;

namespace CrossEmu.Conformance;

/// <summary>The steps `crossemu conformance` knows, in the order they run.</summary>
public static class ConformanceSteps
{
    public static IReadOnlyList<IConformanceStep> All { get; } =
    [
        new DecoderStep(),
        // The differential step (Differential/, against qemu-user) is registered here.
    ];

    public static IReadOnlyList<string> Isas { get; } = ["arm", "mips", "mipsel"];
}
