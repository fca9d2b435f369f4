using CrossEmu.Frontends.Arm;
using CrossEmu.Frontends.Arm.A32;
using CrossEmu.Isa;
using CrossEmu.Isa.Guests;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Arm;

namespace CrossEmu.Conformance.Differential;

/// <summary>
/// A32 sequences. r15 never appears (no branches, no pc-relative forms); each sequence reserves a
/// base and an index register that only memory instructions use, so every access falls inside
/// the window. Offsets are kept small, and aligned where the access or a later one needs it.
/// </summary>
public sealed class ArmProfile(IGuestIsa isa) : IsaProfile(isa)
{
    const uint FlagBits = 0xf80f0000;   // N Z C V Q, GE[3:0]
    static readonly string[] RegisterFields = ["rd", "rn", "rm", "rs", "ra", "rdlo", "rdhi", "rt", "rt2"];
    static readonly HashSet<string> MemoryArgSets = ["ldst_ri", "ldst_rr", "ldm", "strex", "ldrex"];

    public override uint EndTrap => 0xe7f000f0;   // UDF #0
    /// <summary>The harness records r0-r15 in gdb's order: the descriptor's core registers.</summary>
    public override IReadOnlyList<string> RegisterNames { get; } = CoreRegisters(isa);
    public override IReadOnlyList<string> ExtraNames { get; } = ["cpsr"];
    public override uint ExtraCompareMask(int i) => FlagBits;
    protected override string ExclusionResource => "arm.excluded";
    protected override int FirstReservable => 0;
    protected override int LastReservable => 12;

    private protected override IEnumerable<PatternSpec> AllPatterns() =>
        PatternSpec.FromDecoder(typeof(A32Decoder), "a32").Concat(PatternSpec.FromDecoder(typeof(A32UncondDecoder), "a32uncond"));

    // Condition 0b1111 selects the unconditional table.
    private protected override bool TableAccepts(PatternSpec p, uint word) => (p.Table == "a32uncond") == (word >> 28 == 0xf);

    static bool IsMemory(PatternSpec p) =>
        MemoryArgSets.Contains(StructArgSet(p)) || p.Name.StartsWith("SWP") || p.Name.StartsWith("PL");

    // "A32_ldst_ri" style struct names: the decode file's argument-set name after the prefix.
    static string StructArgSet(PatternSpec p) => p.ArgSet[(p.ArgSet.IndexOf('_') + 1)..];

    internal override bool Constrain(PatternSpec p, ref uint word, SequenceContext s)
    {
        var r = s.Random;
        if (p.Table == "a32") word = word & 0x0fffffff | (uint)(r.Next(2) == 0 ? 14 : r.Next(15)) << 28;
        bool memory = IsMemory(p);
        foreach (var name in RegisterFields)
            if (p.Field(name) is { } f)
                word = f.Set(word, (uint)(memory && name == "rn" ? s.Base : memory && name == "rm" ? s.Index : FreeRegister(s)));
        if (p.Field("list") is { } list)
        {
            uint bits = (uint)r.Next(1, 1 << 15) & ~(1u << s.Base | 1u << s.Index);
            word = list.Set(word, bits == 0 ? 1u << FreeRegister(s) : bits);
        }
        if (!PairsValid(p, ref word, s) || !BitFieldValid(p, ref word, r)) return false;
        // MSR's x byte holds CPSR.E: big-endian data accesses are not modelled (as SETEND, excluded).
        if (p.Name is "MSR_reg" or "MSR_imm") word = p.Fields["mask"].Set(word, p.Fields["mask"].Get(word) & ~2u);
        if (memory)
        {
            s.MemoryOps++;
            LimitOffsets(p, ref word, r);
            if (!KeepsBaseAligned(p, word) || !ExclusiveSizesMatch(p, s)) return false;
        }
        return true;
    }

    int FreeRegister(SequenceContext s)
    {
        int reg;
        do reg = s.Random.Next(15); while (s.IsReserved(reg));
        return reg;
    }

    /// <summary>Register pairs and distinct-register rules whose violation is UNPREDICTABLE.</summary>
    static bool PairsValid(PatternSpec p, ref uint word, SequenceContext s)
    {
        var f = p.Fields;
        if (p.Name is "LDRD_ri" or "LDRD_rr" or "STRD_ri" or "STRD_rr" or "LDREXD" or "STREXD")
        {
            var rt = f["rt"];
            uint t = rt.Get(word) & ~1u;
            if (t == 14 || s.IsReserved((int)t) || s.IsReserved((int)t + 1)) return false;
            word = rt.Set(word, t);
        }
        if (f.TryGetValue("rdlo", out var lo) && f.TryGetValue("rdhi", out var hi) && lo.Get(word) == hi.Get(word)) return false;
        if (p.Name.StartsWith("STREX"))
        {
            uint d = f["rd"].Get(word), t = f["rt"].Get(word);
            if (d == t || (p.Name == "STREXD" && d == t + 1)) return false;
        }
        // LDRD with a register offset: the offset must not be one of the loaded pair (it is reserved anyway).
        return true;
    }

