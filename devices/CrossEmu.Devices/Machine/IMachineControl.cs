namespace CrossEmu.Devices.Machine;

/// <summary>How a guest ends or restarts the machine (keyboard-controller reset pulse, debug-exit port).</summary>
public interface IMachineControl
{
    /// <summary>A system reset request (as a reset line pulse: the machine restarts the guest).</summary>
    void Reset();

    /// <summary>Powers the machine off; the emulator exits with <paramref name="exitCode"/>.</summary>
    void PowerOff(int exitCode);
}
