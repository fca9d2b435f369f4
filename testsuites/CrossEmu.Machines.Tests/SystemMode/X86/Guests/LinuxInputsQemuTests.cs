namespace CrossEmu.Machines.Tests.SystemMode.X86.Guests;

/// <summary>
/// The Linux boot test's inputs (testsuites/system/linux: Debian's kernel, the busybox initramfs
/// whose /init prints a marker, counts CPUs, writes a file on the virtio disk and reboots) under
/// QEMU's microvm with TCG: the cross-check that the inputs are right, so that the CrossEmu boot
/// test (which needs hardware KVM) can only fail for CrossEmu's reasons.
/// </summary>
[TestClass]
public sealed class LinuxInputsQemuTests
{
    static string Input(string name) => Path.Combine(X86Guests.RepoRoot, "testsuites", "out", "system", "linux", name);

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public void InitramfsBootsUsesTheDiskAndRebootsUnderQemu()
    {
        QemuX86.RequireQemu();
        foreach (var name in new[] { "vmlinuz", "initramfs.cpio.gz", "disk.img" })
            if (!File.Exists(Input(name))) Assert.Inconclusive($"{Input(name)} is missing: testsuites/system/linux/build.sh could not fetch or build it");
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var disk = Path.Combine(dir.FullName, "disk.img");
            File.Copy(Input("disk.img"), disk);
            // lpj and tsc=reliable spare the kernel its timer calibration, which stalls under TCG on a busy host.
            var r = X86Guests.Run(QemuX86.Binary,
            [
                "-M", "microvm,x-option-roms=off,rtc=on,pit=on,pic=on,isa-serial=on", "-cpu", "max", "-m", "512M", "-smp", "2",
                "-kernel", Input("vmlinuz"), "-initrd", Input("initramfs.cpio.gz"),
                "-append", "console=ttyS0 reboot=k panic=-1 lpj=2000000 tsc=reliable quiet",
                "-nographic", "-no-reboot", "-nodefaults", "-serial", "stdio", "-global", "virtio-mmio.force-legacy=false",
                "-drive", $"if=none,id=d0,file={disk},format=raw", "-device", "virtio-blk-device,drive=d0", "-accel", "tcg",
            ], TimeSpan.FromMinutes(8));
            var console = r.Stdout.Replace("\r\n", "\n");
            Assert.IsFalse(r.TimedOut, "QEMU did not finish:\n" + console);
            StringAssert.Contains(console, "CROSSEMU-LINUX-UP\n");
            StringAssert.Contains(console, "cpus: 2\n");
            StringAssert.Contains(console, "disk: ok\n");
            StringAssert.Contains(console, "CROSSEMU-LINUX-DONE\n");
            Assert.AreEqual(0, r.ExitCode, r.Stderr);
            if (X86Guests.Which("debugfs") is { } debugfs)
                Assert.AreEqual("written by the guest\n", X86Guests.Run(debugfs, ["-R", "cat /guest.txt", disk], TimeSpan.FromSeconds(30)).Stdout);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
