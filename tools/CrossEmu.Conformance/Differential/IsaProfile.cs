using System.Reflection;
using CrossEmu.Isa;
using CrossEmu.Isa.Guests;
using CrossEmu.Conformance.Decoder;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Strace;

namespace CrossEmu.Conformance.Differential;

/// <summary>
/// What differential execution needs to know of one guest ISA: its harness, the qemu-user that
/// runs it, the layout of the harness's state records, and how to make random sequences of
/// valid, predictable, non-branch instructions from its decode tables.
/// </summary>
public abstract class IsaProfile(IGuestIsa isa)
{
    public IGuestIsa Isa => isa;
    public string Name => isa.Name;
    public bool BigEndian => isa.BigEndian;
    public string QemuCommand => isa.ReferenceQemu;
    /// <summary>The Linux ABI the harness runs under: its signal numbers are the records'.</summary>
    public LinuxAbi Abi => (isa as ILinuxGuest ?? throw new InvalidOperationException($"{isa.Name} has no Linux ABI to run the harness")).LinuxAbi;

    /// <summary>"SIGBUS (10)" for a record's guest signal number; "none (reached the end)" for 0.</summary>
    public string SignalName(uint signal) =>
        signal == 0 ? "none (reached the end)" : $"{GuestNames.Of(Abi).Signal((int)signal)} ({signal})";

    /// <summary>The harness's start and end trap (an undefined instruction).</summary>
    public abstract uint EndTrap { get; }
    /// <summary>Names of the record's general registers and extra words (harness NREGS, NEXTRA).</summary>
    public abstract IReadOnlyList<string> RegisterNames { get; }
    public abstract IReadOnlyList<string> ExtraNames { get; }
    public IGuestFrontend CreateFrontend() => isa.CreateFrontend();
    public IGuestDisassembler CreateDisassembler() => isa.CreateDisassembler();

    /// <summary>The bits of extra word i the comparison looks at (ARM: the CPSR's flags).</summary>
    public virtual uint ExtraCompareMask(int i) => ~0u;

    /// <summary>Patterns the generator draws from: every pattern of the tables except the excluded ones.</summary>
    internal IReadOnlyList<PatternSpec> Patterns => patterns ??= LoadPatterns();
    IReadOnlyList<PatternSpec>? patterns;

    /// <summary>Pattern name to the reason it is never generated (differential/ISA.excluded).</summary>
    public IReadOnlyDictionary<string, string> Excluded => excluded ??= ExclusionFile.Load(ExclusionResource);
    IReadOnlyDictionary<string, string>? excluded;

    protected abstract string ExclusionResource { get; }
    private protected abstract IEnumerable<PatternSpec> AllPatterns();

    List<PatternSpec> LoadPatterns()
    {
        var all = AllPatterns().ToList();
        foreach (var name in Excluded.Keys)
            if (!all.Any(p => p.Name == name)) throw new InvalidDataException($"{ExclusionResource}: no pattern named {name}");
        return all.Where(p => !Excluded.ContainsKey(p.Name)).ToList();
    }

    /// <summary>Makes pattern p's word satisfy the ISA's rules for generated code (registers it may
    /// write, addressing inside the window, no UNPREDICTABLE forms); false rejects the draw.</summary>
    internal abstract bool Constrain(PatternSpec p, ref uint word, SequenceContext s);

    /// <summary>A new sequence's reserved registers: a base and an index, never written by its other instructions.</summary>
    internal SequenceContext NewContext(Random r)
    {
        int b = r.Next(FirstReservable, LastReservable + 1), x;
        do x = r.Next(FirstReservable, LastReservable + 1); while (x == b);
        return new SequenceContext(r, b, x);
    }

    protected abstract int FirstReservable { get; }
    protected abstract int LastReservable { get; }

    /// <summary>Called for each word the generator keeps (Constrain may run for words it then drops).</summary>
    internal virtual void Accepted(PatternSpec p, uint word, SequenceContext s) { }

