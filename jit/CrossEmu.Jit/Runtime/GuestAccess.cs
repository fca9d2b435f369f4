using System.Runtime.CompilerServices;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Runtime;

/// <summary>
/// Guest memory accesses shared by both tiers: permission checks that also cover accesses
/// straddling two pages, the store slow path, and load-linked/store-conditional on host atomics.
/// Public and static so that compiled regions (in a dynamic assembly) can call them.
/// </summary>
public static unsafe class GuestAccess
{
    static readonly List<GuestMemory?> memories = new();
    static readonly List<int> users = new();

    /// <summary>Registers a memory so compiled code can name it by a small integer; each engine that
    /// registers it unregisters it when disposed, which frees the slot (and the memory) for reuse.</summary>
    public static int Register(GuestMemory memory)
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

    public static void Unregister(GuestMemory memory)
    {
        lock (memories)
        {
            int i = memories.IndexOf(memory);
            if (i >= 0 && --users[i] == 0) memories[i] = null;
        }
    }

    public static GuestMemory Get(int id) => memories[id]!;

    /// <summary>
    /// A load is allowed when its first byte's page is readable. A load that straddles into an
    /// unreadable page is not caught: the host range is readable everywhere, so it cannot hurt the
    /// host, and checking the second page would tax every load for an access compilers never emit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CanRead(GuestMemory m, uint address, int size) =>
        (m.Perms[address >> GuestMemory.PageShift] & (byte)PagePermissions.Read) != 0;

    /// <summary>Checks a store, invalidating translated code it overwrites. False: guest fault.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CanWrite(GuestMemory m, uint address, int size)
    {
        byte* perms = m.Perms;
        uint last = address + (uint)size - 1;
        const byte need = (byte)PagePermissions.Write, mask = (byte)(PagePermissions.Write | PagePermissions.CodeWatch);
        if ((perms[address >> GuestMemory.PageShift] & mask) == need && (perms[last >> GuestMemory.PageShift] & mask) == need && last >= address)
            return true;
        return last >= address && m.StoreSlowPath(address, size);
    }

    /// <summary>Slow path called by compiled code when its inline check failed: true when the store may proceed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool StoreCheckSlow(int memoryId, uint address, int size) => CanWrite(memories[memoryId]!, address, size);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fault(CpuHeader* h, uint pc, uint address)
    {
        h->Pc = pc;
        h->Exit = ExitReason.MemoryFault;
        h->FaultAddress = address;
    }

    // ---- load-linked / store-conditional. The monitor lives in the CPU header; the store
    // succeeds when the linked address still holds the linked value (compare-and-swap), which is
    // how LL/SC is built on a host without them.

    public static ulong LoadLinked(CpuHeader* h, GuestMemory m, uint address, int size)
    {
        byte* p = m.Base + address;
        ulong v = size switch
        {
            1 => Volatile.Read(ref *p),
            2 => Volatile.Read(ref *(ushort*)p),
            4 => Volatile.Read(ref *(uint*)p),
            _ => (ulong)Interlocked.Read(ref *(long*)p),
        };
        h->LinkValid = 1; h->LinkAddress = address; h->LinkSize = size; h->LinkValue = v;
        return v;
    }

    public static bool StoreConditional(CpuHeader* h, GuestMemory m, uint address, int size, ulong value)
    {
        bool linked = h->LinkValid != 0 && h->LinkAddress == address && h->LinkSize == size;
        h->LinkValid = 0;
        if (!linked) return false;
        byte* p = m.Base + address;
        ulong expected = h->LinkValue;
        return size switch
        {
            1 => Interlocked.CompareExchange(ref *p, (byte)value, (byte)expected) == (byte)expected,
            2 => Interlocked.CompareExchange(ref *(ushort*)p, (ushort)value, (ushort)expected) == (ushort)expected,
            4 => Interlocked.CompareExchange(ref *(uint*)p, (uint)value, (uint)expected) == (uint)expected,
            _ => Interlocked.CompareExchange(ref *(ulong*)p, value, expected) == expected,
        };
    }

    /// <summary>Compiled-code entry for LoadLinked; returns false on a fault (after recording it).</summary>
    public static bool TryLoadLinked(CpuHeader* h, int memoryId, uint address, int size, uint pc, ulong* result)
    {
        var m = memories[memoryId]!;
        if (!CanRead(m, address, size) || (address & (uint)(size - 1)) != 0) { Fault(h, pc, address); return false; }
        *result = LoadLinked(h, m, address, size);
        return true;
    }

    /// <summary>Compiled-code entry for StoreConditional: 0 failed, 1 stored, -1 fault (recorded).</summary>
    public static int TryStoreConditional(CpuHeader* h, int memoryId, uint address, int size, ulong value, uint pc)
    {
        var m = memories[memoryId]!;
        if (!CanWrite(m, address, size) || (address & (uint)(size - 1)) != 0) { Fault(h, pc, address); return -1; }
        return StoreConditional(h, m, address, size, value) ? 1 : 0;
    }
}
