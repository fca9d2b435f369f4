using CrossEmu.Isa;

namespace CrossEmu.Testing;

/// <summary>How a register of a test state prints in failure messages.</summary>
public enum RegisterFormat { Hex, Bit, Binary }

/// <summary>A register that test states set and check: a GPR, a flag, a special register.</summary>
public sealed record TestRegister(string Name, uint Default = 0, RegisterFormat Format = RegisterFormat.Hex)
{
    public string Show(uint value) => Format switch
    {
        RegisterFormat.Bit => value.ToString(),
        RegisterFormat.Binary => "0b" + Convert.ToString(value, 2),
        _ => $"0x{value:x8}",
    };
}

/// <summary>
/// What TwoTierCpu needs of an ISA: its frontend, the registers of its state struct that test
/// states name, and how a state string names them.
/// </summary>
public interface ITestIsa<TState> where TState : unmanaged
{
    /// <summary>The frontend for a byte order.</summary>
    static abstract IGuestFrontend Frontend(bool bigEndian);

    /// <summary>The registers tests set and check, in the order of TestOutcome.R.</summary>
    static abstract IReadOnlyList<TestRegister> Registers { get; }

    /// <summary>Sets the state's registers from r (indexed as Registers).</summary>
    static abstract void Write(ref TState state, uint[] r);

    /// <summary>Reads the state's registers into r (indexed as Registers).</summary>
    static abstract void Read(ref TState state, uint[] r);

    /// <summary>The registers an item "key=value" sets, or null when key names none.</summary>
    static abstract IEnumerable<(int Index, uint Value)>? Parse(string key, string value);
}
