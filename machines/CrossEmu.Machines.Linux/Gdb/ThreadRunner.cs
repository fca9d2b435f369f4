using CrossEmu.Isa.State;
using CrossEmu.Jit;
using CrossEmu.Machines.Debugging.Gdb;
using CrossEmu.Machines.Linux.Signals;

namespace CrossEmu.Machines.Linux.Gdb;

/// <summary>
/// Runs one guest thread under gdb, on its own host thread, as LinuxProcess runs it, with three
/// differences: a fault or a signal stops it before the guest sees it (gdb then passes it on with
/// `C sig` or drops it); a step runs one instruction through the engine's Step; with breakpoints set
/// the code away from them still runs compiled and the engine stops before one
/// (ExecutionEngine.InsertBreakpoint).
/// </summary>
sealed unsafe class ThreadRunner(LinuxProcess process, ExecutionEngine engine)
{
    /// <summary>Runs until the thread stops (the stop), all threads must stop (null: stopRequested said so),
    /// or the thread or process ended (null).</summary>
    public GdbStop? Run(DebuggedThread d, GdbResumeAction action, bool overBreakpoint, Func<bool> stopRequested)
    {
        var t = d.Guest;
        void* state = (void*)t.State;
        var header = (CpuHeader*)state;
        PassSignal(d, action.Signal, state);
        bool first = true;
        while (!Gone(t))
        {
            if (stopRequested()) return null;
            bool atBreakpoint = engine.HasBreakpoint(header->Pc);
            if (atBreakpoint && !action.Step && !(first && overBreakpoint)) return Trap(t.Tid);
            first = false;
            // Code runs compiled; the engine stops before a breakpoint, and a step runs the instruction at one.
            var reason = action.Step || atBreakpoint ? engine.Step(state) : engine.Run(state);
            if (reason == ExitReason.DebugStop) return Trap(t.Tid);
            if (process.SignalForExit(header, reason) is { } fault) return StopFor(d, fault, isFault: true);
            d.InSyscall = reason == ExitReason.Syscall;
            try { process.HandleExit(state, reason); }
            finally { d.InSyscall = false; }
            if (Gone(t)) break;
            if (process.Signals.TakeDeliverable() is { } signal) return StopFor(d, signal, isFault: false);
            if (action.Step) return Trap(t.Tid);
        }
        return null;
    }

    bool Gone(Threads.GuestThread t) => process.HasExited || process.PendingExec != null || t.Exited;

    static GdbStop Trap(int tid) => GdbStop.Signal(GdbSignals.Trap, tid);

    GdbStop StopFor(DebuggedThread d, SignalInfo info, bool isFault)
    {
        d.StopSignal = (info, isFault);
        return GdbStop.Signal(GdbSignals.FromHost(process.Abi.ToHostSignal(info.Signal)), d.Tid);
    }

    /// <summary>Delivers what gdb resumes the thread with; its last stop's signal is dropped unless it is that one.</summary>
    void PassSignal(DebuggedThread d, int gdbSignal, void* state)
    {
        var stopped = d.StopSignal;
        d.StopSignal = null;
        int host = GdbSignals.ToHost(gdbSignal);
        if (host == 0)
        {
            if (stopped is { Fault: false }) SignalDelivery.RestoreSavedMask(process);
            return;
        }
        int guest = process.Abi.ToGuestSignal(host);
        if (stopped is { } s && s.Info.Signal == guest)
        {
            if (s.Fault) SignalDelivery.Force(process, state, s.Info);
            else SignalDelivery.DeliverTaken(process, state, s.Info);
        }
        else SignalDelivery.DeliverTaken(process, state, new SignalInfo(guest, Isa.Host.HostSignals.SI_USER, Pid: process.Pid));
    }
}
