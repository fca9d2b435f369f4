namespace CrossEmu.Devices.Character;

/// <summary>
/// The host end of a serial line or console (stdio, a file, a socket, a test's buffer). A device
/// writes bytes the guest sent; the backend calls the device's receiver with bytes for the guest.
/// </summary>
public interface ICharBackend
{
    /// <summary>Bytes from the guest to the host.</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>
    /// Sets who receives bytes from the host to the guest (a device's receive FIFO); it returns how
    /// many bytes it accepted, so that a full FIFO pushes back. The backend retries the rest when
    /// the device calls <see cref="ReceiverReady"/>.
    /// </summary>
    void Attach(Func<ReadOnlySpan<byte>, int> receiver);

    /// <summary>The device has room again for bytes the receiver refused.</summary>
    void ReceiverReady();
}
