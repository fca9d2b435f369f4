using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Testing;

namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>
/// The A32 test CPU (little endian): TwoTierCpu over ArmCpuState. Registers of a state string
/// (the rest of the grammar: TestStateText):
///   r0..r14, sp, lr, fp, ip = value        (unlisted ones start as 0xDEAD00nn)
///   n z c v q = 0|1, nzcv=1010, ge=0b0101  flags (unlisted ones start clear)
///   tp = value                             TPIDRURO
/// tools/qemu-oracle.py computes expected states with qemu-arm.
/// </summary>
public sealed unsafe class ArmTestCpu : TwoTierCpu<ArmTestCpu, ArmCpuState>, ITestIsa<ArmCpuState>
{
    static readonly ArmFrontend Arm = new();

    // indices of Registers after r0..r14
    const int N = 15, Z = 16, C = 17, V = 18, Q = 19, Ge = 20, Tp = 21;

    public static uint DefaultReg(int n) => 0xDEAD0000u + (uint)n;

    /// <summary>Lifts the words placed at CodeBase (no more than there are words).</summary>
    public static IrBlock Lift(uint[] words) => LiftAt(CodeBase, words, words.Length);

    /// <summary>Places words at address (in the code page) and lifts from pc with the given limit.</summary>
    public static IrBlock LiftAt(uint pc, uint[] words, int maxInsns, uint address = CodeBase) =>
        LiftAt(pc, words, maxInsns, bigEndian: false, address);

    /// <summary>Runs a block of the last lift on a state (default: the default registers) through both tiers; they must agree.</summary>
    public static TestOutcome Run(IrBlock block, string before = "") => Run(block, before, bigEndian: false);

    /// <summary>The whole check: both tiers agree, and the outcome matches the expectation.</summary>
    public static TestOutcome Check(string words, string before, string after) => CheckOrder(words, before, after, bigEndian: false);

    // ------------------------------------------------------------------ ITestIsa

    public static IGuestFrontend Frontend(bool bigEndian) =>
        bigEndian ? throw new NotSupportedException("the A32 frontend is little endian") : Arm;

    public static IReadOnlyList<TestRegister> Registers { get; } =
    [
        .. Enumerable.Range(0, 15).Select(i => new TestRegister($"r{i}", DefaultReg(i))),
        .. "nzcvq".Select(f => new TestRegister(f.ToString(), 0, RegisterFormat.Bit)),
        new TestRegister("ge", 0, RegisterFormat.Binary),
        new TestRegister("tp"),
    ];

    public static void Write(ref ArmCpuState s, uint[] r)
    {
        for (int i = 0; i < 15; i++) s.R[i] = r[i];
        s.N = (byte)r[N]; s.Z = (byte)r[Z]; s.C = (byte)r[C]; s.V = (byte)r[V]; s.Q = (byte)r[Q];
        s.GE = r[Ge];
        s.TpidrUro = r[Tp];
    }

    public static void Read(ref ArmCpuState s, uint[] r)
    {
        for (int i = 0; i < 15; i++) r[i] = s.R[i];
        r[N] = s.N != 0 ? 1u : 0; r[Z] = s.Z != 0 ? 1u : 0; r[C] = s.C != 0 ? 1u : 0; r[V] = s.V != 0 ? 1u : 0; r[Q] = s.Q != 0 ? 1u : 0;
        r[Ge] = s.GE;
        r[Tp] = s.TpidrUro;
    }

    public static IEnumerable<(int Index, uint Value)>? Parse(string key, string value)
    {
        uint Num() => (uint)TestNumbers.Parse(value);
        return key switch
        {
            "sp" => [(13, Num())],
            "lr" => [(14, Num())],
            "fp" => [(11, Num())],
            "ip" => [(12, Num())],
            "n" or "z" or "c" or "v" or "q" => [(N + "nzcvq".IndexOf(key, StringComparison.Ordinal), Num() & 1)],
            "nzcv" when value.Length == 4 && value.All(ch => ch is '0' or '1') => value.Select((ch, i) => (N + i, (uint)(ch - '0'))).ToList(),
            "nzcv" => throw new ArgumentException($"nzcv wants 4 binary digits: {key}={value}"),
            "ge" => [(Ge, Num())],
            "tp" => [(Tp, Num())],
            ['r', .. var n] when int.TryParse(n, out int r) && r is >= 0 and < 15 => [(r, Num())],
            _ => null,
        };
    }
}
