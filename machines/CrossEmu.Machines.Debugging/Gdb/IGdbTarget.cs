namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>
/// What the gdb stub needs from a debugged program (the Linux user runtime implements it). The
/// program stops as a whole (all-stop): while the stub talks to gdb no thread of it runs. All calls
/// but RequestInterrupt come from the stub's thread while the target is stopped.
/// </summary>
public interface IGdbTarget
{
    /// <summary>Register numbering, byte order and target description.</summary>
    GdbRegisterMap Registers { get; }

    /// <summary>The auxiliary vector as the kernel gave it to the program (guest byte order, ending
    /// in AT_NULL). gdb reads it to find where a PIE and the dynamic loader were put.</summary>
    ReadOnlySpan<byte> AuxiliaryVector { get; }

    /// <summary>The process id gdb shows.</summary>
    int ProcessId { get; }

    /// <summary>The live threads' ids (never 0 or -1, which the protocol reserves), the main thread first.</summary>
    IReadOnlyList<int> Threads { get; }

    /// <summary>A thread's name for `info threads` (Linux: its comm), or null.</summary>
    string? ThreadName(int thread);

    /// <summary>A register of one thread; null when the thread is gone.</summary>
    uint? ReadRegister(int thread, int number);

    /// <summary>False when the thread is gone.</summary>
    bool WriteRegister(int thread, int number, uint value);

    /// <summary>False when some byte is not mapped. Ignores guest permissions, as ptrace does.</summary>
    bool ReadMemory(uint address, Span<byte> into);
    bool WriteMemory(uint address, ReadOnlySpan<byte> data);

    /// <summary>Breakpoints live in the target, not as trap instructions in guest memory; every thread stops at them.</summary>
    void InsertBreakpoint(uint address);
    void RemoveBreakpoint(uint address);

    /// <summary>
    /// Lets the threads go as the plan says and returns at the first breakpoint, signal, completed step
    /// or interrupt in any thread (the stop names it), once every thread has stopped; or at the end of
    /// the process. A step runs one instruction (a MIPS branch with its delay slot). A signal in an
    /// action is delivered to that thread first (`C sig`); resuming a thread with 0 discards the signal
    /// it last stopped with, as qemu does.
    /// </summary>
    GdbStop Resume(GdbResumePlan plan);

    /// <summary>Makes a running Resume stop soon with SIGINT. Any thread.</summary>
    void RequestInterrupt();

    /// <summary>Ends the process (gdb's kill).</summary>
    void Kill();
}
