using System.Runtime.InteropServices;

namespace CrossEmu.Jit.Runtime;

/// <summary>
/// One function-pointer slot per guest pc that compiled code jumps to directly. A region that
/// exits to a constant pc reads that pc's slot and tail-calls it when set, so regions link to
/// each other as soon as their targets are compiled, and unlink when a slot is cleared.
/// Slots live in native memory at fixed addresses that compiled code embeds.
/// </summary>
public sealed unsafe class ChainTable : IDisposable
{
    const int Capacity = 1 << 22;
    readonly nint* slots;
    readonly Dictionary<uint, int> ids = new();

    public ChainTable() { slots = (nint*)NativeMemory.AllocZeroed((nuint)Capacity, (nuint)sizeof(nint)); }

    public void Dispose() => NativeMemory.Free(slots);

    /// <summary>The slot of a guest pc, created on first use; null when the table is full.</summary>
    public nint* SlotFor(uint pc)
    {
        lock (ids)
        {
            if (!ids.TryGetValue(pc, out int id))
            {
                if (ids.Count >= Capacity) return null;
                id = ids.Count;
                ids.Add(pc, id);
            }
            return slots + id;
        }
    }

    public void Set(uint pc, nint fn) { var s = SlotFor(pc); if (s != null) Volatile.Write(ref *s, fn); }

    public nint Get(uint pc)
    {
        lock (ids) return ids.TryGetValue(pc, out int id) ? slots[id] : 0;
    }
}
