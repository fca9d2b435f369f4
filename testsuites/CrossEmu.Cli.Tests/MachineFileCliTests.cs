namespace CrossEmu.Cli.Tests;

/// <summary>
/// Broken machine files through the real command: `crossemu machines FILE` and `crossemu system -M FILE`
/// end with exit code 1 and one "file:line: ..." line, never a wrapped map or an unhandled exception (134).
/// </summary>
[TestClass]
public sealed class MachineFileCliTests
{
    static readonly string X86Pc = File.ReadAllText(Path.Combine(Repo.Root, "machines", "platforms", "x86-pc.yaml"));

    static (Repo.Result Result, string File) Run(string text, params string[] args)
    {
        var file = Path.Combine(Repo.TempDirectory(), "pc.yaml");
        File.WriteAllText(file, text);
        return (Repo.CrossEmu(args.Select(a => a == "FILE" ? file : a), Repo.Root, TimeSpan.FromMinutes(1)), file);
    }

    static string Replace(string from, string to)
    {
        Assert.Contains(from, X86Pc);
        return X86Pc.Replace(from, to);
    }

    static void RefusedByBoth(string text, string problem)
    {
        foreach (var args in new[] { new[] { "machines", "FILE" }, ["system", "-M", "FILE", "-bios", "x", "-nographic"] })
        {
            var (r, file) = Run(text, args);
            Assert.AreEqual(1, r.ExitCode, $"{args[0]}: {r.Stderr}");
            Assert.AreEqual("", r.Stdout, args[0]);
            Assert.AreEqual($"crossemu: broken machine file {file}{problem}\n", r.Stderr, args[0]);
        }
    }

    [TestMethod]
    [DataRow("port: 0x3f8", "port: 18446744073709551615", ":19: device 'com1': port 0xffffffffffffffff is past 0xffff (I/O ports are 16-bit)")]
    [DataRow("size: 0x200", "size: 18446744073709551615",
        ":27: device 'virtio-mmio': addresses 0xfeb00000+0xffffffffffffffff go past 0xfffffffffffff (guest-physical addresses have 52 bits)")]
    [DataRow("max-size: 3G", "max-size: 16", ":16: RAM window 'ram-below-4g': max-size must be a non-zero multiple of 4 KiB")]
    public void NumbersOutOfRange(string from, string to, string problem) => RefusedByBoth(Replace(from, to), problem);

    [TestMethod]
    public void DeepNestingIsExitCode1NotAStackOverflow() =>
        RefusedByBoth(Replace("name: x86-pc", "name: " + new string('[', 100_000)), ":6: lists and mappings nested more than 32 levels deep");

    /// <summary>`crossemu system -M FILE` with a 4 KiB firmware image, for files that `machines` accepts.</summary>
    static (Repo.Result Result, string File, string Bios) RunSystem(string text, params string[] extra)
    {
        var bios = Path.Combine(Repo.TempDirectory(), "bios.bin");
        File.WriteAllBytes(bios, new byte[4096]);
        var (r, file) = Run(text, ["system", "-M", "FILE", "-bios", bios, "-nographic", .. extra]);
        return (r, file, bios);
    }

    static void RefusedBySystem(Repo.Result r, string stderr)
    {
        Assert.AreEqual(1, r.ExitCode, r.Stderr);
        Assert.AreEqual("", r.Stdout);
        Assert.AreEqual(stderr, r.Stderr);
    }

    [TestMethod]
    public void ADeviceWhereTheFirmwareGoesIsExitCode1NotAnUnhandledException()
    {
        var (r, file, bios) = RunSystem(Replace("  - { name: debug-exit, type: DebugExit, port: 0x501, size: 2 }\n",
            "  - { name: debug-exit, type: DebugExit, port: 0x501, size: 2 }\n  - { name: flash, type: VirtioMmio, address: 0xffff0000, size: 0x200 }\n"));
        RefusedBySystem(r, $"crossemu: {file}:25: device 'flash' (0xffff0000-0xffff01ff) is in the way of -bios {bios}, " +
            "whose 64 KiB go at 0xffff0000-0xffffffff (just below 4 GiB)\n");
    }

    [TestMethod]
    public void AnIrqPastTheIoApicIsRefusedAtItsLine()
    {
        var (r, file, _) = RunSystem(Replace("irq: 16, repeat: 8", "irq: 17, repeat: 8"));
        RefusedBySystem(r, $"crossemu: broken machine file {file}:27: device 'virtio-mmio7': irq 24 is not an input of the I/O APIC " +
            "(x86 machines use KVM's in-kernel irqchip: GSI 0 to 23)\n");
    }

    [TestMethod]
    public void RamTheHostCannotAllocateIsAboutDashMNotTheMachineFile()
    {
        var (r, _, _) = RunSystem(X86Pc, "-m", "1000T");
        Assert.AreEqual(1, r.ExitCode, r.Stderr);
        StringAssert.StartsWith(r.Stderr, "crossemu: -m: this host cannot allocate 1024000 GiB of guest RAM (cannot allocate ");
        Assert.AreEqual(1, r.Stderr.Count(c => c == '\n'), r.Stderr);
    }

    [TestMethod]
    public void PortsUpTo0xffffLoad()
    {
        var (r, _) = Run(Replace("port: 0x501, size: 2", "port: 0xfffe, size: 2"), "machines", "FILE");
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
        StringAssert.Matches(r.Stdout, new System.Text.RegularExpressions.Regex(@"0xfffe-0xffff\s+I/O\s+debug-exit"));
    }
}
