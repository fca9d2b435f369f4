namespace CrossEmu.Conformance.Decoder;

/// <summary>
/// The data files of the cross-check, embedded from testsuites/conformance/decoder: one
/// .mnemonics and one .differences per ISA family (IDecoderUnderTest.DataFamily).
/// </summary>
public static class DecoderData
{
    public static MnemonicTable Mnemonics(IDecoderUnderTest ours) =>
        MnemonicTable.Parse(Read(ours.DataFamily + ".mnemonics"), stripConditions: ours.MnemonicsCarryConditions);

    public static DifferenceList Differences(IDecoderUnderTest ours) => DifferenceList.Parse(Read(ours.DataFamily + ".differences"));

    static string Read(string name)
    {
        using var stream = typeof(DecoderData).Assembly.GetManifestResourceStream("decoder/" + name)
            ?? throw new InvalidOperationException($"the data file decoder/{name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
