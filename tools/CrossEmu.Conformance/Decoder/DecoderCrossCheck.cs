namespace CrossEmu.Conformance.Decoder;

/// <summary>One ISA's cross-check: a word through our decoder and Capstone, the disagreement explained or not.</summary>
public sealed class DecoderCrossCheck(IConformanceGuest isa, IDecoderUnderTest ours, MnemonicTable mnemonics, DifferenceList differences) : IDisposable
{
    readonly CapstoneOracle capstone = new(isa.CreateDisassembler(), isa.BigEndian);

    public static DecoderCrossCheck For(IConformanceGuest isa)
    {
        var ours = isa.CreateDecoderUnderTest();
        return new(isa, ours, DecoderData.Mnemonics(ours), DecoderData.Differences(ours));
    }

    public IDecoderUnderTest Ours => ours;
    public DifferenceList Differences => differences;

    public WordCheck Check(uint word) =>
        WordCheck.Of(isa.Name, word, ours.PatternOf(word), ours.Lifts(word), capstone.Disassemble(word), mnemonics);

    /// <summary>Checks a word and records it in the case: agreement, explained difference, or failure with its reproducer.</summary>
    public void CheckInto(CaseResult result, uint word)
    {
        var check = Check(word);
        result.Checked++;
        if (check.Kind == DisagreementKind.None) return;
        if (differences.Explain(check) != null) result.Explained++;
        else result.Failures.Add(check.Reproducer(mnemonics));
    }

    public void Dispose() => capstone.Dispose();
}
