using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Memory;

/// <summary>
/// Guest memory as both tiers of the engine reach it. An access first takes the fast path that
/// <see cref="FastPath"/> describes (compiled code emits it inline: index a table of per-page
/// entries, test the entry, add a host base), and only when the entry refuses it calls the slow
/// path here, which may read or write a device (MMIO), fill a TLB entry, invalidate translated
/// code, or report a guest fault. User mode implements it with one flat reservation and a
/// permission byte per page (<see cref="GuestMemory"/>); a system-mode soft-MMU implements it with
/// a per-CPU TLB, as QEMU's softmmu does, through the same lowering.
/// </summary>
public unsafe interface IGuestMemory
{
    /// <summary>The inline part of every access.</summary>
    PageTableLayout FastPath { get; }

    /// <summary>
    /// A load the fast path refused: where to read its size bytes, as the host reads them (little
    /// endian; big-endian guests swap in IR): in place when they are RAM, or cpu->LoadBuffer after
    /// the memory read them there (a device register, an access that crosses into a page that is not
    /// the next in host memory). Null when the access faults: the header then describes the fault
    /// (Pc = pc, Exit, FaultAddress), as <see cref="GuestFault.Record"/> does. Both tiers then read
    /// through the one address, so compiled code keeps a single load whichever path it took.
    /// </summary>
    byte* LoadAddress(CpuHeader* cpu, uint address, int size, uint pc);

    /// <summary>A store the fast path refused: performs it (RAM, MMIO, a page holding translated code), or records the fault and returns false.</summary>
    bool Store(CpuHeader* cpu, uint address, int size, ulong value, uint pc);

    /// <summary>
    /// The host address of size bytes at address for an access done in place (load-linked,
    /// store-conditional), checked for reading or also for writing (which invalidates translated
    /// code there first); null when the access faults (recorded as by <see cref="Load"/>).
    /// </summary>
    byte* AtomicAddress(CpuHeader* cpu, uint address, int size, bool write, uint pc);

    /// <summary>
    /// Reads guest code for the translator: copies the bytes from address up to the first one the
    /// guest may not execute (or the end of into, or of the address space) and returns how many.
    /// </summary>
    int ReadCode(uint address, Span<byte> into);

    /// <summary>Makes stores to the page (of guest addresses as the engine keys its translations) report through <see cref="CodeWritten"/>.</summary>
    void WatchCode(uint page);

    /// <summary>A watched page changed (a store, an unmap, a new mapping): its translations are stale.</summary>
    event Action<uint>? CodeWritten;
}

/// <summary>How a refused access reports itself in the CPU header.</summary>
public static unsafe class GuestFault
{
    /// <summary>Records a memory fault of the instruction at pc on address.</summary>
    public static void Record(CpuHeader* cpu, uint pc, uint address, ExitReason reason = ExitReason.MemoryFault)
    {
        cpu->Pc = pc;
        cpu->Exit = reason;
        cpu->FaultAddress = address;
    }
}
