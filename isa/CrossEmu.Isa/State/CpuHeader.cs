using System.Runtime.InteropServices;

namespace CrossEmu.Isa.State;

/// <summary>
/// The part of every ISA's CPU state that the execution engine itself uses. Each frontend's
/// state struct starts with it, so engine code reaches it at offset 0 of the state pointer.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct CpuHeader
{
    /// <summary>Guest pc at an exit (the next instruction to run, or the faulting one).</summary>
    public uint Pc;
    public ExitReason Exit;
    public uint ExitArg;
    public uint FaultAddress;
    /// <summary>
    /// Non-zero makes running code leave at the next block boundary (compiled code checks it at
    /// loop back edges and before chaining). LeaveCode only returns to the engine's dispatcher;
    /// WantRuntime also makes the engine return ExitReason.Interrupted to its caller. Other
    /// threads set bits with Interlocked.Or.
    /// </summary>
    public int ExitRequest;
    /// <summary>Exclusive monitor for load-linked / store-conditional.</summary>
    public int LinkValid;
    public uint LinkAddress;
    public int LinkSize;
    public ulong LinkValue;
    /// <summary>Guest instructions executed (counted per block).</summary>
    public ulong InsnCount;
    /// <summary>
    /// The table the memory fast path indexes for this CPU when the memory's layout says
    /// TablePerCpu (a system-mode TLB); unused by user mode, whose table is shared.
    /// </summary>
    public nint PageTable;
    /// <summary>
    /// Where a slow-path load leaves a value it cannot give in place (a device register, bytes
    /// from two pages that are not consecutive in host memory): see IGuestMemory.LoadAddress.
    /// </summary>
    public ulong LoadBuffer;

    public const int LeaveCode = 1, WantRuntime = 2;

    /// <summary>Asks the CPU running on this state to return to the runtime soon (from any thread).</summary>
    public static unsafe void RequestRuntime(CpuHeader* h) => Interlocked.Or(ref h->ExitRequest, WantRuntime);
}
