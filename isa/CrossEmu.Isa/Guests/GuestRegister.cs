using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Guests;

/// <summary>Reads a register from a CPU state.</summary>
public unsafe delegate ulong RegisterRead(byte* state);

/// <summary>Writes a register of a CPU state.</summary>
public unsafe delegate void RegisterWrite(byte* state, ulong value);

/// <summary>
/// Where gdb finds a register: its number in `g`/`p` packets, the target-description feature,
/// the name gdb's feature requires when it is not the register's own (MIPS's r0..r31), and its
/// type (null: gdb's default integer) and group.
/// </summary>
public sealed record GdbNumbering(int Number, string Feature, string? Name = null, string? Type = null, string? Group = null);

/// <summary>How `-d cpu` shows a register: among the words (eight to a row), on the flags line, or not at all.</summary>
public enum CpuLogPlacement { Word, Flag, Hidden }

/// <summary>
/// One architectural register: its name, width, how to read and write it in a CPU state (Write
/// null: read-only, writes are ignored), its gdb numbering (null: gdb does not see it) and its
/// place in `-d cpu`.
/// </summary>
public sealed record GuestRegister(string Name, int Bits, RegisterRead Read, RegisterWrite? Write)
{
    public GdbNumbering? Gdb { get; init; }
    public CpuLogPlacement Log { get; init; } = CpuLogPlacement.Word;

    /// <summary>A register that is an IR slot of the state, under the slot's name.</summary>
    public static unsafe GuestRegister FromSlot(GuestStateLayout layout, int slot)
    {
        var s = layout[slot];
        int offset = s.Offset;
        return s.Type switch
        {
            IrType.I1 => new(s.Name, 1, p => p[offset], (p, v) => p[offset] = (byte)(v & 1)) { Log = CpuLogPlacement.Flag },
            IrType.I32 => new(s.Name, 32, p => *(uint*)(p + offset), (p, v) => *(uint*)(p + offset) = (uint)v),
            _ => new(s.Name, 64, p => *(ulong*)(p + offset), (p, v) => *(ulong*)(p + offset) = v),
        };
    }

    /// <summary>The guest pc, which lives in the CPU header.</summary>
    public static unsafe GuestRegister ProgramCounter(string name, RegisterWrite? write = null) =>
        new(name, 32, p => ((CpuHeader*)p)->Pc, write ?? ((p, v) => ((CpuHeader*)p)->Pc = (uint)v)) { Log = CpuLogPlacement.Hidden };
}
