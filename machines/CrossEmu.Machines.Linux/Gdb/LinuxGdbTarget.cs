using CrossEmu.Isa.Host;
using CrossEmu.Isa.Memory;
using CrossEmu.Jit;
using CrossEmu.Machines.Debugging.Gdb;

namespace CrossEmu.Machines.Linux.Gdb;

/// <summary>
/// A Linux user-mode process under gdb. Its threads run on their host threads as always, but through
/// an all-stop gate (AllStopGate) that stops them all at any thread's stop, and a runner
/// (ThreadRunner) that stops them at breakpoints, signals and faults. Made before the process runs:
/// it starts stopped, before its first instruction.
/// </summary>
public sealed unsafe class LinuxGdbTarget : IGdbTarget
{
    readonly LinuxProcess process;
    readonly ExecutionEngine engine;
    readonly AllStopGate gate;
    readonly HashSet<uint> breakpoints = new();

    public LinuxGdbTarget(LinuxProcess process, ExecutionEngine engine, GdbRegisterMap registers)
    {
        this.process = process;
        this.engine = engine;
        Registers = registers;
        gate = new AllStopGate(process, new ThreadRunner(process, engine));
        process.Debugger = gate;
    }

    public GdbRegisterMap Registers { get; }
    public int ProcessId => process.Pid;
    public ReadOnlySpan<byte> AuxiliaryVector => process.AuxiliaryVector;
    public IReadOnlyList<int> Threads => gate.ThreadIds();

    /// <summary>The thread's comm (prctl PR_SET_NAME; a thread starts with its creator's).</summary>
    public string? ThreadName(int thread)
    {
        var name = process.FindThread(thread)?.Name ?? process.ThreadName;
        int end = Array.IndexOf(name, (byte)0);
        return System.Text.Encoding.UTF8.GetString(name, 0, end < 0 ? name.Length : end);
    }

    /// <summary>Waits until the program is stopped before its first instruction (its main thread registered).</summary>
    public void WaitForFirstStop() => gate.WaitForFirstStop();

    public uint? ReadRegister(int thread, int number)
    {
        uint value = 0;
        return gate.WithState(thread, s => value = Registers[number].Read((byte*)s)) ? value : null;
    }

    public bool WriteRegister(int thread, int number, uint value) =>
        gate.WithState(thread, s => Registers[number].Write?.Invoke((byte*)s, value));

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

    public void InsertBreakpoint(uint address)
    {
        breakpoints.Add(address);
        engine.InsertBreakpoint(address);
    }

    public void RemoveBreakpoint(uint address)
    {
        breakpoints.Remove(address);
        engine.RemoveBreakpoint(address);
    }

    public GdbStop Resume(GdbResumePlan plan) => gate.Resume(plan);

    public void RequestInterrupt() => gate.RequestInterrupt();

    public void Kill()
    {
        process.TerminateBySignal(HostSignals.SIGKILL);
        gate.Wake();
    }

    /// <summary>The session is over: breakpoints go with the debugger, and the threads run on without it.</summary>
    public void Release()
    {
        foreach (uint address in breakpoints) engine.RemoveBreakpoint(address);
        breakpoints.Clear();
        process.Debugger = null;
        gate.Release();
    }
}