    static bool BitFieldValid(PatternSpec p, ref uint word, Random r)
    {
        if (p.Name is "BFI" or "BFC")
        {
            uint msb = p.Fields["msb"].Get(word), lsb = p.Fields["lsb"].Get(word);
            if (msb < lsb) word = p.Fields["lsb"].Set(p.Fields["msb"].Set(word, lsb), msb);
        }
        if (p.Name is "SBFX" or "UBFX")
        {
            uint lsb = p.Fields["lsb"].Get(word);
            word = p.Fields["widthm1"].Set(word, (uint)r.Next(32 - (int)lsb));
        }
        return true;
    }

    /// <summary>A store-exclusive of another size than the load-exclusive before it is UNPREDICTABLE
    /// (QEMU lets it succeed, CrossEmu fails it): a sequence only pairs equal sizes.</summary>
    static bool ExclusiveSizesMatch(PatternSpec p, SequenceContext s) => NextExclusiveSize(s.ExclusiveSize, p, 14) >= 0;

    static int ExclusiveSize(PatternSpec p) => p.Name[^1] switch { 'B' => 1, 'H' => 2, 'D' => 8, _ => 4 };

    /// <summary>The monitor's size after p (0: no load yet, -1: unknown, when a conditional load of
    /// another size may or may not have run); a store-exclusive the rule forbids gives int.MinValue.</summary>
    static int NextExclusiveSize(int size, PatternSpec p, uint cond)
    {
        if (p.Name.StartsWith("STREX")) return size == 0 || size == ExclusiveSize(p) ? size : int.MinValue;
        if (!p.Name.StartsWith("LDREX")) return size;
        int loaded = ExclusiveSize(p);
        return cond == 14 || p.Table != "a32" || size == 0 || size == loaded ? loaded : -1;
    }

    internal override void Accepted(PatternSpec p, uint word, SequenceContext s) =>
        s.ExclusiveSize = NextExclusiveSize(s.ExclusiveSize, p, word >> 28);

    /// <summary>Shrinking drops instructions: it keeps only candidates that still pair exclusive sizes.</summary>
    internal override bool SequenceValid(GeneratedSequence s)
    {
        int size = 0;
        foreach (uint word in s.Words)
            if (PatternOf(word) is { } p && (size = NextExclusiveSize(size, p, word >> 28)) == int.MinValue) return false;
        return true;
    }

    /// <summary>LDM/STM writeback of an odd number of registers would leave the base 4- but not 8-byte
    /// aligned, and a later doubleword exclusive through it would fault under CrossEmu (as the
    /// architecture says) but not under QEMU when its monitor check fails first.</summary>
    static bool KeepsBaseAligned(PatternSpec p, uint word) =>
        p.Field("list") is not { } list || p.Fields["w"].Get(word) == 0 || System.Numerics.BitOperations.PopCount(list.Get(word)) % 2 == 0;

    /// <summary>Small offsets keep every access in the window; writeback and doubleword or multiple
    /// accesses keep 8-byte alignment (so later doubleword accesses through the same base can be aligned too).</summary>
    static void LimitOffsets(PatternSpec p, ref uint word, Random r)
    {
        bool writeback = p.Field("w") is { } w && w.Get(word) == 1 || p.Field("p") is { } pre && pre.Get(word) == 0;
        bool aligned = writeback || p.Name.Contains("RD") || p.Name.Contains("EX") || p.Name.StartsWith("SWP");
        if (p.Field("imm") is { } imm)
        {
            uint v = imm.Get(word) & 0x3ff;
            word = imm.Set(word, aligned ? v & ~7u : v);
        }
        if (p.Field("shimm") is { } shimm) word = shimm.Set(word, (uint)r.Next(4));
        if (p.Field("shtype") is { } shtype) word = shtype.Set(word, 0);
    }

    internal override uint[] InitialState(SequenceContext s, uint window)
    {
        var r = s.Random;
        var init = new uint[16 + 1 + 2];
        for (int i = 0; i < 15; i++) init[i] = Interesting(r);
        init[s.Base] = BaseValue(r, window);
        init[s.Index] = (uint)(8 * r.Next(32));
        init[16] = (uint)r.NextInt64(0, 1L << 32) & FlagBits;
        // Each memory instruction moves at most 1023 + 63*4*8 bytes away (offset, index, writeback).
        SetCompareRange(init, s, 1024 + 2048 + 64);
        return init;
    }

    static string[] CoreRegisters(IGuestIsa isa) =>
        [.. isa.Registers.Registers.Where(r => r.Gdb is { Number: < 16 }).OrderBy(r => r.Gdb!.Number).Select(r => r.Name)];
}
