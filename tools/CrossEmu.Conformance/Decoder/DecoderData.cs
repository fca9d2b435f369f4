namespace CrossEmu.Conformance.Decoder;

/// <summary>
/// The data files of the cross-check, embedded from testsuites/conformance/decoder: one
/// .mnemonics and one .differences per ISA family (mips and mipsel share "mips").
/// </summary>
public static class DecoderData
{
    public static string Family(string isa) => isa == "mipsel" ? "mips" : isa;

    public static MnemonicTable Mnemonics(string isa) => MnemonicTable.Parse(Read(Family(isa) + ".mnemonics"), stripConditions: isa == "arm");

    public static DifferenceList Differences(string isa) => DifferenceList.Parse(Read(Family(isa) + ".differences"));

    static string Read(string name)
    {
        using var stream = typeof(DecoderData).Assembly.GetManifestResourceStream("decoder/" + name)
            ?? throw new InvalidOperationException($"the data file decoder/{name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