    /// <summary>Whether a sequence (one the shrinker made) still keeps the rules that span instructions.</summary>
    internal virtual bool SequenceValid(GeneratedSequence s) => true;

    /// <summary>The harness struct init for a sequence: registers, extra words, then the window range to compare.</summary>
    internal abstract uint[] InitialState(SequenceContext s, uint window);

    const int WindowMiddle = HarnessImage.WindowBytes / 2;

    /// <summary>Where a sequence's base register starts: near the middle of the window, 8-byte aligned.</summary>
    private protected static uint BaseValue(Random r, uint window) => window + (uint)(WindowMiddle + 8 * r.Next(-32, 32));

    /// <summary>Ends init with the part of the window its sequence may touch (every memory instruction
    /// moving at most perAccess bytes further from the base), which the harness compares and restores.</summary>
    private protected static void SetCompareRange(uint[] init, SequenceContext s, int perAccess)
    {
        int reach = 256 + s.MemoryOps * perAccess;
        init[^2] = (uint)Math.Max(0, WindowMiddle - reach);
        init[^1] = (uint)Math.Min(HarnessImage.WindowBytes, WindowMiddle + reach);
    }

    /// <summary>The pattern our decoder picks for a word (the first match in table order, as decodetree does).</summary>
    internal PatternSpec? PatternOf(uint word) => AllPatternsCached.FirstOrDefault(p => p.Matches(word) && TableAccepts(p, word));
    List<PatternSpec> AllPatternsCached => all ??= AllPatterns().ToList();
    List<PatternSpec>? all;
    private protected virtual bool TableAccepts(PatternSpec p, uint word) => true;

    /// <summary>Whether our frontend accepts the word: it lifts without an undefined-instruction exit at its pc.</summary>
    public bool FrontendAccepts(IGuestFrontend frontend, uint word)
    {
        // Frontends read little-endian words and swap them for a big-endian guest.
        var code = new SingleWordCode(Swap(EndTrap)) { Word = Swap(word) };
        return LiftVerdict.Defined(frontend.Lift(SingleWordCode.Pc, code), SingleWordCode.Pc);
    }

    uint Swap(uint word) => BigEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(word) : word;

    /// <summary>A 32-bit value that is often an edge case.</summary>
    public static uint Interesting(Random r) => r.Next(10) switch
    {
        0 => 0,
        1 => 0xffffffff,
        2 => 0x80000000,
        3 => 0x7fffffff,
        4 => (uint)r.Next(64),
        5 => (uint)-r.Next(1, 64),
        6 => 1u << r.Next(32),
        _ => (uint)r.NextInt64(0, 1L << 32),
    };

    public byte[] HarnessElf()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream($"harness-{Name}.elf")
            ?? throw new InvalidOperationException($"harness-{Name}.elf is not embedded");
        var bytes = new byte[s.Length];
        s.ReadExactly(bytes);
        return bytes;
    }
}

/// <summary>The registers one sequence reserves: a base for its memory accesses and an index.</summary>
sealed class SequenceContext(Random random, int baseRegister, int indexRegister)
{
    public Random Random { get; } = random;
    public int Base { get; } = baseRegister;
    public int Index { get; } = indexRegister;
    /// <summary>Memory instructions drawn so far (each widens the window range compared).</summary>
    public int MemoryOps { get; set; }
    public bool IsReserved(int reg) => reg == Base || reg == Index;
    /// <summary>Access size of the last exclusive load drawn (0: none), which a later exclusive store must match.</summary>
    public int ExclusiveSize { get; set; }
}

/// <summary>Reads a "PATTERN  reason" data file embedded in this assembly.</summary>
static class ExclusionFile
{
    public static IReadOnlyDictionary<string, string> Load(string resource)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded");
        using var reader = new StreamReader(s);
        var result = new Dictionary<string, string>();
        int line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            text = text.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            int space = text.IndexOfAny([' ', '\t']);
            if (space < 0) throw new InvalidDataException($"{resource}:{line}: a pattern needs a reason");
            result[text[..space]] = text[space..].Trim();
        }
        return result;
    }
}
