namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>One virtio-mmio transport as Linux must be told of it: its registers and its interrupt.</summary>
public readonly record struct VirtioMmioTransport(ulong Address, ulong Size, int Gsi);

/// <summary>
/// Kernel command-line parameters that tell Linux's virtio_mmio driver where the transports are
/// (there is no device tree or ACPI on x86-pc): <c>virtio_mmio.device=&lt;size&gt;@&lt;address&gt;:&lt;gsi&gt;</c>.
/// The transports come from the machine file, so the file stays the one place that says where they are.
/// </summary>
public static class VirtioMmioCommandLine
{
    public static string Device(VirtioMmioTransport t) => $"virtio_mmio.device={t.Size}@0x{t.Address:x}:{t.Gsi}";

    /// <summary><paramref name="commandLine"/> with one parameter per transport appended, space-separated.</summary>
    public static string Append(string commandLine, IEnumerable<VirtioMmioTransport> attached) =>
        string.Join(' ', new[] { commandLine.Trim() }.Concat(attached.Select(Device)).Where(s => s.Length > 0));
}
