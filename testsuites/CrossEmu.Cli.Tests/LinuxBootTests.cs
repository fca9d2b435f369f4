using CrossEmu.Kvm.Probe;

namespace CrossEmu.Cli.Tests;

/// <summary>
/// Debian's amd64 kernel with a busybox initramfs (testsuites/system/linux) on x86-pc: /init
/// prints a marker, counts CPUs, writes and reads back a file on the virtio disk and reboots.
/// It runs where `crossemu accel` finds hardware KVM; on a PVM host kernel code is emulated at
/// about a million instructions per second and the boot stalls, so the test is skipped with the
/// measured speed.
/// </summary>
[TestClass]
public sealed class LinuxBootTests
{
    static string Out(string name) => Path.Combine(Repo.Root, "testsuites", "out", "system", "linux", name);

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public void DebianKernelBootsToTheMarkerUsesTheDiskAndReboots()
    {
        foreach (var input in new[] { "vmlinuz", "initramfs.cpio.gz", "disk.img" })
            if (!File.Exists(Out(input)))
                Assert.Inconclusive($"{Out(input)} is missing: testsuites/system/linux/build.sh could not fetch Debian's kernel or build the initramfs");
        var report = KvmProbe.Run(new KvmProbeOptions { MeasureSpeed = true });
        if (!report.Usable) Assert.Inconclusive($"no usable KVM: {report.OpenError ?? report.KindDetail}");
        if (report.Kind != KvmKind.Hardware)
            Assert.Inconclusive($"KVM here is {report.Kind} ({report.KindDetail}); " +
                $"guest kernel code runs at {report.Cpl0Speed?.ToString() ?? "an unmeasured speed"}, too slow for a Linux boot");

        var dir = Repo.TempDirectory();
        var disk = Path.Combine(dir, "disk.img");
        File.Copy(Out("disk.img"), disk);
        var r = Repo.CrossEmu(["system", "-M", "x86-pc", "-accel", "kvm", "-kernel", Out("vmlinuz"), "-initrd", Out("initramfs.cpio.gz"),
            "-append", "console=ttyS0 reboot=k panic=-1 quiet", "-m", "512M", "-smp", "2",
            "-drive", $"file={disk},if=virtio", "-nographic"], dir, TimeSpan.FromMinutes(4));
        Assert.IsFalse(r.TimedOut, "the boot did not finish:\n" + r.Stdout);
        var console = r.Stdout.Replace("\r\n", "\n");
        StringAssert.Contains(console, "CROSSEMU-LINUX-UP\n");
        StringAssert.Contains(console, "cpus: 2\n");
        StringAssert.Contains(console, "disk: ok\n");
        StringAssert.Contains(console, "CROSSEMU-LINUX-DONE\n");
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
        if (Repo.FindExecutable("debugfs") is { } debugfs)
        {
            var file = Repo.Run(debugfs, ["-R", "cat /guest.txt", disk], dir, TimeSpan.FromSeconds(30));
            Assert.AreEqual("written by the guest\n", file.Stdout);
        }
    }
}
