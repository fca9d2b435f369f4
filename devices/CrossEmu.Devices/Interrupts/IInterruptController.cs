namespace CrossEmu.Devices.Interrupts;

/// <summary>
/// Where numbered interrupt lines end: an interrupt controller model, or an accelerator's
/// in-kernel irqchip (KVM_IRQ_LINE). Levels are level-triggered semantics: true = asserted.
/// </summary>
public interface IInterruptController
{
    void SetIrq(int line, bool asserted);
}
