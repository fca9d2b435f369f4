using System.Text;
using CrossEmu.Isa.State;

namespace CrossEmu.Testing;

/// <summary>
/// A CPU state as tests see it: the ISA's test registers, the exit and the data area. It is the
/// state a test starts from, the state a run left, or an expectation.
/// </summary>
public sealed class TestOutcome
{
    public readonly IReadOnlyList<TestRegister> Registers;
    /// <summary>The register values, indexed as Registers.</summary>
    public readonly uint[] R;
    public readonly bool BigEndian;
    public ExitReason Exit;
    public uint Pc, ExitArg, FaultAddress;
    public byte[] Data = new byte[TestMemory.DataSize];
    /// <summary>False in an expectation that does not name the exit argument / fault address.</summary>
    public bool CheckArg = true, CheckFault = true;
    /// <summary>CpuHeader.InsnCount a run starts with (set by insns=; not compared).</summary>
    public ulong InsnCount;

    public TestOutcome(IReadOnlyList<TestRegister> registers, bool bigEndian)
    {
        Registers = registers;
        R = registers.Select(r => r.Default).ToArray();
        BigEndian = bigEndian;
    }

    public TestOutcome Clone()
    {
        var o = new TestOutcome(Registers, BigEndian)
        {
            Exit = Exit, Pc = Pc, ExitArg = ExitArg, FaultAddress = FaultAddress,
            Data = (byte[])Data.Clone(), CheckArg = CheckArg, CheckFault = CheckFault, InsnCount = InsnCount,
        };
        R.CopyTo(o.R, 0);
        return o;
    }

    public string Describe()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < R.Length; i++) sb.Append($"{Registers[i].Name}={Registers[i].Show(R[i])} ");
        sb.Append($"exit={Exit} pc=0x{Pc:x8} arg=0x{ExitArg:x8} fault=0x{FaultAddress:x8}");
        return sb.ToString();
    }

    /// <summary>Where actual differs from this (expected) state, one line each: "name: expected / actual".</summary>
    public string Differences(TestOutcome actual)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < R.Length; i++)
            if (R[i] != actual.R[i]) sb.AppendLine($"  {Registers[i].Name}: {Registers[i].Show(R[i])} / {Registers[i].Show(actual.R[i])}");
        if (Exit != actual.Exit) sb.AppendLine($"  exit: {Exit} / {actual.Exit}");
        if (Pc != actual.Pc) sb.AppendLine($"  pc: 0x{Pc:x8} / 0x{actual.Pc:x8}");
        if (CheckArg && ExitArg != actual.ExitArg) sb.AppendLine($"  arg: 0x{ExitArg:x8} / 0x{actual.ExitArg:x8}");
        if (CheckFault && FaultAddress != actual.FaultAddress) sb.AppendLine($"  fault: 0x{FaultAddress:x8} / 0x{actual.FaultAddress:x8}");
        for (int i = 0; i < TestMemory.DataSize; i += 4)
        {
            uint x = TestMemory.Word(Data, i, BigEndian), y = TestMemory.Word(actual.Data, i, actual.BigEndian);
            if (x != y) sb.AppendLine($"  [0x{TestMemory.DataBase + (uint)i:x}]: 0x{x:x8} / 0x{y:x8}");
        }
        return sb.ToString();
    }
}
