namespace CrossEmu.Cli.Tests;

/// <summary>
/// A guest target of the conformance programs and the busybox tests: its source directory
/// under testsuites/conformance, the Debian cross compiler and the qemu-user that is the reference
/// (testsuites/conformance/targets.sh says the same for the scripts).
/// </summary>
sealed record GuestTarget(string Name, string ArchDir, string Compiler, string Packages, string Qemu)
{
    public static readonly GuestTarget Arm = new("arm", "arm", "arm-linux-gnueabi-gcc", "gcc-arm-linux-gnueabi libc6-dev-armel-cross", "qemu-arm");
    public static readonly GuestTarget Mips = new("mips", "mips", "mips-linux-gnu-gcc", "gcc-mips-linux-gnu libc6-dev-mips-cross", "qemu-mips");
    public static readonly GuestTarget Mipsel = new("mipsel", "mips", "mipsel-linux-gnu-gcc", "gcc-mipsel-linux-gnu libc6-dev-mipsel-cross", "qemu-mipsel");

    public static readonly IReadOnlyList<GuestTarget> All = [Arm, Mips, Mipsel];

    public static GuestTarget Named(string name) => All.Single(t => t.Name == name);

    /// <summary>The qemu-user binary on PATH (or its -static variant), or null.</summary>
    public string? QemuPath => Repo.FindExecutable(Qemu) ?? Repo.FindExecutable(Qemu + "-static");

    /// <summary>The qemu-user binary, or the test ends inconclusive saying what to install.</summary>
    public string RequireQemu() =>
        QemuPath ?? throw new AssertInconclusiveException($"{Qemu} is not installed (apt-get install qemu-user)");

    public override string ToString() => Name;
}
