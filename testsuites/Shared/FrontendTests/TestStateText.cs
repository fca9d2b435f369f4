using CrossEmu.Isa.State;

namespace CrossEmu.Testing;

/// <summary>
/// State strings of the per-instruction test rows: space-separated items. The ISA names its
/// registers (see its test CPU); every ISA has:
///   [addr]=v  [addr].h=v  [addr].b=v  [addr].d=v   memory (word, halfword, byte, doubleword),
///       the value in the guest's byte order; the data area is TestMemory.DataBase..+DataSize
///   le:ITEM / be:ITEM   an item for one byte order only
/// in a state before only:
///   fill=1    the data area starts as TestMemory.FillByte(i) instead of zeros
///   insns=n   CpuHeader.InsnCount
/// in an expected state only:
///   exit=ExitReason (default Jump)   pc= (default: after the last word)   arg= (ExitArg)   fault= (FaultAddress)
/// Values are decimal (may be negative) or 0x/0b prefixed. Everything an expected state does not
/// list must be as before: registers and the whole data area.
/// </summary>
public static class TestStateText
{
    public delegate IEnumerable<(int Index, uint Value)>? RegisterParser(string key, string value);

    /// <summary>Sets what the items of text name in state; expected says whether text is an expectation.</summary>
    public static void Apply(string text, TestOutcome state, bool expected, RegisterParser registers)
    {
        var items = new List<(string Raw, string Key, string Value)>();
        foreach (var raw in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string token = raw;
            if (token.StartsWith("le:", StringComparison.Ordinal) || token.StartsWith("be:", StringComparison.Ordinal))
            {
                if (token.StartsWith("be:", StringComparison.Ordinal) != state.BigEndian) continue;
                token = token[3..];
            }
            int eq = token.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"bad state item '{raw}'");
            items.Add((raw, token[..eq].ToLowerInvariant(), token[(eq + 1)..]));
        }
        // the fill comes first, whatever the order: memory items write over it
        if (!expected && items.Any(it => it.Key == "fill")) TestMemory.Fill(state.Data);

        foreach (var (raw, key, val) in items)
        {
            if (key.StartsWith('['))
            {
                int close = key.IndexOf(']');
                uint addr = (uint)TestNumbers.Parse(key[1..close]);
                int size = key[(close + 1)..] switch { "" => 4, ".b" => 1, ".h" => 2, ".d" => 8, var s => throw new ArgumentException($"bad size '{s}'") };
                if (addr < TestMemory.DataBase || addr + size > TestMemory.DataBase + TestMemory.DataSize)
                    throw new ArgumentException($"{raw}: outside the data area");
                TestMemory.Store(state.Data.AsSpan((int)(addr - TestMemory.DataBase), size), TestNumbers.Parse(val), state.BigEndian);
                continue;
            }
            switch (key)
            {
                case "fill" when !expected: break;
                case "insns" when !expected: state.InsnCount = TestNumbers.Parse(val); break;
                case "exit" when expected: state.Exit = Enum.Parse<ExitReason>(val, ignoreCase: true); break;
                case "pc" when expected: state.Pc = (uint)TestNumbers.Parse(val); break;
                case "arg" when expected: state.ExitArg = (uint)TestNumbers.Parse(val); state.CheckArg = true; break;
                case "fault" when expected: state.FaultAddress = (uint)TestNumbers.Parse(val); state.CheckFault = true; break;
                default:
                    foreach (var (index, value) in registers(key, val) ?? throw new ArgumentException($"unknown state item '{raw}'"))
                        state.R[index] = value;
                    break;
            }
        }
    }
}
