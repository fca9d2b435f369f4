namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>
/// What the gdb stub needs from a debugged program (the Linux user runtime implements it).
/// All calls but RequestInterrupt come from the stub's thread while the target is stopped.
/// </summary>
public interface IGdbTarget
{
    /// <summary>Register numbering, byte order and target description.</summary>
    GdbRegisterMap Registers { get; }

    /// <summary>The auxiliary vector as the kernel gave it to the program (guest byte order, ending
    /// in AT_NULL). gdb reads it to find where a PIE and the dynamic loader were put.</summary>
    ReadOnlySpan<byte> AuxiliaryVector { get; }

    /// <summary>The process id gdb shows (one thread, with the same id).</summary>
    int ProcessId { get; }

    uint ReadRegister(int number);
    void WriteRegister(int number, uint value);

    /// <summary>False when some byte is not mapped. Ignores guest permissions, as ptrace does.</summary>
    bool ReadMemory(uint address, Span<byte> into);
    bool WriteMemory(uint address, ReadOnlySpan<byte> data);

    /// <summary>Breakpoints live in the target, not as trap instructions in guest memory.</summary>
    void InsertBreakpoint(uint address);
    void RemoveBreakpoint(uint address);

    /// <summary>
    /// Runs until a breakpoint, a signal, the end of the process or an interrupt; one instruction
    /// only when step (a MIPS branch with its delay slot). gdbSignal, when not 0, is delivered to the
    /// guest first (`C sig`); resuming with 0 discards the signal of the last stop, as qemu does.
    /// </summary>
    GdbStop Resume(bool step, int gdbSignal);

    /// <summary>Makes a running Resume stop soon with SIGINT. Any thread.</summary>
    void RequestInterrupt();

    /// <summary>Ends the process (gdb's kill).</summary>
    void Kill();
}
