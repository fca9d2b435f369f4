using System.Reflection;
using CrossEmu.Isa.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CrossEmu.Isa.Generators.Tests;

/// <summary>
/// The generated API as frontends write against it: a hand-written translator must compile
/// against the exact type and member names, and the Patterns table must describe each pattern.
/// </summary>
[TestClass]
public sealed class DecodetreeApiTests
{
    private const string Decode = """
        # @namespace Test.Api
        # @name A32
        %imm16      16:4 0:12
        %rot        8:4 !function=times_2
        &s_rrr_shi  s rd rn rm shim shty
        @s_rrr_shi  ---- ... .... s:1 rn:4 rd:4 shim:5 shty:2 . rm:4   &s_rrr_shi
        ADD_rrri    .... 000 0100 . .... .... ..... .. 0 ....          @s_rrr_shi
        MOVW        ---- 0011 0000 .... rd:4 ............               imm=%imm16
        {
          ERET      ---- 0001 0110 0000 0000 0000 0110 1110
          MOVR      ---- 0001 0110 ---- rd:4 .... imm:s8                rot=%rot
        }
        """;

    // Written the way a lifter is: if a name or signature of the generated API changes, this stops compiling.
    private const string Lifter = """
        using System.Linq;
        using Test.Api;

        public sealed class Lifter : IA32Translator
        {
            public string Last = "";
            public bool Trans_ADD_rrri(ref A32Arg_s_rrr_shi a) { Last = $"ADD s={a.s} rd={a.rd} rn={a.rn} rm={a.rm} shim={a.shim} shty={a.shty}"; return true; }
            public bool Trans_MOVW(ref A32Arg_MOVW a) { Last = $"MOVW rd={a.rd} imm={a.imm}"; return true; }
            public bool Trans_ERET(ref A32Arg_ERET a) { Last = "ERET"; return false; }
            public bool Trans_MOVR(ref A32Arg_MOVR a) { Last += $" MOVR rd={a.rd} imm={a.imm} rot={a.rot}"; return true; }
            public int times_2(int x) => x * 2;
        }

        public static class Check
        {
            public static string Run(uint insn)
            {
                var lifter = new Lifter();
                bool ok = A32Decoder.Decode(lifter, insn);
                return ok + " " + lifter.Last.Trim();
            }

            public static int Width => A32Decoder.Width;

            public static string[] Table => A32Decoder.Patterns.Select(p =>
                $"{p.Name} {p.FixedMask:X8} {p.FixedBits:X8} {p.Line} {p.ArgSet} {p.FieldMask:X8} {p.IgnoredMask:X8} {p.InOverlapGroup} " +
                string.Join(" ", p.Fields.Select(Field))).ToArray();

            private static string Field(A32FieldInfo f) =>
                f.Name + "=" + (f.Constant?.ToString() ?? "") + (f.Function ?? "") + "[" +
                string.Join(",", f.Segments.Select(s => $"{s.Pos}:{(s.Signed ? "s" : "")}{s.Len}{s.FieldRef}")) + "]";
        }
        """;

    [TestMethod]
    public void HandWrittenTranslatorCompilesAgainstTheGeneratedApi()
    {
        var check = LoadCheck();

        Assert.AreEqual("True ADD s=1 rd=3 rn=2 rm=4 shim=31 shty=2", Run(check, 0xE0923FC4));
        Assert.AreEqual("True MOVW rd=2 imm=43981", Run(check, 0xE30A2BCD));
        // ERET declines, the { } group moves on to MOVR, whose imm is signed and rot doubled.
        Assert.AreEqual("True ERET MOVR rd=0 imm=110 rot=0", Run(check, 0xE160006E));
        Assert.AreEqual("True MOVR rd=5 imm=-1 rot=6", Run(check, 0xE16F53FF));
        Assert.AreEqual("False ", Run(check, 0xE7000000));
        Assert.AreEqual(32, (int)check.GetProperty("Width")!.GetValue(null)!);
    }

    [TestMethod]
    public void PatternsTableDescribesEveryPattern()
    {
        var table = (string[])LoadCheck().GetProperty("Table")!.GetValue(null)!;

        CollectionAssert.AreEqual(new[]
        {
            "ADD_rrri 0FE00010 00800000 7 A32Arg_s_rrr_shi 001FFFEF F0000000 False " +
                "s=[20:1] rd=[12:4] rn=[16:4] rm=[0:4] shim=[7:5] shty=[5:2]",
            "MOVW 0FF00000 03000000 8 A32Arg_MOVW 000FFFFF F0000000 False rd=[12:4] imm=[16:4,0:12]",
            "ERET 0FFFFFFF 0160006E 10 A32Arg_ERET 00000000 F0000000 True ",
            "MOVR 0FF00000 01600000 11 A32Arg_MOVR 0000FFFF F00F0000 True rd=[12:4] imm=[0:s8] rot=times_2[8:4]",
        }, table, string.Join("\n", table));
    }

    [TestMethod]
    public void UnrelatedEditsReuseTheCachedOutput()
    {
        var compilation = CSharpCompilation.Create("Incremental", [CSharpSyntaxTree.ParseText("class A {}")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new DecodetreeGenerator().AsSourceGenerator()],
            [new DecodetreeAdditionalText("a32.decode", Decode)],
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        driver = driver.RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B {}")));

        var result = driver.GetRunResult().Results.Single();
        var reasons = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.IsNotEmpty(reasons);
        Assert.IsTrue(reasons.All(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), string.Join(", ", reasons));
        Assert.HasCount(1, result.GeneratedSources);
    }

    private static Type LoadCheck()
    {
        var run = DecodetreeHarness.Run([("a32.decode", Decode)], [Lifter]);
        Assert.AreEqual(0, run.Diagnostics.Length, run.DiagnosticText);
        return DecodetreeHarness.Load(run.Output).GetType("Check", throwOnError: true)!;
    }

    private static string Run(Type check, uint insn) =>
        (string)check.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [insn])!;
}
