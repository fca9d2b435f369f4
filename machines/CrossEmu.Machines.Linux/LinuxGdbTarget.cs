using CrossEmu.Isa.Host;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit;
using CrossEmu.Machines.Debugging.Gdb;
using CrossEmu.Machines.Linux.Signals;

namespace CrossEmu.Machines.Linux;

/// <summary>
/// A Linux user-mode process under gdb. It runs the guest like LinuxProcess.Run, with three
/// differences: a fault or a signal stops the target before the guest sees it (gdb then passes it
/// on with `C sig` or drops it); a step runs one instruction through the engine's Step; with
/// breakpoints set the code away from them still runs compiled and the engine stops before one
/// (ExecutionEngine.InsertBreakpoint); gdb's interrupt makes the engine return at the next block.
/// </summary>
public sealed unsafe class LinuxGdbTarget : IGdbTarget, IDisposable
{
    readonly LinuxProcess process;
    readonly ExecutionEngine engine;
    readonly nint state;
    int interruptRequested;
    /// <summary>The signal of the last stop, still to be delivered or dropped; Fault when the
    /// instruction at pc raised it (then delivery is forced, as for any fault).</summary>
    (SignalInfo Info, bool Fault)? stopSignal;

    public LinuxGdbTarget(LinuxProcess process, ExecutionEngine engine, void* state, GdbRegisterMap registers)
    {
        this.process = process;
        this.engine = engine;
        this.state = (nint)state;
        Registers = registers;
        // A signal posted by a timer thread makes running code come back, as in LinuxProcess.Run.
        process.Signals.Interrupt = () => CpuHeader.RequestRuntime(Header);
    }

    public void Dispose() => process.Signals.Interrupt = null;

    CpuHeader* Header => (CpuHeader*)state;

    public GdbRegisterMap Registers { get; }
    public int ProcessId => process.Pid;
    public ReadOnlySpan<byte> AuxiliaryVector => process.AuxiliaryVector;

    public uint ReadRegister(int number) => Registers[number].Read((byte*)state);

    public void WriteRegister(int number, uint value) => Registers[number].Write?.Invoke((byte*)state, value);

    public bool ReadMemory(uint address, Span<byte> into)
    {
        if (!IsMapped(address, into.Length)) return false;
        process.Memory.Span(address, into.Length).CopyTo(into);
        return true;
    }

    public bool WriteMemory(uint address, ReadOnlySpan<byte> data)
    {
        if (!IsMapped(address, data.Length)) return false;
        process.Memory.WriteUnchecked(address, data);   // drops translations of code it changes
        return true;
    }

    bool IsMapped(uint address, int length)
    {
        if ((ulong)address + (ulong)length > 1UL << 32) return false;
        for (ulong page = address >> GuestMemory.PageShift; length > 0 && page <= (address + (ulong)length - 1) >> GuestMemory.PageShift; page++)
            if (!process.AddressSpace.IsUsed((uint)page)) return false;
        return true;
    }

    public void InsertBreakpoint(uint address) => engine.InsertBreakpoint(address);
    public void RemoveBreakpoint(uint address) => engine.RemoveBreakpoint(address);

    public void RequestInterrupt()
    {
        Volatile.Write(ref interruptRequested, 1);
        CpuHeader.RequestRuntime(Header);
    }

    public void Kill() => process.TerminateBySignal(HostSignals.SIGKILL);

    public GdbStop Resume(bool step, int gdbSignal)
    {
        Volatile.Write(ref interruptRequested, 0);
        PassSignal(gdbSignal);
        bool first = true;
        while (!process.HasExited)
        {
            if (Interlocked.Exchange(ref interruptRequested, 0) != 0) return GdbStop.Signal(GdbSignals.Int);
            // The instruction gdb resumes at runs even when it holds a breakpoint.
            if (!first && engine.HasBreakpoint(Header->Pc)) return GdbStop.Trap;
            first = false;
            // Code runs compiled; the engine stops before a breakpoint, and steps over the one gdb resumes at.
            var reason = step || engine.HasBreakpoint(Header->Pc) ? engine.Step((void*)state) : engine.Run((void*)state);
            if (reason == ExitReason.DebugStop) return GdbStop.Trap;
            if (process.SignalForExit(Header, reason) is { } fault) return StopFor(fault, isFault: true);
            process.HandleExit((void*)state, reason);
            if (process.HasExited) break;
            if (process.Signals.TakeDeliverable() is { } signal) return StopFor(signal, isFault: false);
            if (step) return GdbStop.Trap;
        }
        return process.TerminatingSignal is { } host ? GdbStop.Killed(GdbSignals.FromHost(host)) : GdbStop.Exited(process.ExitCode!.Value);
    }

    GdbStop StopFor(SignalInfo info, bool isFault)
    {
        stopSignal = (info, isFault);
        return GdbStop.Signal(GdbSignals.FromHost(process.Abi.ToHostSignal(info.Signal)));
    }

    /// <summary>Delivers what gdb resumes with; the last stop's signal is dropped unless it is that one.</summary>
    void PassSignal(int gdbSignal)
    {
        var stopped = stopSignal;
        stopSignal = null;
        int host = GdbSignals.ToHost(gdbSignal);
        if (host == 0)
        {
            if (stopped is { Fault: false }) SignalDelivery.RestoreSavedMask(process);
            return;
        }
        int guest = process.Abi.ToGuestSignal(host);
        if (stopped is { } s && s.Info.Signal == guest)
        {
            if (s.Fault) SignalDelivery.Force(process, (void*)state, s.Info);
            else SignalDelivery.DeliverTaken(process, (void*)state, s.Info);
        }
        else SignalDelivery.DeliverTaken(process, (void*)state, new SignalInfo(guest, HostSignals.SI_USER, Pid: process.Pid));
    }
}
