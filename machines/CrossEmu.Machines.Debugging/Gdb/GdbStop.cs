namespace CrossEmu.Machines.Debugging.Gdb;

public enum GdbStopKind { Signal, Exited, Killed }

/// <summary>
/// Why the target stopped, as a stop reply reports it: stopped by a signal (gdb numbering; SIGTRAP
/// for a breakpoint or step) in a thread, exited with a status, or killed by a signal. Thread is
/// the thread that stopped (0: the session's current one); the others stopped with it (all-stop).
/// </summary>
public readonly record struct GdbStop(GdbStopKind Kind, int Value, int Thread = 0)
{
    public static GdbStop Signal(int gdbSignal, int thread = 0) => new(GdbStopKind.Signal, gdbSignal, thread);
    public static GdbStop Trap => Signal(GdbSignals.Trap);
    public static GdbStop Exited(int status) => new(GdbStopKind.Exited, status);
    public static GdbStop Killed(int gdbSignal) => new(GdbStopKind.Killed, gdbSignal);

    public bool Ended => Kind != GdbStopKind.Signal;

    /// <summary>T with the thread (already formatted), W or X (with the process in the multiprocess form).</summary>
    public string Reply(string thread, string? process) => Kind switch
    {
        GdbStopKind.Signal => $"T{Value & 0xff:x2}thread:{thread};",
        GdbStopKind.Exited => $"W{Value & 0xff:x2}" + (process == null ? "" : $";process:{process}"),
        _ => $"X{Value & 0xff:x2}" + (process == null ? "" : $";process:{process}"),
    };
}
