using Microsoft.CodeAnalysis;

namespace CrossEmu.Isa.Generators.Tests;

/// <summary>.decode files that must fail with a clear CEDT diagnostic at the right place.</summary>
[TestClass]
public sealed class DecodetreeDiagnosticTests
{
    // Two header lines: the definitions below start at line 3.
    private const string Header = "# @namespace Test.Bad\n# @name T\n";

    [TestMethod]
    public void OverlapOutsideGroupNamesBothPatternsAndLines()
    {
        var run = DecodetreeHarness.Run(("isa/bad.decode", Header + """
            ADD   0000 0001 rd:4 --------------------
            ANY   0000 ---- rd:4 --------------------
            """));

        var d = Single(run, "CEDT004");
        StringAssert.Contains(d.GetMessage(), "'ADD' (line 3)");
        StringAssert.Contains(d.GetMessage(), "'ANY' (line 4)");
        Assert.AreEqual("isa/bad.decode", d.Location.GetLineSpan().Path);
        Assert.AreEqual(4, Line(d));
        Assert.AreEqual(3, d.AdditionalLocations.Single().GetLineSpan().StartLinePosition.Line + 1);
        Assert.AreEqual(0, run.Sources.Length, "no code is generated from a broken file");
    }

    [TestMethod]
    public void SameOverlapInsideBracesIsAccepted()
    {
        var run = DecodetreeHarness.Run(("ok.decode", Header + """
            {
              ADD   0000 0001 rd:4 --------------------
              ANY   0000 ---- rd:4 --------------------
            }
            """));

        Assert.AreEqual(0, run.Diagnostics.Length, run.DiagnosticText);
        Assert.AreEqual(1, run.Sources.Length);
    }

