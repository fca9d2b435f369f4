namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>Reads a register from a CPU state.</summary>
public unsafe delegate uint GdbRegisterRead(byte* state);

/// <summary>Writes a register of a CPU state.</summary>
public unsafe delegate void GdbRegisterWrite(byte* state, uint value);

/// <summary>
/// One 32-bit register as gdb sees it: its gdb number, the target-description feature and name
/// gdb looks it up by, its type (null: gdb's default integer) and group, and where it lives in the
/// CPU state. Write is null for registers the guest cannot change (writes are ignored).
/// </summary>
public sealed record GdbRegister(int Number, string Feature, string Name, string? Type, GdbRegisterRead Read,
    GdbRegisterWrite? Write, string? Group = null);
