namespace CrossEmu.Devices.Bus;

/// <summary>
/// A device as the bus sees it: reads and writes at an offset inside the device's region (memory
/// mapped or in the port space), in one of the widths it declares. A device knows nothing of which
/// CPU or accelerator talks to it. Offsets and widths outside what it declares never reach it:
/// the bus translates or rejects them.
/// </summary>
public interface IBusPeripheral
{
    /// <summary>The widths Read and Write accept; the bus splits or merges other widths.</summary>
    AccessWidths Widths { get; }

    ulong Read(ulong offset, AccessWidth width);

    void Write(ulong offset, AccessWidth width, ulong value);

    /// <summary>Whether the bus may carry out a write narrower than every declared width as a
    /// read-modify-write of the smallest declared width (only safe for registers without read side
    /// effects). When false such writes are logged and dropped.</summary>
    bool AllowsReadModifyWrite => false;
}
