namespace CrossEmu.Isa.Generators.Tests;

/// <summary>.decode files that must compile to a decoder dispatching words to the right Trans method with the right fields.</summary>
[TestClass]
public sealed class DecodetreeDecodeTests
{
    private const string Header = "# @namespace Test.Decode\n# @name T\n";

    [TestMethod]
    public void InlineFieldsAreExtractedAndDispatched()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            &rrr   rd rn rm
            ADD    0000 0001 rd:4 rn:4 rm:4 ------------  &rrr
            SUB    0000 0010 rd:4 rn:4 rm:4 ------------  &rrr
            MOVI   0001 rd:4 imm:24
            """);

        Assert.AreEqual("True: ADD rd=1 rn=2 rm=3", probe.Decode(0x01123000));
        Assert.AreEqual("True: SUB rd=15 rn=0 rm=10", probe.Decode(0x02F0AFFF));
        Assert.AreEqual("True: MOVI rd=7 imm=11259375", probe.Decode(0x17ABCDEF));
    }

    [TestMethod]
    public void WordMatchingNothingReturnsFalseWithoutCalls()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            ADD    0000 0001 rd:4 rn:4 rm:4 ------------
            MOVI   0001 rd:4 imm:24
            """);

        Assert.AreEqual("False: ", probe.Decode(0x03000000));
        Assert.AreEqual("False: ", probe.Decode(0xF0000000));
    }

    [TestMethod]
    public void RejectedPatternOutsideGroupMakesDecodeReturnFalse()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            ADD    0000 0001 rd:4 --------------------
            """);
        probe.Reject.Add("ADD");

        Assert.AreEqual("False: ADD rd=4", probe.Decode(0x01400000));
    }

    [TestMethod]
    public void FileWithoutPatternsDecodesNothing()
    {
        var probe = DecodetreeHarness.Probe(Header + "&unused  a b\n");

        Assert.AreEqual("False: ", probe.Decode(0x12345678));
        Assert.IsEmpty(probe.Patterns);
    }

    [TestMethod]
    public void SignedFieldsAreSignExtended()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            %disp  0:s12
            B      1010 imm:s8 -------- ............   off=%disp
            """);

        Assert.AreEqual("True: B imm=-1 off=-1", probe.Decode(0xAFF00FFF));
        Assert.AreEqual("True: B imm=127 off=2047", probe.Decode(0xA7F007FF));
        Assert.AreEqual("True: B imm=-128 off=-2048", probe.Decode(0xA8000800));
    }

    [TestMethod]
    public void MultiSegmentFieldsConcatenateMostSignificantFirst()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            %imm16   16:4 0:12
            %simm    20:s1 0:4
            MOVW     0011 0000 ---- .... rd:4 ............   imm=%imm16
            NEG      0100 ---0 ---. ---- ---- -------- ....   v=%simm
            """);

        Assert.AreEqual("True: MOVW rd=2 imm=43981", probe.Decode(0x300A2BCD));
        // Sign comes from the first segment (bit 20); bits 3:0 sit below it.
        Assert.AreEqual("True: NEG v=-15", probe.Decode(0x40100001));
        Assert.AreEqual("True: NEG v=5", probe.Decode(0x40000005));
    }

    [TestMethod]
    public void FunctionTransformsAndParametersCallTheTranslator()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            %rot     8:4 !function=times_2
            %branch  0:s24 !function=times_4
            %s       !function=setflags
            @rot     .... .... .... .... rd:4 .... imm:8   rot=%rot %s
            MOVI     0011 1010 0000 0000 .... .... ........   @rot
            B        1010 ---- ........................        off=%branch
            """);
        probe.Function = (name, x) => name switch
        {
            "times_2" => x * 2,
            "times_4" => x * 4,
            "setflags" => 1,
            _ => throw new InvalidOperationException(name),
        };

        Assert.AreEqual("True: MOVI rd=5 imm=255 rot=30 s=1", probe.Decode(0x3A005FFF));
        Assert.AreEqual("True: B off=-4", probe.Decode(0xAFFFFFFF));
        StringAssert.Contains(probe.Source, "int times_2(int x);");
        StringAssert.Contains(probe.Source, "int setflags();");
    }

    [TestMethod]
    public void FormatsArgumentSetsConstantsAndRenamedFields()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            &s_rrr     s rd rn rm
            %reg_0     0:4
            @s_rrr     ---- ... .... s:1 rn:4 rd:4 ........ rm:4   &s_rrr
            @S_xrr     ---- ... .... .   rn:4 .... ........ rm:4   &s_rrr s=1 rd=0
            @rr_same   ---- ... .... .   .... rd:4 ........ ....   &s_rrr s=0 rn=%reg_0 rm=%reg_0
            AND        .... 000 0000 . .... .... 00000000 ....   @s_rrr
            CMP        .... 000 1010 1 .... 0000 00000000 ....   @S_xrr
            DUP        .... 000 1111 0 0000 .... 00000000 ....   @rr_same
            """);

        Assert.AreEqual("True: AND s=1 rd=3 rn=2 rm=4", probe.Decode(0xE0123004));
        Assert.AreEqual("True: CMP s=1 rd=0 rn=7 rm=9", probe.Decode(0xE1570009));
        Assert.AreEqual("True: DUP s=0 rd=6 rn=12 rm=12", probe.Decode(0xE1E0600C));
    }

    [TestMethod]
    public void OverlapGroupFallsThroughWhenTransReturnsFalse()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            {
              NOP     0011 0010 0000 1111 ---- 0000 0000 0000
              HINT    0011 0010 0000 1111 ---- imm:12
              MSR     0011 0010 mask:4 ---- ---- imm:12
            }
            """);

        Assert.AreEqual("True: NOP", probe.Decode(0x320F0000));
        probe.Reject.Add("NOP");
        Assert.AreEqual("True: NOP | HINT imm=0", probe.Decode(0x320F0000));
        probe.Reject.Add("HINT");
        Assert.AreEqual("True: NOP | HINT imm=0 | MSR mask=0 imm=0", probe.Decode(0x320F0000));
        probe.Reject.Add("MSR");
        Assert.AreEqual("False: NOP | HINT imm=0 | MSR mask=0 imm=0", probe.Decode(0x320F0000));
        // Words that only the later members match skip the earlier ones.
        Assert.AreEqual("False: MSR mask=1 imm=5", probe.Decode(0x32100005));
    }

    [TestMethod]
    public void NestedNoOverlapGroupInsideOverlapGroup()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            {
              [
                YIELD   0011 0010 0000 1111 ---- 0000 0000 0001
                WFE     0011 0010 0000 1111 ---- 0000 0000 0010
              ]
              NOP       0011 0010 0000 1111 ---- ---- ---- ----
            }
            OTHER       0111 ----------------------------
            """);

        Assert.AreEqual("True: YIELD", probe.Decode(0x320F0001));
        Assert.AreEqual("True: WFE", probe.Decode(0x320FF002));
        Assert.AreEqual("True: NOP", probe.Decode(0x320F0003));
        probe.Reject.Add("WFE");
        Assert.AreEqual("True: WFE | NOP", probe.Decode(0x320F0002));
        Assert.AreEqual("True: OTHER", probe.Decode(0x70000000));
    }

    [TestMethod]
    public void PatternsSharingANameShareOneTransMethod()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            &ldst   p w rn rt
            @p1w    ---- ...1 - . w:1 . rn:4 rt:4 ------------   &ldst p=1
            @pw0    ---- ...0 - . 0   . rn:4 rt:4 ------------   &ldst p=0 w=0
            STR     .... 010. . 0 . 0 .... .... ............     @p1w
            STR     .... 010. . 0 . 0 .... .... ............     @pw0
            """);

        Assert.AreEqual("True: STR p=1 w=1 rn=1 rt=2", probe.Decode(0xE5212000));
        Assert.AreEqual("True: STR p=0 w=0 rn=3 rt=4", probe.Decode(0xE4034000));
        Assert.AreEqual(1, CountOccurrences(probe.Source, "bool Trans_STR("));
    }

    [TestMethod]
    public void FieldsMayBeBuiltFromOtherFields()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            %sz_imm   10:2 sz:3
            OP        0000 sz:3 ------------- .. ----------   imm=%sz_imm
            """);

        // imm = bits 11:10, then the low 3 bits of sz below them.
        Assert.AreEqual("True: OP sz=5 imm=29", probe.Decode(0x0A000C00));
    }

    [TestMethod]
    public void SixteenBitWidth()
    {
        var probe = DecodetreeHarness.Probe("""
            # @namespace Test.Thumb
            # @name T16
            # @width 16
            %imm8_0x2   0:s8 !function=times_2
            {
              UDF     1101 1110 ---- ----
              SVC     1101 1111 imm:8
              BCOND   1101 cond:4 ........     imm=%imm8_0x2
            }
            MOVS      00100 rd:3 imm:8
            """);
        probe.Function = (_, x) => x * 2;

        Assert.AreEqual("True: SVC imm=18", probe.Decode(0xDF12));
        Assert.AreEqual("True: BCOND cond=1 imm=-2", probe.Decode(0xD1FF));
        Assert.AreEqual("True: MOVS rd=3 imm=66", probe.Decode(0x2342));
        probe.Reject.Add("UDF");
        Assert.AreEqual("True: UDF | BCOND cond=14 imm=4", probe.Decode(0xDE02));
        StringAssert.Contains(probe.Source, "public const int Width = 16;");
    }

    [TestMethod]
    public void CommentsContinuationsAndCSharpKeywordsAreHandled()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            # a comment line
            &mem   base offset      # trailing comment
            @mem   0001 \
                   base:4 offset:24 \
                   &mem
            LOAD   .... .... ........................  @mem
            """);

        Assert.AreEqual("True: LOAD base=2 offset=3", probe.Decode(0x12000003));
        StringAssert.Contains(probe.Source, "public int @base;");
    }

    [TestMethod]
    public void DecodeSwitchesOnFixedBitsInsteadOfScanning()
    {
        var lines = Enumerable.Range(0, 64).Select(i => "OP" + i + "  " + Convert.ToString(i, 2).PadLeft(6, '0') + " rd:5 imm:21");
        var probe = DecodetreeHarness.Probe(Header + string.Join("\n", lines));

        var decode = probe.Source[probe.Source.IndexOf("public static bool Decode(", StringComparison.Ordinal)..];
        decode = decode[..decode.IndexOf("return false;", StringComparison.Ordinal)];
        Assert.AreEqual(1, CountOccurrences(decode, "switch ("), decode);
        Assert.AreEqual(0, CountOccurrences(decode, "if ((insn"), decode);
        Assert.AreEqual("True: OP45 rd=3 imm=7", probe.Decode((45u << 26) | (3u << 21) | 7));
    }

    [TestMethod]
    public void DecodeAgreesWithFirstMatchingPatternOnRandomWords()
    {
        var probe = DecodetreeHarness.Probe(Header + """
            @rrr       ---- .... .... rn:4 rd:4 .... .... rm:4
            @rdamn     ---- .... .... rd:4 ra:4 rm:4 .... rn:4
            {
              [
                YIELD  ---- 0011 0010 0000 1111 ---- 0000 0001
                WFE    ---- 0011 0010 0000 1111 ---- 0000 0010
              ]
              NOP      ---- 0011 0010 0000 1111 ---- ---- ----
              MSRI     ---- 0011 0010 mask:4 1111 imm:12
            }
            QADD       .... 0001 0000 .... .... 0000 0101 ....   @rrr
            QSUB       .... 0001 0010 .... .... 0000 0101 ....   @rrr
            SMLABB     .... 0001 0000 .... .... .... 1000 ....   @rdamn
            CRC32B     .... 0001 0000 .... .... 0000 0100 ....   @rrr
            MUL        cond:4 0000 000 s:1 rd:4 0000 rm:4 1001 rn:4
            ADDI       cond:4 001 0100 s:1 rn:4 rd:4 imm:12
            SUBI       cond:4 001 0010 s:1 rn:4 rd:4 imm:12
            B          cond:4 1010 imm:s24
            BL         cond:4 1011 imm:s24
            UDF        1110 0111 1111 ---- ---- ---- 1111 ----
            SBFX       cond:4 0111 101 w:5 rd:4 lsb:5 101 rn:4
            """);
        var patterns = probe.Patterns
            .Select(p => (Name: Prop<string>(p, "Name"), Mask: Prop<uint>(p, "FixedMask"), Bits: Prop<uint>(p, "FixedBits")))
            .ToArray();
        var random = new Random(1234);
        int matched = 0;
        for (int i = 0; i < 20000; i++)
        {
            // Half the words start from a pattern's fixed bits so every pattern gets exercised.
            uint insn = (uint)random.NextInt64(0, 1L << 32);
            if (i % 2 == 0)
            {
                var p = patterns[random.Next(patterns.Length)];
                insn = (insn & ~p.Mask) | p.Bits;
            }
            string? expected = patterns.Where(p => (insn & p.Mask) == p.Bits).Select(p => p.Name).FirstOrDefault();
            string actual = probe.Decode(insn);
            if (expected == null)
                Assert.AreEqual("False: ", actual, $"0x{insn:X8}");
            else
            {
                matched++;
                string head = actual.Split(' ')[1];
                Assert.AreEqual("True: " + expected, actual[..6] + head, $"0x{insn:X8}: {actual}");
            }
        }
        Assert.IsTrue(matched > 10000, "too few matching words: " + matched);
    }

    internal static T Prop<T>(object o, string name) => (T)o.GetType().GetProperty(name)!.GetValue(o)!;

    private static int CountOccurrences(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }
}
