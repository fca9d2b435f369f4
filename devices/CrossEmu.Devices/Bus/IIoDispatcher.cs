namespace CrossEmu.Devices.Bus;

/// <summary>
/// What a CPU model or an accelerator (KVM's exits) calls for an access that is not plain RAM:
/// memory-mapped I/O by guest-physical address and the x86 port-I/O space. Unclaimed reads return
/// all ones and unclaimed writes are dropped (both logged once per address), as on real buses.
/// </summary>
public interface IIoDispatcher
{
    ulong ReadMemory(ulong address, AccessWidth width);

    void WriteMemory(ulong address, AccessWidth width, ulong value);

    ulong ReadPort(ushort port, AccessWidth width);

    void WritePort(ushort port, AccessWidth width, ulong value);
}
