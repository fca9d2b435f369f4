using CrossEmu.Devices.Interrupts;

namespace CrossEmu.Machines.SystemMode;

/// <summary>
/// Where device IRQ lines end before the interrupt controller exists: devices are built from the
/// machine file first, the accelerator's irqchip (KVM_IRQ_LINE) or a controller model is created
/// later and set as <see cref="Target"/>; levels asserted before then are forwarded on connection.
/// </summary>
public sealed class InterruptRouter : IInterruptController
{
    readonly object gate = new();
    readonly Dictionary<int, bool> levels = [];
    IInterruptController? target;

    public IInterruptController? Target
    {
        get { lock (gate) return target; }
        set
        {
            lock (gate)
            {
                target = value;
                if (value == null) return;
                foreach (var (line, asserted) in levels)
                    if (asserted) value.SetIrq(line, true);
            }
        }
    }

    public void SetIrq(int line, bool asserted)
    {
        lock (gate)
        {
            levels[line] = asserted;
            target?.SetIrq(line, asserted);
        }
    }

    public bool IsAsserted(int line)
    {
        lock (gate) return levels.TryGetValue(line, out var a) && a;
    }
}
