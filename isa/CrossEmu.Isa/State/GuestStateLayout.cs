using CrossEmu.Isa.Ir;

namespace CrossEmu.Isa.State;

/// <summary>A guest register as IR sees it: a slot at a fixed offset of the CPU state.</summary>
public sealed record RegSlot(int Index, string Name, IrType Type, int Offset)
{
    /// <summary>Bytes the slot occupies in the state (I1 is stored as a byte).</summary>
    public int Size => Type switch { IrType.I1 => 1, IrType.I32 => 4, _ => 8 };
}

/// <summary>
/// Describes a frontend's unmanaged CPU state: which registers exist, their IR types and
/// offsets. IR GetReg/SetReg ops name a slot by index; backends read and write the state
/// through this table.
/// </summary>
public sealed class GuestStateLayout
{
    readonly List<RegSlot> slots = new();
    readonly Dictionary<string, int> byName = new();
    /// <summary>Slot index -> its bit among the I1 slots, or -1.</summary>
    readonly List<int> flagBits = new();

    public GuestStateLayout(int stateSize) { StateSize = stateSize; }

    public int StateSize { get; }
    public IReadOnlyList<RegSlot> Slots => slots;
    public RegSlot this[int index] => slots[index];

    public int Add(string name, IrType type, int offset)
    {
        if (type == IrType.Void) throw new ArgumentException("a register has a type");
        var slot = new RegSlot(slots.Count, name, type, offset);
        if (offset < 0 || offset + slot.Size > StateSize) throw new ArgumentException($"register {name} lies outside the state");
        slots.Add(slot);
        byName.Add(name, slot.Index);
        flagBits.Add(type == IrType.I1 ? FlagCount++ : -1);
        return slot.Index;
    }

    /// <summary>How many I1 (flag) slots there are.</summary>
    public int FlagCount { get; private set; }

    /// <summary>The slot's bit among the I1 slots, numbered in slot order, or -1 (passes track flags as bit sets).</summary>
    public int FlagBitOf(long slot) => slot >= 0 && slot < flagBits.Count ? flagBits[(int)slot] : -1;

    public int IndexOf(string name) => byName[name];
}
