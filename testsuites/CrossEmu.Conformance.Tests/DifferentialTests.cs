using System.Buffers.Binary;
using CrossEmu.Conformance.Differential;

namespace CrossEmu.Conformance.Tests;

/// <summary>Differential execution: the generator's rules, the harness image and records, the comparison,
/// and a short run of each ISA against qemu-user in both tiers.</summary>
[TestClass]
public sealed class DifferentialTests
{
    [TestMethod]
    public void SplitFieldsRoundTrip()
    {
        var field = new FieldSpec("imm", [new FieldSegment(8, 4), new FieldSegment(0, 4)]);   // ARM imm8 = insn[11:8]:insn[3:0]
        uint word = field.Set(0xe1c000b0, 0xa5);
        Assert.AreEqual(0xe1c00ab5u, word);
        Assert.AreEqual(0xa5u, field.Get(word));
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    [DataRow("mipsel")]
    public void GeneratedCodeKeepsTheRulesAndIsReproducible(string name)
    {
        var isa = TestGuests.Of(name).CreateDifferentialProfile();
        var first = Generate(isa, 7);
        var again = Generate(isa, 7);
        CollectionAssert.AreEqual(first.SelectMany(s => s.Words).ToList(), again.SelectMany(s => s.Words).ToList(), "same seed, same code");
        var frontend = isa.CreateFrontend();
        foreach (var s in first)
        {
            Assert.IsTrue(s.Words.Length is >= 1 and <= SequenceGenerator.MaxLength);
            for (int i = 0; i < s.Words.Length; i++)
            {
                var p = isa.PatternOf(s.Words[i]);
                Assert.IsNotNull(p);
                Assert.AreEqual(s.Patterns[i], p.Name);
                Assert.IsFalse(isa.Excluded.ContainsKey(p.Name), $"{p.Name} is excluded");
                Assert.IsTrue(isa.FrontendAccepts(frontend, s.Words[i]), $"0x{s.Words[i]:x8} is undefined for us");
            }
        }
        Assert.IsTrue(first.SelectMany(s => s.Patterns).Distinct().Count() > 50, "the draws spread over the table");
    }

    [TestMethod]
    public void ArmSequencesNeverNameThePcOrWriteTheReservedRegisters()
    {
        var isa = TestGuests.Of("arm").CreateDifferentialProfile();
        var r = new Random(3);
        for (int n = 0; n < 2000; n++)
        {
            var context = isa.NewContext(r);
            var p = isa.Patterns[r.Next(isa.Patterns.Count)];
            uint word = p.FixedBits | (uint)r.NextInt64(0, 1L << 32) & ~p.FixedMask;
            if (!isa.Constrain(p, ref word, context)) continue;
            foreach (var f in new[] { "rd", "rt", "rt2", "rdlo", "rdhi", "ra", "rs" })
                if (p.Field(f) is { } field)
                {
                    Assert.AreNotEqual(15u, field.Get(word), $"{p.Name} {f}");
                    Assert.IsFalse(context.IsReserved((int)field.Get(word)), $"{p.Name} {f} names a reserved register");
                }
            if (p.Field("list") is { } list)
                Assert.AreEqual(0u, list.Get(word) & (1u << 15 | 1u << context.Base | 1u << context.Index), $"{p.Name} list");
        }
    }

    static List<GeneratedSequence> Generate(IsaProfile isa, int seed)
    {
        var generator = new SequenceGenerator(isa, 0x40000);
        var r = new Random(seed);
        return Enumerable.Range(0, 300).Select(_ => generator.Next(r)).ToList();
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void RecordsParseInEitherByteOrder(bool bigEndian)
    {
        var words = new List<uint> { HarnessImage.RecordMagic, 3, 11, 1, 0x1234, 0x10000 };
        words.AddRange(Enumerable.Range(0, 16).Select(i => (uint)i));   // ARM registers
        words.Add(0x80000010);                                              // CPSR
        words.AddRange([2, 0x8000, 0xdeadbeef, 0x8004, 7]);                // two changed window words
        var bytes = new byte[words.Count * 4];
        for (int i = 0; i < words.Count; i++)
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 * i), words[i]);
            else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), words[i]);
        var records = HarnessRecord.ReadAll([.. bytes, 1, 2], bigEndian, 16, 1);   // a torn tail is ignored
        Assert.HasCount(1, records);
        var r = records[0];
        Assert.AreEqual((3, 11u, 1u, 0x1234u, 0x10000u), (r.Index, r.Signal, r.Code, r.Address, r.Pc));
        Assert.AreEqual(15u, r.Regs[15]);
        Assert.AreEqual(0x80000010u, r.Extra[0]);
        Assert.AreEqual(0xdeadbeefu, r.Changed[0x8000]);
        Assert.AreEqual(7u, r.Changed[0x8004]);
    }

    [TestMethod]
    public void ComparisonSeesFlagsRegistersAndMemoryButNotTheCpsrMode()
    {
        var isa = TestGuests.Of("arm").CreateDifferentialProfile();
        HarnessRecord Record(uint cpsr, uint r3, uint memory) =>
            new(0, 0, 0, 0, 0x10000, [0, 0, 0, r3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10000], [cpsr], new SortedDictionary<uint, uint> { [0x8000] = memory });
        var reference = Record(0x60000010, 5, 1);
        Assert.HasCount(0, StateComparison.Differences(isa, reference, Record(0x600001d3, 5, 1)), "mode, A/I/F and E bits are not compared");
        var d = StateComparison.Differences(isa, reference, Record(0x20000010, 6, 2));
        CollectionAssert.AreEqual(new[] { "r3: 0x00000005 vs 0x00000006", "cpsr: 0x60000010 vs 0x20000010", "window+0x8000: 0x00000001 vs 0x00000002" }, d);
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    [DataRow("mipsel")]
    public void ShortRunMatchesQemuInBothTiers(string isa)
    {
        var step = new DifferentialStep();
        var result = step.Run(TestGuests.Of(isa), new ConformanceOptions { Isas = [TestGuests.Of(isa)], Count = 400, Seed = 11 },
            _ => { }, CancellationToken.None);
        if (result.SkippedReason != null) Assert.Inconclusive(result.SkippedReason);
        Assert.AreEqual(0, result.Failures, string.Join("\n\n", result.Cases.SelectMany(c => c.Failures).Take(3)));
        Assert.IsGreaterThanOrEqualTo(400 * 2, result.Checked, "a check per instruction of every sequence");
        StringAssert.Contains(string.Join("\n", result.Notes), "reached their end");
        StringAssert.Matches(string.Join("\n", result.Notes), new System.Text.RegularExpressions.Regex(@"compiled tier [1-9][\d,]* compiled entries"));
    }
}
