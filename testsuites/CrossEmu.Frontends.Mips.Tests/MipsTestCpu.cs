using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Testing;

namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// The MIPS32 test CPU: TwoTierCpu over MipsCpuState, in both byte orders. Words are
/// instruction values; they are stored in the order under test. Registers of a state string
/// (the rest of the grammar: TestStateText):
///   r0..r31, $0..$31 or ABI names (at v0 a0 t0 s0 k0 gp sp fp ra ...) = value   (unlisted GPRs
///       start as 0xDEAD00nn, $zero as 0)
///   hi= lo=  (unlisted: 0xDEAD0100 and 0xDEAD0101)    ulr= UserLocal
/// tools/qemu-oracle.py computes expected states with qemu-mips and qemu-mipsel.
/// </summary>
public sealed unsafe class MipsTestCpu : TwoTierCpu<MipsTestCpu, MipsCpuState>, ITestIsa<MipsCpuState>
{
    static readonly MipsFrontend Little = new(bigEndian: false), Big = new(bigEndian: true);

    // indices of Registers after the 32 GPRs
    const int Hi = 32, Lo = 33, Ulr = 34;

    public static uint DefaultReg(int n) => n == 0 ? 0 : 0xDEAD0000u + (uint)n;
    public const uint DefaultHi = 0xDEAD0100, DefaultLo = 0xDEAD0101;

    /// <summary>Places words at CodeBase in the given order and lifts at most maxInsns of them.</summary>
    public static IrBlock Lift(uint[] words, bool bigEndian, int maxInsns = -1) =>
        LiftAt(CodeBase, words, maxInsns < 0 ? words.Length : maxInsns, bigEndian);

    /// <summary>The whole check, in both byte orders.</summary>
    public static void Check(string words, string before, string after)
    {
        CheckOrder(words, before, after, bigEndian: false);
        CheckOrder(words, before, after, bigEndian: true);
    }

    // ------------------------------------------------------------------ ITestIsa

    public static IGuestFrontend Frontend(bool bigEndian) => bigEndian ? Big : Little;

    public static IReadOnlyList<TestRegister> Registers { get; } =
    [
        .. Enumerable.Range(0, 32).Select(i => new TestRegister(MipsRegs.GprName(i), DefaultReg(i))),
        new TestRegister("hi", DefaultHi),
        new TestRegister("lo", DefaultLo),
        new TestRegister("ulr"),
    ];

    public static void Write(ref MipsCpuState s, uint[] r)
    {
        for (int i = 0; i < 32; i++) s.R[i] = r[i];
        s.Hi = r[Hi]; s.Lo = r[Lo]; s.UserLocal = r[Ulr];
    }

    public static void Read(ref MipsCpuState s, uint[] r)
    {
        for (int i = 0; i < 32; i++) r[i] = s.R[i];
        r[Hi] = s.Hi; r[Lo] = s.Lo; r[Ulr] = s.UserLocal;
    }

    public static IEnumerable<(int Index, uint Value)>? Parse(string key, string value)
    {
        int r = key switch { "hi" => Hi, "lo" => Lo, "ulr" => Ulr, _ => GprIndex(key) };
        if (r < 0) return null;
        uint v = (uint)TestNumbers.Parse(value);
        if (r == 0 && v != 0) throw new ArgumentException($"{key}={value}: $zero is always 0");
        return [(r, v)];
    }

    static readonly string[] AbiNames = Enumerable.Range(0, 32).Select(MipsRegs.GprName).ToArray();

    static int GprIndex(string key)
    {
        if (key == "s8") return 30;
        int abi = Array.IndexOf(AbiNames, key);
        if (abi >= 0) return abi;
        if (key.Length >= 2 && key[0] is 'r' or '$' && int.TryParse(key[1..], out int n) && n is >= 0 and < 32) return n;
        return -1;
    }
}
