namespace CrossEmu.Devices.Interrupts;

/// <summary>
/// One interrupt wire from a device to a controller input. A device raises or lowers its level;
/// the line forwards changes only (so a device may set the same level repeatedly). An unconnected
/// line (a device whose IRQ the machine file does not wire) keeps its level and goes nowhere.
/// </summary>
public sealed class IrqLine
{
    readonly object gate = new();
    IInterruptController? controller;
    int input = -1;

    public bool Asserted { get; private set; }

    /// <summary>The controller input this line drives, or -1 when unconnected.</summary>
    public int Input => input;

    public bool IsConnected => controller != null;

    /// <summary>Wires the line to a controller input and forwards the current level.</summary>
    public void Connect(IInterruptController target, int targetInput)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetInput);
        lock (gate)
        {
            if (controller != null) throw new InvalidOperationException($"the line is already wired to input {input}");
            controller = target;
            input = targetInput;
            if (Asserted) target.SetIrq(targetInput, true);
        }
    }

    public void Set(bool asserted)
    {
        lock (gate)
        {
            if (Asserted == asserted) return;
            Asserted = asserted;
            controller?.SetIrq(input, asserted);
        }
    }

    public void Raise() => Set(true);

    public void Lower() => Set(false);

    /// <summary>An edge: raise then lower (for edge-triggered inputs such as the PIT's).</summary>
    public void Pulse()
    {
        Set(true);
        Set(false);
    }
}
