using System.Runtime.CompilerServices;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Runtime;

/// <summary>
/// The slow paths of guest memory accesses for compiled code (which names a memory by a small
/// integer), and load-linked/store-conditional on host atomics for both tiers. Public and static
/// so that compiled regions (in a dynamic assembly) can call them.
/// </summary>
public static unsafe class GuestAccess
{
    static readonly List<IGuestMemory?> memories = new();
    static readonly List<int> users = new();

    /// <summary>Registers a memory so compiled code can name it by a small integer; each engine that
    /// registers it unregisters it when disposed, which frees the slot (and the memory) for reuse.</summary>
    public static int Register(IGuestMemory memory)
    {
        lock (memories)
        {
            int i = memories.IndexOf(memory);
            if (i < 0) i = memories.IndexOf(null);
            if (i < 0)
            {
                memories.Add(null);
                users.Add(0);
                i = memories.Count - 1;
            }
            memories[i] = memory;
            users[i]++;
            return i;
        }
    }

    public static void Unregister(IGuestMemory memory)
    {
        lock (memories)
        {
            int i = memories.IndexOf(memory);
            if (i >= 0 && --users[i] == 0) memories[i] = null;
        }
    }

    public static IGuestMemory Get(int id) => memories[id]!;

    /// <summary>Compiled code's slow load: where to read the value, or null when it faulted (recorded in the header).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static nint SlowLoadAddress(CpuHeader* h, int memoryId, uint address, int size, uint pc) =>
        (nint)memories[memoryId]!.LoadAddress(h, address, size, pc);

    /// <summary>Compiled code's slow store: performs it, or returns false when it faulted (recorded).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool SlowStore(CpuHeader* h, int memoryId, uint address, int size, ulong value, uint pc) =>
        memories[memoryId]!.Store(h, address, size, value, pc);

    // ---- load-linked / store-conditional. The monitor lives in the CPU header; the store
    // succeeds when the linked address still holds the linked value (compare-and-swap), which is
    // how LL/SC is built on a host without them.

    /// <summary>Where an exclusive access goes, or null after recording its fault (unmapped, or not naturally aligned).</summary>
    static byte* ExclusiveAddress(CpuHeader* h, IGuestMemory m, uint address, int size, bool write, uint pc)
    {
        if ((address & (uint)(size - 1)) == 0) return m.AtomicAddress(h, address, size, write, pc);
        GuestFault.Record(h, pc, address);
        return null;
    }

    /// <summary>Load-linked: false after recording a fault; else the value and an armed monitor.</summary>
    public static bool LoadLinked(CpuHeader* h, IGuestMemory m, uint address, int size, uint pc, out ulong value)
    {
        value = 0;
        byte* p = ExclusiveAddress(h, m, address, size, write: false, pc);
        if (p == null) return false;
        value = size switch
        {
            1 => Volatile.Read(ref *p),
            2 => Volatile.Read(ref *(ushort*)p),
            4 => Volatile.Read(ref *(uint*)p),
            _ => (ulong)Interlocked.Read(ref *(long*)p),
        };
        h->LinkValid = 1; h->LinkAddress = address; h->LinkSize = size; h->LinkValue = value;
        return true;
    }

    /// <summary>Store-conditional: 1 stored, 0 failed (the monitor was lost), -1 fault (recorded).</summary>
    public static int StoreConditional(CpuHeader* h, IGuestMemory m, uint address, int size, ulong value, uint pc)
    {
        byte* p = ExclusiveAddress(h, m, address, size, write: true, pc);
        if (p == null) return -1;
        bool linked = h->LinkValid != 0 && h->LinkAddress == address && h->LinkSize == size;
        h->LinkValid = 0;
        if (!linked) return 0;
        ulong expected = h->LinkValue;
        bool stored = size switch
        {
            1 => Interlocked.CompareExchange(ref *p, (byte)value, (byte)expected) == (byte)expected,
            2 => Interlocked.CompareExchange(ref *(ushort*)p, (ushort)value, (ushort)expected) == (ushort)expected,
            4 => Interlocked.CompareExchange(ref *(uint*)p, (uint)value, (uint)expected) == (uint)expected,
            _ => Interlocked.CompareExchange(ref *(ulong*)p, value, expected) == expected,
        };
        return stored ? 1 : 0;
    }

    /// <summary>Compiled-code entry for LoadLinked; returns false on a fault (after recording it).</summary>
    public static bool TryLoadLinked(CpuHeader* h, int memoryId, uint address, int size, uint pc, ulong* result) =>
        LoadLinked(h, memories[memoryId]!, address, size, pc, out *result);

    /// <summary>Compiled-code entry for StoreConditional: 0 failed, 1 stored, -1 fault (recorded).</summary>
    public static int TryStoreConditional(CpuHeader* h, int memoryId, uint address, int size, ulong value, uint pc) =>
        StoreConditional(h, memories[memoryId]!, address, size, value, pc);
}
