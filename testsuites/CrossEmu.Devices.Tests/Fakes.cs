using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Interrupts;
using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Machine;

namespace CrossEmu.Devices.Tests;

/// <summary>An interrupt controller that records each input's level and every change.</summary>
sealed class FakeInterruptController : IInterruptController
{
    readonly object gate = new();
    readonly Dictionary<int, bool> levels = [];

    public List<(int Line, bool Asserted)> Changes { get; } = [];

    public void SetIrq(int line, bool asserted)
    {
        lock (gate)
        {
            levels[line] = asserted;
            Changes.Add((line, asserted));
        }
    }

    public bool Level(int line)
    {
        lock (gate) return levels.TryGetValue(line, out bool l) && l;
    }

    /// <summary>A new line wired to input <paramref name="input"/> of this controller.</summary>
    public IrqLine Line(int input)
    {
        var line = new IrqLine();
        line.Connect(this, input);
        return line;
    }
}

sealed class FakeMachine : IMachineControl
{
    public int Resets { get; private set; }

    public List<int> PowerOffs { get; } = [];

    public void Reset() => Resets++;

    public void PowerOff(int exitCode) => PowerOffs.Add(exitCode);
}

/// <summary>A log that keeps its lines.</summary>
sealed class RecordingLog
{
    public List<string> Lines { get; } = [];

    public DeviceLog Log { get; }

    public RecordingLog(LogCategory categories = LogCategory.All) => Log = new DeviceLog(l => { lock (Lines) Lines.Add(l); }, categories);

    public bool Any(string fragment)
    {
        lock (Lines) return Lines.Any(l => l.Contains(fragment, StringComparison.Ordinal));
    }

    public int Count(string fragment)
    {
        lock (Lines) return Lines.Count(l => l.Contains(fragment, StringComparison.Ordinal));
    }
}

/// <summary>A peripheral with byte-addressed backing store that records every access it receives.</summary>
sealed class RecordingPeripheral(AccessWidths widths, int size = 64, bool allowRmw = false) : IBusPeripheral
{
    public byte[] Store { get; } = new byte[size];

    public List<string> Accesses { get; } = [];

    public AccessWidths Widths => widths;

    public bool AllowsReadModifyWrite => allowRmw;

    public ulong Read(ulong offset, AccessWidth width)
    {
        Accesses.Add($"R{width.Bytes()}@{offset}");
        ulong v = 0;
        for (int i = 0; i < width.Bytes(); i++) v |= (ulong)Store[(int)offset + i] << (8 * i);
        return v;
    }

    public void Write(ulong offset, AccessWidth width, ulong value)
    {
        Accesses.Add($"W{width.Bytes()}@{offset}={value:x}");
        for (int i = 0; i < width.Bytes(); i++) Store[(int)offset + i] = (byte)(value >> (8 * i));
    }
}
