using CrossEmu.Cli;

namespace CrossEmu.Conformance.Tests;

[TestClass]
public sealed class ArgumentTests
{
    static ConformanceRequest Parse(params string[] args) => ConformanceArguments.Parse(args, ConformanceSteps.All, CrossEmu.Guests.GuestIsas.Registry);

    [TestMethod]
    public void DefaultsRunEveryStepOnEveryIsa()
    {
        var r = Parse();
        CollectionAssert.AreEqual(new[] { "arm", "mips", "mipsel" }, r.Options!.Isas.Select(i => i.Name).ToArray());
        CollectionAssert.AreEqual(ConformanceSteps.All.ToArray(), r.Steps.ToArray());
        Assert.AreEqual(1UL, r.Options.Seed);
        Assert.IsNull(r.Options.JUnitPath);
    }

    [TestMethod]
    public void OptionsAreCarriedOver()
    {
        var r = Parse("--decoder", "--isa", "mipsel,arm", "--count", "5", "--seed", "9", "--junit", "out.xml", "--workdir", "/tmp/w");
        CollectionAssert.AreEqual(new[] { "mipsel", "arm" }, r.Options!.Isas.Select(i => i.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "decoder" }, r.Steps.Select(s => s.Name).ToArray());
        Assert.AreEqual(5, r.Options.Count);
        Assert.AreEqual(9UL, r.Options.Seed);
        Assert.AreEqual("out.xml", r.Options.JUnitPath);
        Assert.AreEqual("/tmp/w", r.Options.WorkDirectory);
    }

    [TestMethod]
    [DataRow(new[] { "--isa", "sparc" }, "unknown ISA 'sparc'")]
    [DataRow(new[] { "--count", "-1" }, "--count must not be negative")]
    [DataRow(new[] { "--count", "many" }, "bad value for --count")]
    [DataRow(new[] { "--bogus" }, "unknown option 'bogus'")]
    [DataRow(new[] { "--junit" }, "--junit needs a value")]
    [DataRow(new[] { "--seed", "--decoder" }, "--seed needs a value")]
    [DataRow(new[] { "--count" }, "--count needs a value")]
    [DataRow(new[] { "--workdir", "--junit", "x.xml" }, "--workdir needs a value")]
    public void BadArgumentsAreOneLineErrors(string[] args, string message)
    {
        var e = Assert.ThrowsExactly<ConformanceArgumentException>(() => Parse(args));
        StringAssert.Contains(e.Message, message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [TestMethod]
    public void AStepThisBuildLacksIsAnError()
    {
        var e = Assert.ThrowsExactly<ConformanceArgumentException>(
            () => ConformanceArguments.Parse(["--differential"], [new Decoder.DecoderStep()], CrossEmu.Guests.GuestIsas.Registry));
        StringAssert.Contains(e.Message, "differential step is not available");
    }

    [TestMethod]
    public void HelpIsNotAnError() =>
        Assert.IsNull(ConformanceArguments.Parse(["--help"], ConformanceSteps.All, CrossEmu.Guests.GuestIsas.Registry, TextWriter.Null).Options);
}
