namespace CrossEmu.Cli.Tests;

/// <summary>`crossemu system`, `machines` and `accel` as a user runs them.</summary>
[TestClass]
public sealed class SystemCliTests
{
    static string Out(params string[] parts) => Path.Combine([Repo.Root, "testsuites", "out", "system", .. parts]);

    static Repo.Result CrossEmu(params string[] args) => Repo.CrossEmu(args, Repo.Root, TimeSpan.FromMinutes(2));

    [TestMethod]
    public void MachinesListsX86Pc()
    {
        var r = CrossEmu("machines");
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
        StringAssert.Matches(r.Stdout,
            new System.Text.RegularExpressions.Regex(@"^x86-pc\s+x86_64\s+microvm-like", System.Text.RegularExpressions.RegexOptions.Multiline));
    }

    [TestMethod]
    public void MachinesShowsTheAddressMap()
    {
        var r = CrossEmu("machines", "x86-pc");
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
        StringAssert.Contains(r.Stdout, "0x00000000-0x1fffffff");
        StringAssert.Matches(r.Stdout, new System.Text.RegularExpressions.Regex(@"0x03f8-0x03ff\s+I/O\s+com1\s+Ns16550\s+irq 4 \(console\)"));
        StringAssert.Matches(r.Stdout, new System.Text.RegularExpressions.Regex(@"0xfeb00e00-0xfeb00fff\s+MMIO\s+virtio-mmio7\s+VirtioMmio\s+irq 23"));
    }

    [TestMethod]
    public void BrokenMachineFileIsOneLineWithFileAndLine()
    {
        var dir = Repo.TempDirectory();
        var file = Path.Combine(dir, "broken.yaml");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(Repo.Root, "machines", "platforms", "x86-pc.yaml"))
            .Replace("type: Mc146818", "type: Mc146819"));
        var r = CrossEmu("system", "-M", file, "-bios", file);
        Assert.AreEqual(1, r.ExitCode);
        StringAssert.Matches(r.Stderr,
            new System.Text.RegularExpressions.Regex(@"^crossemu: broken machine file .*broken\.yaml:\d+: unknown device type 'Mc146819' \(known: .*\)\n$"));
    }

    [TestMethod]
    [DataRow(new[] { "-kernel", "/nonexistent/bzImage" }, "crossemu: /nonexistent/bzImage: no such file")]
    [DataRow(new[] { "-kernel", "/etc/hostname" }, "crossemu: /etc/hostname: not a bzImage or multiboot image")]
    [DataRow(new[] { "-M", "pdp11", "-kernel", "x" }, "crossemu: unknown machine 'pdp11' (known: x86-pc")]
    [DataRow(new[] { "-drive", "file=a.img,if=scsi" }, "crossemu: system: -drive file=a.img,if=scsi: only if=virtio is supported")]
    [DataRow(new string[0], "crossemu: nothing to boot")]
    public void BadInputIsOneClearLine(string[] args, string message)
    {
        var r = CrossEmu(["system", .. args]);
        Assert.AreEqual(1, r.ExitCode);
        StringAssert.StartsWith(r.Stderr, message);
        Assert.AreEqual(1, r.Stderr.TrimEnd('\n').Split('\n').Length, r.Stderr);
    }

    [TestMethod]
    public void TooLittleMemoryForKernelAndInitrd()
    {
        var kernel = Out("linux", "vmlinuz");
        if (!File.Exists(kernel)) Assert.Inconclusive($"{kernel} is missing (testsuites/system/linux/build.sh fetches it)");
        var r = CrossEmu("system", "-kernel", kernel, "-initrd", Out("linux", "initramfs.cpio.gz"), "-m", "64M");
        Assert.AreEqual(1, r.ExitCode);
        StringAssert.Matches(r.Stderr,
            new System.Text.RegularExpressions.Regex(@"^crossemu: 64 MiB of RAM is too small for this kernel \(needs \d+ MiB from 1 MiB\)"));
    }

    [TestMethod]
    public void WithoutKvmTheErrorSaysWhatIsMissingAndHowToFixIt()
    {
        if (File.Exists("/dev/kvm")) Assert.Inconclusive("this host has /dev/kvm; the missing-KVM message cannot be seen here");
        var kernel = Out("linux", "vmlinuz");
        if (!File.Exists(kernel)) Assert.Inconclusive($"{kernel} is missing (testsuites/system/linux/build.sh fetches it)");
        var r = CrossEmu("system", "-kernel", kernel);
        Assert.AreEqual(1, r.ExitCode);
        StringAssert.StartsWith(r.Stderr, "crossemu: open /dev/kvm failed: ENOENT (/dev/kvm does not exist:");
        StringAssert.Contains(r.Stderr, "load kvm_intel or kvm_amd");
    }

    [TestMethod]
    public void AccelReportsTheKindOfKvm()
    {
        var r = CrossEmu("accel", "--no-speed");
        Assert.IsTrue(r.ExitCode is 0 or 3, $"exit {r.ExitCode}: {r.Stderr}");
        StringAssert.Contains(r.Stdout, "device: /dev/kvm: ");
        StringAssert.Matches(r.Stdout, new System.Text.RegularExpressions.Regex(@"kind: (None|Hardware|Pvm|ModuleLoadedNotBound|Unknown): "));
        Assert.AreEqual(File.Exists("/dev/kvm") ? "present" : "missing",
            r.Stdout.Contains("device: /dev/kvm: missing") ? "missing" : "present");
        Assert.AreEqual(r.ExitCode == 0, !r.Stdout.Contains("verdict: x86 guests cannot run on this host"));
    }

    [TestMethod]
    public void BareMetalGuestOnTheCommandLine()
    {
        var image = Out("x86", "hello.bin");
        if (!File.Exists(image)) Assert.Inconclusive($"{image} is missing (testsuites/system/x86/build.sh builds it with as/ld)");
        if (!File.Exists("/dev/kvm")) Assert.Inconclusive("no /dev/kvm on this host (crossemu accel says why)");
        var r = CrossEmu("system", "-M", "x86-pc", "-bios", image, "-m", "64M", "-nographic");
        Assert.AreEqual(33, r.ExitCode, r.Stderr);
        Assert.AreEqual("hello from long mode\nmode: 64-bit long mode (EFER.LMA=1, CR0.PG=1, CR4.PAE=1)\n", r.Stdout.Replace("\r\n", "\n"));
    }
}
