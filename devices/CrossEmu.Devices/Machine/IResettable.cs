namespace CrossEmu.Devices.Machine;

/// <summary>A device with state a machine reset returns to power-on values (the machine calls
/// <see cref="Reset"/> on each such device when the guest or the monitor resets it).</summary>
public interface IResettable
{
    void Reset();
}
