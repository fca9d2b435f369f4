using CrossEmu.Conformance.Decoder;

namespace CrossEmu.Conformance.Tests;

/// <summary>How one word's verdicts are compared, explained by the data files, or failed.</summary>
[TestClass]
public sealed class ComparisonTests
{
    const uint MipsCache = 0xBC000000;     // cache 0, 0($zero): privileged, we raise SIGILL
    const uint MipsMove = 0x00201025;      // or $v0, $at, $zero: Capstone prints move
    const uint ArmMovR0R0 = 0xE1A00000;    // mov r0, r0

    [TestMethod]
    public void AnUnlistedDisagreementIsAFailureWithAReproducer()
    {
        var ours = TestGuests.Of("mipsel").CreateDecoderUnderTest();
        using var check = new DecoderCrossCheck(TestGuests.Of("mipsel"), ours, DecoderData.Mnemonics(ours), DifferenceList.Empty);
        var c = new CaseResult("cache");
        check.CheckInto(c, MipsCache);
        Assert.AreEqual(1, c.Checked);
        Assert.AreEqual(0, c.Explained);
        Assert.HasCount(1, c.Failures);
        StringAssert.Contains(c.Failures[0], "0xBC000000");
        StringAssert.Contains(c.Failures[0], "ours undefined (no pattern)");
        StringAssert.Contains(c.Failures[0], "Capstone 'cache");
    }

    [TestMethod]
    public void TheSameDisagreementIsExplainedByTheDifferencesFile()
    {
        using var check = DecoderCrossCheck.For(TestGuests.Of("mipsel"));
        var c = new CaseResult("cache");
        check.CheckInto(c, MipsCache);
        Assert.AreEqual(1, c.Explained);
        Assert.IsEmpty(c.Failures);
        Assert.IsTrue(check.Differences.Entries.Any(d => d.Matches == 1 && d.Reason.Contains("CACHE")));
    }

    [TestMethod]
    public void AnAliasMissingFromTheMnemonicsIsAMnemonicFailure()
    {
        using var check = new DecoderCrossCheck(TestGuests.Of("mips"), TestGuests.Of("mips").CreateDecoderUnderTest(),
            MnemonicTable.Parse("", stripConditions: false), DifferenceList.Empty);
        var w = check.Check(MipsMove);
        Assert.AreEqual("OR", w.Pattern);
        Assert.AreEqual(DisagreementKind.Mnemonic, w.Kind);
        StringAssert.Contains(w.Reproducer(MnemonicTable.Parse("", false)), "OR accepts or");
        Assert.AreEqual(DisagreementKind.None, DecoderCrossCheck.For(TestGuests.Of("mips")).Check(MipsMove).Kind, "mips.mnemonics lists move for OR");
    }

    [TestMethod]
    public void ArmMnemonicsMatchWithoutTheirCondition()
    {
        var table = MnemonicTable.Parse("ADD_rrri add adds\n", stripConditions: true);
        Assert.IsTrue(table.Accepts("ADD_rrri", "addseq"));
        Assert.IsTrue(table.Accepts("ADD_rrri", "add"));
        Assert.IsFalse(table.Accepts("ADD_rrri", "sub"));
        Assert.IsTrue(table.Accepts("TEQ_xrri", "teq"), "a stem ending like a condition still matches itself");
        Assert.AreEqual(DisagreementKind.None, DecoderCrossCheck.For(TestGuests.Of("arm")).Check(ArmMovR0R0).Kind);
    }

    [TestMethod]
    public void DifferenceLinesAreParsedStrictly()
    {
        var list = DifferenceList.Parse("""
            # comment
            capstone-only word=0xFC000000/0xBC000000,capstone=cache   privileged
            ours-only pattern=JR|JALR,word!=0x000003C0/0x0   hint bits
            """);
        Assert.HasCount(2, list.Entries);
        Assert.AreEqual("privileged", list.Entries[0].Reason);
        Assert.ThrowsExactly<FormatException>(() => DifferenceList.Parse("sometimes pattern=X reason"));
        Assert.ThrowsExactly<FormatException>(() => DifferenceList.Parse("any colour=red reason"));
        Assert.ThrowsExactly<FormatException>(() => DifferenceList.Parse("any word=0xZZ/0x1 reason"));
        Assert.ThrowsExactly<FormatException>(() => MnemonicTable.Parse("ADD\n", false));
    }

    [TestMethod]
    public void GlobsTakeStarsAndAlternatives()
    {
        Assert.IsTrue(Glob.Matches("c.*.s", "c.ngt.s"));
        Assert.IsTrue(Glob.Matches("sync|mult", "mult"));
        Assert.IsFalse(Glob.Matches("bz.*", "bnz.b"));
        Assert.IsTrue(Glob.Matches("LDR*", "LDRB_ri"));
    }
}