    [TestMethod]
    public void OverlapInsideNoOverlapGroupIsReported()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + """
            {
              [
                ONE   0000 0001 rd:4 --------------------
                TWO   0000 000- rd:4 --------------------
              ]
              ANY     0000 ---- rd:4 --------------------
            }
            """));

        var d = Single(run, "CEDT004");
        StringAssert.Contains(d.GetMessage(), "'ONE' (line 5)");
        StringAssert.Contains(d.GetMessage(), "'TWO' (line 6)");
    }

    [TestMethod]
    public void FieldOutsideInstructionWidth()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + """
            %wide   30:4
            OP      0000 ---- ------------ ------------   x=%wide
            """));

        var d = Single(run, "CEDT005");
        StringAssert.Contains(d.GetMessage(), "30:4");
        Assert.AreEqual(3, Line(d));
        Assert.AreEqual(8, d.Location.GetLineSpan().StartLinePosition.Character, "points at the segment");
    }

    [TestMethod]
    public void InlineFieldPastSixteenBitWidth()
    {
        var run = DecodetreeHarness.Run(("bad.decode", "# @namespace Test.Bad\n# @name T\n# @width 16\nOP  0000 imm:20\n"));

        var d = Single(run, "CEDT005");
        StringAssert.Contains(d.GetMessage(), "imm:20");
        Assert.AreEqual(4, Line(d));
    }

    [TestMethod]
    public void UnknownFormat()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + "OP  0000 ---- ------------ ------------   @nope\n"));

        var d = Single(run, "CEDT003");
        Assert.AreEqual("Undefined format '@nope'", d.GetMessage());
        Assert.AreEqual(3, Line(d));
    }

    [TestMethod]
    public void UnknownField()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + "OP  0000 ---- ------------ ------------   imm=%nope\n"));

        var d = Single(run, "CEDT003");
        Assert.AreEqual("Undefined field '%nope'", d.GetMessage());
    }

    [TestMethod]
    public void UnknownArgumentSet()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + "OP  0000 ---- ------------ ------------   &nope\n"));

        Assert.AreEqual("Undefined argument set '&nope'", Single(run, "CEDT003").GetMessage());
    }

    [TestMethod]
    public void PatternWithWrongBitCount()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + """
            SHORT   0000 ---- ------------ -----------
            """));

        var d = Single(run, "CEDT006");
        Assert.AreEqual("'SHORT' has 31 bits but the instruction width is 32", d.GetMessage());
        Assert.AreEqual(3, Line(d));
    }

    [TestMethod]
    public void FormatWithWrongBitCount()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + "@fmt   rd:4 ----\n"));

        StringAssert.Contains(Single(run, "CEDT006").GetMessage(), "'@fmt' has 8 bits");
    }

    [TestMethod]
    public void DuplicateFieldFormatAndArgumentSetNames()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + """
            %f      0:4
            %f      4:4
            &a      x
            &a      y
            @fmt    ---- ---- ------------ ------------
            @fmt    ---- ---- ------------ ------------
            """));

        var dups = run.Diagnostics.Where(d => d.Id == "CEDT007").ToList();
        Assert.HasCount(3, dups, run.DiagnosticText);
        CollectionAssert.AreEqual(new[] { 4, 6, 8 }, dups.Select(Line).ToArray());
        StringAssert.Contains(dups[0].GetMessage(), "already defined at line 3");
    }

    [TestMethod]
    public void PatternNameReusedWithAnotherArgumentSet()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + """
            &one   rd
            &two   rn
            OP     0000 0001 rd:4 --------------------   &one
            OP     0000 0010 rn:4 --------------------   &two
            """));

        var d = Single(run, "CEDT007");
        StringAssert.Contains(d.GetMessage(), "Pattern OP is also defined at line 5");
        Assert.AreEqual(6, Line(d));
    }

    [TestMethod]
    public void FieldAssignedTwice()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + """
            %r     0:4
            OP     0000 rd:4 ------------------------   rd=%r
            """));

        Assert.AreEqual("Field 'rd' is assigned more than once in 'OP'", Single(run, "CEDT008").GetMessage());
    }

    [TestMethod]
    public void FieldSetByFormatAndPattern()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + """
            @fmt   .... rd:4 ------------------------
            OP     0000 .... ------------------------   @fmt rd=3
            """));

        StringAssert.Contains(Single(run, "CEDT008").GetMessage(), "'rd'");
    }

    [TestMethod]
    public void FieldsMustMatchTheArgumentSet()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + """
            &rr    rd rm
            OP     0000 rd:4 rn:4 -------------------- &rr
            """));

        var messages = run.Diagnostics.Where(d => d.Id == "CEDT009").Select(d => d.GetMessage()).ToList();
        Assert.HasCount(2, messages, run.DiagnosticText);
        Assert.IsTrue(messages.Any(m => m.Contains("Field 'rn' of pattern OP is not in argument set &rr")), string.Join("\n", messages));
        Assert.IsTrue(messages.Any(m => m.Contains("does not set argument 'rm' of &rr")), string.Join("\n", messages));
    }

    [TestMethod]
    public void FieldsReferringToEachOtherInALoop()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + """
            %fa    0:2 b:2
            %fb    2:2 a:2
            OP     0000 ---- ---------------- ---- ....   a=%fa b=%fb
            """));

        StringAssert.Contains(Single(run, "CEDT011").GetMessage(), "Fields of 'OP' refer to each other in a loop: a, b");
    }

    [TestMethod]
    public void FieldReferringToAMissingField()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + """
            %f     0:2 sz:2
            OP     0000 ---- ---------------- ---- --..   x=%f
            """));

        Assert.AreEqual("Undefined field 'sz', read by argument 'x' of pattern OP", Single(run, "CEDT003").GetMessage());
    }

    [TestMethod]
    public void UncoveredDotBitsAreReported()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + "OP   0000 .... ------------ ------------\n"));

        StringAssert.Contains(Single(run, "CEDT010").GetMessage(), "leaves bits 0x0F000000 unspecified");
    }

    [TestMethod]
    public void MissingHeaders()
    {
        var run = DecodetreeHarness.Run(("bad.decode", "OP   0000 ---- ------------ ------------\n"));

        var headers = run.Diagnostics.Where(d => d.Id == "CEDT002").Select(d => d.GetMessage()).ToList();
        Assert.HasCount(2, headers, run.DiagnosticText);
        Assert.IsTrue(headers.Any(m => m.Contains("@namespace")));
        Assert.IsTrue(headers.Any(m => m.Contains("@name")));
    }

    [TestMethod]
    public void BadWidthHeader()
    {
        var run = DecodetreeHarness.Run(("bad.decode", "# @namespace A\n# @name B\n# @width 24\n"));

        StringAssert.Contains(Single(run, "CEDT002").GetMessage(), "must be 16 or 32");
    }

    [TestMethod]
    public void SyntaxErrors()
    {
        var run = DecodetreeHarness.Run(("bad.decode", Header + """
            OP     0000 ---- ------------ ----------?-
            {
              NOP  0000 0000 ------------ ------------
            ]
            """));

        var syntax = run.Diagnostics.Where(d => d.Id == "CEDT001").ToList();
        Assert.IsTrue(syntax.Any(d => Line(d) == 3 && d.GetMessage().Contains("Invalid token '----------?-'")), run.DiagnosticText);
        Assert.IsTrue(syntax.Any(d => Line(d) == 6 && d.GetMessage().Contains("does not match the '{' opened at line 4")), run.DiagnosticText);
        Assert.IsTrue(syntax.Any(d => Line(d) == 4 && d.GetMessage().Contains("never closed")), run.DiagnosticText);
    }

    [TestMethod]
    public void TwoFilesMayNotGenerateTheSameDecoder()
    {
        string text = Header + "OP   0000 ---- ------------ ------------\n";
        var run = DecodetreeHarness.Run(("a.decode", text), ("b.decode", text));

        var d = Single(run, "CEDT007");
        Assert.AreEqual("b.decode", d.Location.GetLineSpan().Path);
        StringAssert.Contains(d.GetMessage(), "already generated from a.decode");
        Assert.AreEqual(1, run.Sources.Length);
    }

    [TestMethod]
    public void FilesNotEndingInDecodeAreIgnored()
    {
        var run = DecodetreeHarness.Run(("notes.txt", "this is not a decode file"), ("Opcodes.def", "x"));

        Assert.AreEqual(0, run.Diagnostics.Length, run.DiagnosticText);
        Assert.AreEqual(0, run.Sources.Length);
    }

    private static Diagnostic Single(DecodetreeRun run, string id)
    {
        Assert.HasCount(1, run.Diagnostics, "expected exactly one diagnostic:\n" + run.DiagnosticText);
        var d = run.Diagnostics[0];
        Assert.AreEqual(id, d.Id, run.DiagnosticText);
        Assert.AreEqual(DiagnosticSeverity.Error, d.Severity);
        return d;
    }

    private static int Line(Diagnostic d) => d.Location.GetLineSpan().StartLinePosition.Line + 1;
}
