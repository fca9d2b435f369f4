using CrossEmu.Frontends.Mips;
using CrossEmu.Frontends.Mips.Fpu;
using CrossEmu.Frontends.Mips.Mips32;
using CrossEmu.Isa;
using CrossEmu.Isa.Guests;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Mips;

namespace CrossEmu.Conformance.Differential;

/// <summary>
/// MIPS32 sequences (integer and FPU, either byte order). Each sequence reserves a base and an
/// index register that only memory instructions use, with offsets inside the window; other GPR
/// fields take any register but those two ($0 included). Trap codes are 0 (qemu ignores the
/// code Linux uses to pick SIGFPE for codes 6 and 7).
/// </summary>
public sealed class MipsProfile(IGuestIsa isa) : IsaProfile(isa)
{
    static readonly string[] GprFields = ["rs", "rt", "rd", "base", "index"];
    static readonly HashSet<string> MemoryPatterns =
        ["LB", "LH", "LWL", "LW", "LBU", "LHU", "LWR", "SB", "SH", "SWL", "SW", "SWR", "LL", "SC", "PREF", "SYNCI",
         "LWC1", "LDC1", "SWC1", "SDC1", "LWXC1", "LDXC1", "SWXC1", "SDXC1", "PREFX"];
    public override uint EndTrap => 0x0000003f;   // SPECIAL function 0x3f: reserved on MIPS32
    /// <summary>The harness records the 32 GPRs in order: the descriptor's first 32 registers (gdb 0-31).</summary>
    public override IReadOnlyList<string> RegisterNames { get; } =
        [.. isa.Registers.Registers.Where(r => r.Gdb is { Number: < 32 }).OrderBy(r => r.Gdb!.Number).Select(r => r.Name)];
    public override IReadOnlyList<string> ExtraNames { get; } =
        ["hi", "lo", .. Enumerable.Range(0, 32).Select(i => $"f{i}"), "fcsr"];
    protected override string ExclusionResource => "mips.excluded";
    protected override int FirstReservable => 1;
    protected override int LastReservable => 31;

    private protected override IEnumerable<PatternSpec> AllPatterns() =>
        PatternSpec.FromDecoder(typeof(Mips32Decoder), "mips32").Concat(PatternSpec.FromDecoder(typeof(MipsFpuDecoder), "fpu"));

    // The lifter routes COP1, COP1X, the FPU loads and stores and MOVCI to the FPU table.
    private protected override bool TableAccepts(PatternSpec p, uint word) => (p.Table == "fpu") == MipsOpcodeSpace.IsFpuWord(word);


    internal override bool Constrain(PatternSpec p, ref uint word, SequenceContext s)
    {
        var r = s.Random;
        bool memory = MemoryPatterns.Contains(p.Name);
        foreach (var name in GprFields)
            if (p.Field(name) is { } f)
                word = f.Set(word, (uint)(memory && name is "rs" or "base" ? s.Base : memory && name == "index" ? s.Index : FreeRegister(s)));
        if (memory)
        {
            s.MemoryOps++;
            // Mostly aligned (a misaligned access ends the sequence with SIGBUS), sometimes not.
            int displacement = 8 * r.Next(-128, 128) + (r.Next(5) == 0 ? r.Next(8) : 0);
            if ((p.Field("imm") ?? p.Field("offset")) is { } offset) word = offset.Set(word, (uint)displacement);
        }
        if (IsTrap(p))
        {
            // A trap that fires ends the sequence: draw them less often than other patterns.
            if (r.Next(4) != 0) return false;
            if (p.Field("code") is { } code) word = code.Set(word, 0);
        }
        return true;
    }

    static bool IsTrap(PatternSpec p) => p.Name is "TEQ" or "TNE" or "TGE" or "TGEU" or "TLT" or "TLTU"
        or "TEQI" or "TNEI" or "TGEI" or "TGEIU" or "TLTI" or "TLTIU";

    int FreeRegister(SequenceContext s)
    {
        int reg;
        do reg = s.Random.Next(32); while (s.IsReserved(reg));
        return reg;
    }

    internal override uint[] InitialState(SequenceContext s, uint window)
    {
        var r = s.Random;
        var init = new uint[32 + 35 + 2];
        for (int i = 1; i < 32; i++) init[i] = Interesting(r);
        init[s.Base] = BaseValue(r, window);
        init[s.Index] = (uint)(8 * r.Next(64));
        init[32] = Interesting(r);
        init[33] = Interesting(r);
        for (int i = 0; i < 32; i += 2) (init[34 + i], init[35 + i]) = FloatPair(r);
        init[66] = Fcsr(r);
        SetCompareRange(init, s, 1024 + 512 + 8);
        return init;
    }

    /// <summary>An even/odd FPR pair: a double, two singles, or raw bits, often special values.</summary>
    static (uint even, uint odd) FloatPair(Random r)
    {
        switch (r.Next(3))
        {
            case 0:
                ulong d = r.Next(8) switch
                {
                    0 => 0, 1 => 0x8000000000000000, 2 => 0x7ff0000000000000, 3 => 0x7ff7ffffffffffff,
                    4 => 0x0000000000000001, 5 => BitConverter.DoubleToUInt64Bits(r.Next(-1000, 1000) / 8.0),
                    6 => BitConverter.DoubleToUInt64Bits(Math.ScaleB(r.NextDouble(), r.Next(-1100, 1100))),
                    _ => (ulong)r.NextInt64(),
                };
                return ((uint)d, (uint)(d >> 32));
            case 1:
                return (Single(r), Single(r));
            default:
                return ((uint)r.NextInt64(0, 1L << 32), (uint)r.NextInt64(0, 1L << 32));
        }
    }

    static uint Single(Random r) => r.Next(8) switch
    {
        0 => 0, 1 => 0x80000000, 2 => 0x7f800000, 3 => 0x7fbfffff, 4 => 1,
        5 => BitConverter.SingleToUInt32Bits(r.Next(-1000, 1000) / 8f),
        6 => BitConverter.SingleToUInt32Bits(MathF.ScaleB(r.NextSingle(), r.Next(-150, 150))),
        _ => (uint)r.NextInt64(0, 1L << 32),
    };

    /// <summary>Any rounding mode and sticky flags; exceptions enabled now and then; no cause bits
    /// (with an enable they would trap at once).</summary>
    static uint Fcsr(Random r)
    {
        uint v = (uint)r.Next(4) | (uint)r.Next(32) << 2;
        if (r.Next(8) == 0) v |= (uint)r.Next(32) << 7;
        return v;
    }
}
