namespace CrossEmu.Machines.Debugging.Gdb;

public enum GdbStopKind { Signal, Exited, Killed }

/// <summary>
/// Why the target stopped, as a stop reply reports it: stopped by a signal (gdb numbering; SIGTRAP
/// for a breakpoint or step), exited with a status, or killed by a signal.
/// </summary>
public readonly record struct GdbStop(GdbStopKind Kind, int Value)
{
    public static GdbStop Signal(int gdbSignal) => new(GdbStopKind.Signal, gdbSignal);
    public static GdbStop Trap => Signal(GdbSignals.Trap);
    public static GdbStop Exited(int status) => new(GdbStopKind.Exited, status);
    public static GdbStop Killed(int gdbSignal) => new(GdbStopKind.Killed, gdbSignal);

    public bool Ended => Kind != GdbStopKind.Signal;

    /// <summary>T (with the one thread), W or X packet.</summary>
    public string Reply(int threadId) => Kind switch
    {
        GdbStopKind.Signal => $"T{Value & 0xff:x2}thread:{threadId:x};",
        GdbStopKind.Exited => $"W{Value & 0xff:x2}",
        _ => $"X{Value & 0xff:x2}",
    };
}
