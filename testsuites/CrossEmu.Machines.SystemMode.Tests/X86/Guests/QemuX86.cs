namespace CrossEmu.Machines.SystemMode.Tests.X86.Guests;

/// <summary>Runs an x86 test guest under qemu-system-x86_64 (TCG) on QEMU's microvm, which has the x86-pc
/// machine's devices at the same places.  Settled on QEMU 7.2:
/// <list type="bullet">
/// <item>microvm's virtio-mmio transports are legacy (version 1) unless <c>-global virtio-mmio.force-legacy=false</c>;</item>
/// <item>microvm 7.2 has 24 transports (0xFEB00000 + 0x200 * i) and fills the last first:
///   <c>bus=virtio-mmio-bus.0</c> puts the disk on the first, at 0xFEB00000 as on x86-pc;</item>
/// <item>a 64 KiB <c>-bios</c> image is accepted and mapped at 4 GiB - 64 KiB (and below 1 MiB).</item>
/// </list></summary>
public static class QemuX86
{
    public const string Binary = "qemu-system-x86_64";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static bool IsAvailable => X86Guests.Which(Binary) != null;

    public static void RequireQemu()
    {
        if (!IsAvailable) Assert.Inconclusive($"{Binary} is not installed (apt-get install qemu-system-x86)");
    }

    /// <summary>The whole command line (after the program name).</summary>
    public static IReadOnlyList<string> Arguments(string bios, string? disk, int cpus = 2)
    {
        var args = new List<string>
        {
            "-M", "microvm,x-option-roms=off,rtc=on,pit=on,pic=on,isa-serial=on",
            "-m", "64M", "-smp", cpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-bios", bios,
            "-nographic", "-no-reboot", "-nodefaults", "-serial", "stdio",
            "-device", "isa-debug-exit,iobase=0x501,iosize=2",
            "-global", "virtio-mmio.force-legacy=false",
        };
        if (disk != null)
            args.AddRange(["-drive", $"if=none,id=d0,file={disk},format=raw", "-device", "virtio-blk-device,drive=d0,bus=virtio-mmio-bus.0"]);
        args.AddRange(["-accel", "tcg"]);
        return args;
    }

    public static ProcessResult Run(string bios, string? disk = null, int cpus = 2) =>
        X86Guests.Run(Binary, Arguments(bios, disk, cpus), Timeout);

    /// <summary>What a failed assertion shows: the command, the status and both streams.</summary>
    public static string Describe(ProcessResult r, string bios, string? disk = null) =>
        $"{Binary} {string.Join(' ', Arguments(bios, disk))}\nexit {r.ExitCode}{(r.TimedOut ? " (timed out, killed)" : "")} " +
        $"after {r.Elapsed.TotalSeconds:F1} s\n--- serial ---\n{r.Stdout}\n--- stderr ---\n{r.Stderr}";
}
