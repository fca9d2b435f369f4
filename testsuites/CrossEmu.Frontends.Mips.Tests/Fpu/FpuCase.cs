using System.Globalization;

namespace CrossEmu.Frontends.Mips.Tests.Fpu;

/// <summary>
/// One recorded case: instruction words, the state before (tokens over fill values, as
/// tools/qemu_probe.py sets them up) and what qemu-user left (changed registers and data words,
/// the final FCSR, the signal if one was raised).
/// </summary>
sealed record FpuCase(string Name, uint[] Words, string Init, string Result, string Line)
{
    /// <summary>The GPRs the probe sets and reports.</summary>
    public static readonly int[] Gprs = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25];
    public const int DataWords = 16;

    public sealed class State
    {
        public readonly uint[] F = new uint[32];
        public readonly uint[] R = new uint[32];
        public readonly uint[] Mem = new uint[DataWords];
        public readonly HashSet<int> DataAddressRegs = [];
        public uint Fcsr;
        public int Signal;
    }

    /// <summary>A line "NAME | words | init | result".</summary>
    public static FpuCase Parse(string line)
    {
        var p = line.Split('|', StringSplitOptions.TrimEntries);
        if (p.Length != 4) throw new FormatException($"{line}: NAME | words | init | result expected");
        var words = p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => uint.Parse(w, NumberStyles.HexNumber)).ToArray();
        return new FpuCase(p[0], words, p[2], p[3], line);
    }

    /// <summary>The state before the case runs; @off registers hold dataBase + off.</summary>
    public State Initial(uint dataBase)
    {
        var s = new State();
        for (int n = 0; n < 32; n++) s.F[n] = 0xC0DE0000u + (uint)n;
        foreach (int n in Gprs) s.R[n] = 0x1000u + (uint)n;
        for (int n = 0; n < DataWords; n++) s.Mem[n] = 0xDEAD0000u + (uint)n;
        Apply(s, Init, dataBase);
        return s;
    }

    /// <summary>The state qemu left: the initial state with the result tokens applied.</summary>
    public State Expected(uint dataBase)
    {
        var s = Initial(dataBase);
        Apply(s, Result, dataBase);
        return s;
    }

    static void Apply(State s, string tokens, uint dataBase)
    {
        foreach (var t in tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = t.Split('=');
            string k = kv[0], v = kv[1];
            uint Hex() => uint.Parse(v, NumberStyles.HexNumber);
            switch (k[0])
            {
                case 'f' when k == "fcsr": s.Fcsr = Hex(); break;
                case 'f': s.F[int.Parse(k[1..])] = Hex(); break;
                case 'd':
                    ulong d = ulong.Parse(v, NumberStyles.HexNumber);
                    int n = int.Parse(k[1..]);
                    s.F[n] = (uint)d;
                    s.F[n + 1] = (uint)(d >> 32);
                    break;
                case 'r' when v.StartsWith('@'):
                    int r = int.Parse(k[1..]);
                    s.R[r] = dataBase + uint.Parse(v[1..], NumberStyles.HexNumber);
                    s.DataAddressRegs.Add(r);
                    break;
                case 'r': s.R[int.Parse(k[1..])] = Hex(); break;
                case 'm': s.Mem[int.Parse(k[1..])] = Hex(); break;
                case 's': s.Signal = int.Parse(v); break;
                case 'c': break;        // si_code: the runtime's business
                default: throw new FormatException(t);
            }
        }
    }

    public override string ToString() => Line;
}
