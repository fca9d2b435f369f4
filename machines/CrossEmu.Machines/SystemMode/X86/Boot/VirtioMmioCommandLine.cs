namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>
/// Kernel command-line parameters that tell Linux's virtio_mmio driver where the transports are
/// (there is no device tree or ACPI on x86-pc): <c>virtio_mmio.device=&lt;size&gt;@&lt;address&gt;:&lt;gsi&gt;</c>.
/// </summary>
public static class VirtioMmioCommandLine
{
    /// <summary>The x86-pc layout: transport i at <see cref="FirstAddress"/> + <see cref="Stride"/> * i on GSI <see cref="FirstGsi"/> + i.</summary>
    public const ulong FirstAddress = 0xFEB00000, Stride = 0x200, TransportSize = 0x200;
    public const int FirstGsi = 16, Slots = 8;

    public static string Device(ulong address, ulong size, int gsi) => $"virtio_mmio.device={size}@0x{address:x}:{gsi}";

    /// <summary>The parameter for transport slot <paramref name="slot"/> of the x86-pc layout.</summary>
    public static string Slot(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Slots);
        return Device(FirstAddress + Stride * (ulong)slot, TransportSize, FirstGsi + slot);
    }

    /// <summary><paramref name="commandLine"/> with one parameter per attached slot appended, space-separated.</summary>
    public static string Append(string commandLine, IEnumerable<int> attachedSlots) =>
        string.Join(' ', new[] { commandLine.Trim() }.Concat(attachedSlots.Select(Slot)).Where(s => s.Length > 0));
}
