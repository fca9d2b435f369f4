using System.Runtime.InteropServices;

namespace CrossEmu.Jit.Runtime;

/// <summary>
/// A direct-mapped guest pc -> compiled region table that compiled code probes inline on an
/// indirect branch (returns, calls through registers, jump tables). Entries are 16 bytes:
/// the guest pc (or NoPc) and the function pointer. Written under the engine's translation lock; read by compiled code on any guest thread.
/// </summary>
public sealed unsafe class IndirectMap : IDisposable
{
    public const int Bits = 16;
    public const uint Mask = (1u << Bits) - 1;
    public const ulong NoPc = ulong.MaxValue;

    public readonly ulong* Entries;

    public IndirectMap()
    {
        Entries = (ulong*)NativeMemory.AllocZeroed((nuint)(2 << Bits), sizeof(ulong));
        for (int i = 0; i < 1 << Bits; i++) Entries[2 * i] = NoPc;
    }

    public void Dispose() => NativeMemory.Free(Entries);

    public static uint IndexOf(uint pc) => (pc >> 2) & Mask;

    public void Set(uint pc, nint fn)
    {
        // In this order, so that compiled code on another guest thread never pairs a pc with another pc's code.
        ulong* e = Entries + 2 * IndexOf(pc);
        Volatile.Write(ref e[1], 0UL);
        Volatile.Write(ref e[0], pc);
        Volatile.Write(ref e[1], (ulong)fn);
    }

    public void Remove(uint pc)
    {
        ulong* e = Entries + 2 * IndexOf(pc);
        if (e[0] == pc) { Volatile.Write(ref e[1], 0UL); Volatile.Write(ref e[0], NoPc); }
    }

    public nint Lookup(uint pc)
    {
        ulong* e = Entries + 2 * IndexOf(pc);
        return e[0] == pc ? (nint)e[1] : 0;
    }
}
