namespace CrossEmu.Isa.State;

/// <summary>Why guest code handed control back to the runtime.</summary>
public enum ExitReason : int
{
    None = 0,
    /// <summary>Reached a guest pc with no usable translation; the dispatcher carries on.</summary>
    Jump,
    /// <summary>System call; Pc is the instruction after it, Arg the immediate (SVC #imm).</summary>
    Syscall,
    /// <summary>Undefined instruction at Pc (SIGILL); Arg is the instruction word.</summary>
    Undefined,
    /// <summary>Access to FaultAddress by the instruction at Pc was not permitted (SIGSEGV).</summary>
    MemoryFault,
    /// <summary>Misaligned access to FaultAddress by the instruction at Pc, on an ISA that requires alignment (SIGBUS, BUS_ADRALN).</summary>
    AlignmentFault,
    /// <summary>Breakpoint instruction at Pc (SIGTRAP).</summary>
    Breakpoint,
    /// <summary>ISA trap with code Arg (e.g. MIPS TEQ/BREAK codes) that the runtime maps to a signal.</summary>
    Trap,
    /// <summary>Integer overflow exception at Pc (MIPS ADD/ADDI/SUB): SIGFPE, FPE_INTOVF.</summary>
    IntegerOverflow,
    /// <summary>Floating-point exception with its trap enabled at Pc; Arg holds the ISA's cause bits.</summary>
    FloatingPoint,
    /// <summary>A feature not emulated yet; Arg selects the message (see UnsupportedFeature).</summary>
    Unsupported,
    /// <summary>ExitRequest was set (a signal is pending, code was invalidated, stop requested).</summary>
    Interrupted,
    /// <summary>
    /// Compiled code checked the memory accesses of several instructions at once, and the check
    /// failed at Pc: the engine runs on from Pc in the interpreter, which checks each access exactly.
    /// </summary>
    Deoptimize,
    /// <summary>The guest stopped the CPU.</summary>
    Halt,
    /// <summary>Pc holds a debugger's breakpoint (ExecutionEngine.InsertBreakpoint); nothing there has run yet.</summary>
    DebugStop,
}

/// <summary>Arg of ExitReason.Unsupported.</summary>
public enum UnsupportedFeature : uint
{
    ThumbState = 1,
}
